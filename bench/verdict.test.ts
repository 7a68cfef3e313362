import { describe, expect, it } from 'vitest';
import { figureAgainst, verdictAtLeast, verdictAtMost } from './verdict.ts';

describe('verdicts', () => {
  it('prints two decimals when they tell the verdict', () => {
    expect(verdictAtLeast(0.4712, 0.6)).toBe('**missed** (0.47)');
    expect(verdictAtLeast(0.61, 0.6)).toBe('**met** (0.61)');
    expect(verdictAtMost(1.07, 1.5, 'x')).toBe('**met** (1.07x)');
  });

  it('adds decimals where rounding would put the figure on the other side of the target', () => {
    expect(verdictAtLeast(0.3981, 0.4)).toBe('**missed** (0.398)');
    expect(verdictAtLeast(0.39996, 0.4)).toBe('**missed** (0.39996)');
    expect(verdictAtMost(1.5004, 1.5, 'x')).toBe('**missed** (1.5004x)');
    expect(verdictAtLeast(0.4, 0.4)).toBe('**met** (0.40)');
  });

  it('gives up adding decimals at eight', () => {
    expect(figureAgainst(0.4 - 1e-12, (figure) => figure >= 0.4)).toBe('0.40000000');
  });
});

import { describe, expect, it } from 'vitest';
import { lastDot } from './last-dot';

describe('lastDot', () => {
  it('is -1 for an id without a dot, else the position of the last one', () => {
    expect(lastDot('review')).toBe(-1);
    expect(lastDot('editorial-round.review')).toBe(15);
    expect(lastDot('outer.inner.review')).toBe(11);
    expect(lastDot('.review')).toBe(0);
    expect(lastDot('review.')).toBe(6);
  });
});

import { describe, expect, it } from 'vitest';
import { timeText } from './time-text';

describe('timeText', () => {
  it('writes a time as String does', () => {
    const times = [
      0,
      -1,
      1.5,
      999_999_999,
      1_000_000_000,
      1_000_000_001,
      1_700_000_000_000,
      1_800_000_000_007,
      1_234_567_890_123.25,
      999_999_999_999_999,
      1e15,
      2 ** 53,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
      -1_700_000_000_000,
    ];
    for (let i = 0; i < 1000; i++) times.push(1_700_000_000_000 + i * 7_919_113);
    for (const time of times) expect(timeText(time)).toBe(String(time));
  });
});

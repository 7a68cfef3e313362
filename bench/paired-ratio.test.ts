import { describe, expect, it } from 'vitest';
import { summarizePairedRounds } from './paired-ratio.ts';

describe('summarizePairedRounds', () => {
  it('takes the ratio inside each round, not the ratio of two medians (one slow floor round cannot swing it)', () => {
    // Rounds 1–4: Stepline takes twice the floor's time. Round 5: the machine stalls during the floor only.
    const floor = [10, 20, 30, 40, 500];
    const subject = [20, 40, 60, 80, 100];
    const summary = summarizePairedRounds(floor, subject);
    expect(summary.median).toBe(0.5);
    // The stalled round's ratio (5) sits above the third quartile: it moves neither the median nor the spread.
    expect(summary.q1).toBe(0.5);
    expect(summary.q3).toBe(0.5);
    expect(summary.rounds).toBe(5);
  });

  it('differs from the ratio of medians when the rounds disagree', () => {
    const floor = [10, 10, 100];
    const subject = [100, 20, 25];
    // Per round: 0.1, 0.5, 4 -> median 0.5. Ratio of medians: 10 / 25 = 0.4.
    expect(summarizePairedRounds(floor, subject).median).toBe(0.5);
  });

  it('refuses series of different lengths', () => {
    expect(() => summarizePairedRounds([1, 2], [1])).toThrow(/paired rounds/);
  });
});

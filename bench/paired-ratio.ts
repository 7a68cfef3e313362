/**
 * Ratios of speed to the floor, taken per paired round: the floor and the subject run back to back in
 * each round, the round gives floor/subject, and the summary is the median and the quartiles of those
 * per-round ratios. Dividing two separately taken medians instead let one noisy round on a shared machine
 * swing a headline from 0.4 to 0.9.
 */
export interface RatioSummary {
  readonly rounds: number;
  /** Median of floorMs / subjectMs over the rounds (1 = as fast as the floor). */
  readonly median: number;
  readonly q1: number;
  readonly q3: number;
  readonly floorMs: number;
  readonly subjectMs: number;
}

function quantile(sorted: readonly number[], q: number): number {
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.ceil(position);
  return sorted[below]! + (sorted[above]! - sorted[below]!) * (position - below);
}

export function summarizePairedRounds(
  floorMs: readonly number[],
  subjectMs: readonly number[],
): RatioSummary {
  if (floorMs.length === 0 || floorMs.length !== subjectMs.length) {
    throw new Error(`paired rounds need equal, non-empty series (${floorMs.length} vs ${subjectMs.length})`);
  }
  const ratios = floorMs.map((floor, index) => floor / subjectMs[index]!).sort((a, b) => a - b);
  const sortedFloor = [...floorMs].sort((a, b) => a - b);
  const sortedSubject = [...subjectMs].sort((a, b) => a - b);
  return {
    rounds: ratios.length,
    median: quantile(ratios, 0.5),
    q1: quantile(ratios, 0.25),
    q3: quantile(ratios, 0.75),
    floorMs: quantile(sortedFloor, 0.5),
    subjectMs: quantile(sortedSubject, 0.5),
  };
}

/**
 * Runs every function once per round, after one warm-up of each, and returns each one's times (one per
 * round). The order rotates from round to round, so that no function always inherits another's garbage.
 */
export async function timedRounds(rounds: number, fns: readonly (() => unknown)[]): Promise<number[][]> {
  for (const fn of fns) await fn();
  const times = fns.map(() => [] as number[]);
  for (let round = 0; round < rounds; round++) {
    for (let turn = 0; turn < fns.length; turn++) {
      const index = (round + turn) % fns.length;
      const start = performance.now();
      await fns[index]!();
      times[index]!.push(performance.now() - start);
    }
  }
  return times;
}

/** `rounds` paired rounds of the floor and the subject, in alternating order. */
export async function pairedRounds(
  rounds: number,
  floor: () => unknown,
  subject: () => unknown,
): Promise<RatioSummary> {
  const [floorMs, subjectMs] = await timedRounds(rounds, [floor, subject]);
  return summarizePairedRounds(floorMs!, subjectMs!);
}

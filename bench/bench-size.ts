/**
 * How big each section runs. `pnpm bench` runs the full size and rewrites BENCHMARKS.md; `BENCH_QUICK=1`
 * runs every row at a size that finishes in well under a minute (a smoke test that every row still runs;
 * its figures are not the published ones) and writes nothing unless `BENCH_OUT` names a file.
 */
export interface BenchSize {
  readonly quick: boolean;
  /** Events of the ingest headline and of each mix row. */
  readonly events: number;
  /** Paired rounds of each ratio row. */
  readonly rounds: number;
  /** The two sizes of the "no row quadratic" section: per-event cost at the second within 1.5x of the first. */
  readonly linearSizes: readonly [number, number];
  /** Runs of each size there (median taken). */
  readonly linearRuns: number;
  /** Events of the generated stream the `@mastra/ai-sdk` anchor runs on (it is quadratic: capped). */
  readonly aiSdkEvents: number;
  /** Events of the real recordings the anchor replays (whole segments, in manifest order, up to this). */
  readonly aiSdkRecordedEvents: number;
  readonly aiSdkRounds: number;
}

export function benchSize(quick = process.env.BENCH_QUICK === '1'): BenchSize {
  return quick
    ? {
        quick,
        events: 3_000,
        rounds: 3,
        linearSizes: [1_000, 10_000],
        linearRuns: 1,
        aiSdkEvents: 300,
        aiSdkRecordedEvents: 1_000,
        aiSdkRounds: 1,
      }
    : {
        quick,
        events: 100_000,
        rounds: 15,
        linearSizes: [10_000, 100_000],
        linearRuns: 3,
        aiSdkEvents: 2_000,
        aiSdkRecordedEvents: Number.POSITIVE_INFINITY,
        aiSdkRounds: 5,
      };
}

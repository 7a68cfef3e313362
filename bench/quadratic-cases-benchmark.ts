import {
  createRunState,
  normalizeSnapshot,
  type RunEvent,
  type RunState,
  reduceRunEvents,
} from '@stepline/client';

/**
 * The paths issue 11 found quadratic, timed at two small sizes: linear work grows 4x from the first size
 * to the second, quadratic work 16x. One event per batch, as a live stream delivers them.
 */
const sizes = [1_000, 4_000] as const;

function applyOneByOne(events: readonly RunEvent[]): RunState {
  let state = createRunState();
  for (const event of events) state = reduceRunEvents(state, [event]);
  return state;
}

function start(stepId: string, startedAt: number, stepCallId = `call-${stepId}`): RunEvent {
  return {
    type: 'step-start',
    stepId,
    stepCallId,
    iteration: undefined,
    hidden: false,
    startedAt,
    input: undefined,
    resumePayload: undefined,
    resumedAt: undefined,
  };
}

const cases: { readonly name: string; readonly run: (n: number) => unknown }[] = [
  {
    name: '`data-*` chunks, each distinct',
    run: (n) =>
      applyOneByOne(
        Array.from({ length: n }, (_, index) => ({
          type: 'run-data' as const,
          name: 'data-progress',
          data: { index, label: `item ${index}` },
          stepId: undefined,
        })),
      ),
  },
  {
    name: '`writer` output without a position',
    run: (n) =>
      applyOneByOne([
        start('write', 1),
        ...Array.from({ length: n }, (_, index) => ({
          type: 'step-output' as const,
          stepId: 'write',
          stepName: 'write',
          output: { token: index },
        })),
      ]),
  },
  {
    name: 'steps arriving with decreasing `startedAt`',
    run: (n) =>
      applyOneByOne(Array.from({ length: n }, (_, index) => start(`step-${index}`, 1_000_000 - index))),
  },
  {
    name: 'snapshot read with that many running steps',
    run: (n) => {
      const steps: Record<string, unknown> = {};
      for (let index = 0; index < n; index++)
        steps[`branch-${index}`] = { status: 'running', startedAt: index };
      return normalizeSnapshot({ status: 'running', steps });
    },
  },
];

function timeMs(fn: () => unknown, rounds = 3): number {
  const times: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const started = performance.now();
    fn();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

export function quadraticCasesSection(out: (line?: string) => void): void {
  out('## Scaling: the paths that were quadratic');
  out();
  out(
    `Issue 11 measured these quadratic on the old main (4,000 writes: 5.4 s; 8,000 data chunks: 21 s; 8,000 decreasing starts: 4.2 s; a snapshot with 8,000 running steps: 1.3 s). Median of 3 runs; one event per batch. Linear work grows 4x from ${sizes[0].toLocaleString('en-US')} to ${sizes[1].toLocaleString('en-US')}, quadratic 16x.`,
  );
  out();
  out(`| case | ${sizes.map((size) => `ms at ${size.toLocaleString('en-US')}`).join(' | ')} | growth |`);
  out('|---|---:|---:|---:|');
  let worst = 0;
  for (const entry of cases) {
    const [small, large] = sizes.map((size) => timeMs(() => entry.run(size)));
    const growth = large! / Math.max(small!, 0.01);
    worst = Math.max(worst, growth);
    out(`| ${entry.name} | ${small!.toFixed(1)} | ${large!.toFixed(1)} | ${growth.toFixed(1)}x |`);
  }
  out();
  out(
    `Target: growth at most 8x (linear is 4x, quadratic 16x): **${worst <= 8 ? 'met' : 'missed'}** (worst ${worst.toFixed(1)}x).`,
  );
  out();
}

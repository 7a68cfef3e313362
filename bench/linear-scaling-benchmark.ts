// "No row quadratic" (issue 15): the cost per event at two sizes, ten times apart, on every mix, read as
// an app does (fetch -> HTTP transport -> run controller -> store). Linear work costs the same per event
// at both; work that grows with what came before shows as a ratio above 1 (quadratic work: about 10).
import { encodeMastraStream, mastraEvents } from '@stepline/client/testing';
import { type BenchSize, benchSize } from './bench-size.ts';
import { type EdgeMix, edgeMixChunks } from './edge-mixes.ts';
import { inPieces } from './floor.ts';
import { formatCensus } from './input-census.ts';
import { oneRecordPerPiece } from './mix-ratio-benchmark.ts';
import { recordedRuns } from './recorded-runs.ts';
import {
  countChunkTypes,
  recordedShapeChunks,
  type StreamMix,
  toBodyPieces,
} from './recorded-shape-stream.ts';
import { type ShippedRunOptions, steplineShipped } from './shipped-path.ts';
import { verdictAtMost } from './verdict.ts';

type Out = (line?: string) => void;

interface Input {
  readonly runs: readonly { pieces: readonly Uint8Array[]; options?: ShippedRunOptions }[];
  /** What the cost is divided by: events, or steps for a snapshot. */
  readonly units: number;
  /** The chunk types the input holds (a snapshot row: none but the run's end). */
  readonly types: Record<string, number>;
}

interface Case {
  readonly name: string;
  readonly unit: 'event' | 'step';
  readonly build: (n: number) => Input;
}

const generated =
  (mix: StreamMix, onePerRead = false) =>
  (n: number): Input => {
    const chunks = recordedShapeChunks({ events: n, distinctSteps: 500, mix });
    const pieces = toBodyPieces(chunks);
    return {
      runs: [onePerRead ? { pieces: oneRecordPerPiece(pieces), options: { readsApart: true } } : { pieces }],
      units: chunks.length,
      types: countChunkTypes(chunks),
    };
  };

const edge =
  (mix: EdgeMix) =>
  (n: number): Input => {
    const chunks = edgeMixChunks(mix, n);
    return { runs: [{ pieces: toBodyPieces(chunks) }], units: chunks.length, types: countChunkTypes(chunks) };
  };

/** Every recorded segment as its own run, over and over until `n` events. */
function replayedRecordings(n: number): Input {
  const recordings = recordedRuns().filter((run) => run.chunks.length > 0);
  const runs: Input['runs'][number][] = [];
  const chunks: unknown[] = [];
  let events = 0;
  for (let index = 0; events < n; index++) {
    const run = recordings[index % recordings.length]!;
    runs.push({ pieces: inPieces(run.bytes), options: { runId: run.runId } });
    chunks.push(...run.chunks);
    events += run.chunks.length;
  }
  return { runs, units: events, types: countChunkTypes(chunks) };
}

/** The stored run holds `n` running steps when the view attaches; the stream only ends the run. */
function snapshotWithRunningSteps(n: number): Input {
  const steps: Record<string, unknown> = {};
  for (let index = 0; index < n; index++) {
    steps[`branch-${index}`] = {
      status: 'running',
      startedAt: 1_800_000_000_000 + index,
      payload: { index },
    };
  }
  const finish = {
    ...mastraEvents.workflowFinish('success', { result: { done: true } }),
    runId: 'bench-run',
  };
  const body = encodeMastraStream([finish] as Parameters<typeof encodeMastraStream>[0]);
  return {
    runs: [{ pieces: [body], options: { storedSteps: steps } }],
    units: n,
    types: { 'stored steps, running': n, ...countChunkTypes([finish]) },
  };
}

const cases: readonly Case[] = [
  { name: 'generated `steps` mix', unit: 'event', build: generated('steps') },
  { name: 'generated `recorded` mix', unit: 'event', build: generated('recorded') },
  { name: 'generated `recorded` mix, one event per read', unit: 'event', build: generated('recorded', true) },
  { name: 'generated `agent` mix', unit: 'event', build: generated('agent') },
  { name: 'generated `loop` mix', unit: 'event', build: generated('loop') },
  { name: 'generated `loop` mix, one event per read', unit: 'event', build: generated('loop', true) },
  {
    name: '`writer` output and `data-*` chunks, every value distinct',
    unit: 'event',
    build: generated('writer'),
  },
  {
    name: '`writer` output and `data-*` chunks, one event per read',
    unit: 'event',
    build: generated('writer', true),
  },
  {
    name: 'steps with decreasing `startedAt`, each its own id',
    unit: 'event',
    build: generated('decreasing'),
  },
  {
    name: 'steps with decreasing `startedAt`, one event per read',
    unit: 'event',
    build: generated('decreasing', true),
  },
  { name: 'real recordings replayed, each segment its own run', unit: 'event', build: replayedRecordings },
  { name: '`.foreach()` reporting every item, one step', unit: 'event', build: edge('foreach') },
  { name: 'parallel branches, all running at once', unit: 'event', build: edge('parallel') },
  { name: 'agent call: tool calls and results, each its own id', unit: 'event', build: edge('agent-tools') },
  {
    name: 'agent call: text parts, each started, streamed, ended',
    unit: 'event',
    build: edge('agent-parts'),
  },
  { name: 'snapshot read with that many running steps', unit: 'step', build: snapshotWithRunningSteps },
];

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

async function timeInput(input: Input): Promise<void> {
  for (const run of input.runs) await steplineShipped(run.pieces, run.options);
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

export interface LinearRow {
  readonly name: string;
  readonly unit: Case['unit'];
  readonly small: number;
  readonly large: number;
  readonly microsSmall: number;
  readonly microsLarge: number;
  readonly largeRuns: number;
  readonly ratio: number;
  readonly types: Record<string, number>;
}

export async function linearScalingSection(out: Out, size: BenchSize): Promise<LinearRow[]> {
  const [smallSize, largeSize] = size.linearSizes;
  const rows: LinearRow[] = [];
  for (const entry of cases) {
    // Built one case at a time: the large inputs are held only while their case runs.
    const small = entry.build(smallSize);
    const large = entry.build(largeSize);
    // The two sizes in turns after a warm-up of the small one (the large one warms up as it goes). A
    // quadratic row takes minutes at the large size: its runs stop once they add up to 20 s.
    await timeInput(small);
    const smallTimes: number[] = [];
    const largeTimes: number[] = [];
    for (let run = 0; run < size.linearRuns; run++) {
      smallTimes.push(await timed(() => timeInput(small)));
      if (largeTimes.reduce((sum, ms) => sum + ms, 0) < 20_000)
        largeTimes.push(await timed(() => timeInput(large)));
    }
    const microsSmall = (median(smallTimes) * 1000) / small.units;
    const microsLarge = (median(largeTimes) * 1000) / large.units;
    rows.push({
      name: entry.name,
      unit: entry.unit,
      small: small.units,
      large: large.units,
      microsSmall,
      microsLarge,
      largeRuns: largeTimes.length,
      ratio: microsLarge / microsSmall,
      types: large.types,
    });
  }

  const int = (value: number) => value.toLocaleString('en-US');
  out('## No row quadratic: cost per event at two sizes');
  out();
  out(
    `Every mix at about ${int(smallSize)} and ${int(largeSize)} events (the snapshot row: steps), read as an app does (\`fetch\` -> HTTP transport -> run controller -> store, 64 KiB reads; one event per read: each in a turn of the event loop of its own). Median of ${size.linearRuns} runs of each size, the two sizes in turns after a warm-up of the small one; the runs of the large size stop once they add up to 20 s (a quadratic row gets one: see its run count). Linear work gives a ratio near 1; work that grows with the run, about ${int(largeSize / smallSize)}.`,
  );
  out();
  out(
    `| input | units at ${int(smallSize)} | µs per unit | units at ${int(largeSize)} | µs per unit | runs at ${int(largeSize)} | ratio |`,
  );
  out('|---|---:|---:|---:|---:|---:|---:|');
  for (const row of rows) {
    out(
      `| ${row.name} | ${int(row.small)} ${row.unit}s | ${row.microsSmall.toFixed(2)} | ${int(row.large)} ${row.unit}s | ${row.microsLarge.toFixed(2)} | ${row.largeRuns} | ${row.ratio <= 1.5 ? '' : '**'}${row.ratio.toFixed(2)}x${row.ratio <= 1.5 ? '' : '**'} |`,
    );
  }
  out();
  out(
    `Targets (issue 15: ${int(largeSize)} events within 1.5x per event of ${int(smallSize)}, on every mix): ${rows
      .map((row) => `${row.name}: ${verdictAtMost(row.ratio, 1.5, 'x')}`)
      .join('; ')}.`,
  );
  out();
  out(`What each input holds at ${int(largeSize)} (chunk types counted in the input itself):`);
  out();
  for (const row of rows) out(`- ${row.name}: ${formatCensus(row.types)}.`);
  out();
  return rows;
}

// `node --experimental-strip-types bench/linear-scaling-benchmark.ts`: this section alone (BENCH_QUICK=1 for
// 1,000 and 10,000 events).
if (import.meta.main) {
  await linearScalingSection((line = '') => process.stdout.write(`${line}\n`), benchSize());
}

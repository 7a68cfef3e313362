// The live stream as an app receives it, from Mastra's bytes to the store, each path as its own row with
// the floor (split on \x1E + JSON.parse of the same bytes) run back to back in every round:
// - over the app's route: Mastra -> `createSteplineRoute` (its SSE relay) -> `createRouteTransport` (SSE)
//   -> run controller -> store;
// - straight from Mastra: fetch -> HTTP transport -> run controller -> store (the shipped default);
// each with Mastra's body in 64 KiB reads and with one event per read (a server flushing every event: each
// read in a turn of the event loop of its own, so no transport can take several into one batch).
import { type BenchSize, benchSize } from './bench-size.ts';
import { floorReadsApart, floorRun } from './floor.ts';
import { oneRecordPerPiece } from './mix-ratio-benchmark.ts';
import { pairedRounds, type RatioSummary } from './paired-ratio.ts';
import { recordedShapeChunks, toBodyPieces } from './recorded-shape-stream.ts';
import { type ShippedRunOptions, steplineOverRoute, steplineShipped } from './shipped-path.ts';
import { verdictAtLeast } from './verdict.ts';

type Pieces = readonly Uint8Array[];

export interface SseRelayRow {
  readonly name: string;
  readonly summary: RatioSummary;
}

export async function sseRelaySection(out: (line?: string) => void, size: BenchSize): Promise<SseRelayRow[]> {
  const batched = toBodyPieces(
    recordedShapeChunks({ events: size.events, distinctSteps: 500, mix: 'recorded' }),
  );
  const single = oneRecordPerPiece(batched);
  const count = floorRun(batched);
  const rows: SseRelayRow[] = [];
  const measure = async (
    name: string,
    pieces: Pieces,
    subject: (pieces: Pieces, options: ShippedRunOptions) => Promise<unknown>,
    options: ShippedRunOptions = {},
  ) => {
    const summary = await pairedRounds(
      size.rounds,
      () => (options.readsApart ? floorReadsApart(pieces) : floorRun(pieces)),
      () => subject(pieces, options),
    );
    rows.push({ name, summary });
  };
  const route = 'Mastra -> route (SSE relay) -> route transport -> controller -> store';
  const direct = 'Mastra -> HTTP transport -> controller -> store';
  await measure(`${route}, 64 KiB reads`, batched, steplineOverRoute);
  await measure(`${route}, one event per read`, single, steplineOverRoute, { readsApart: true });
  await measure(`${direct}, 64 KiB reads`, batched, steplineShipped);
  await measure(`${direct}, one event per read`, single, steplineShipped, { readsApart: true });

  out('## Live stream to store: over the app route (SSE relay) and straight from Mastra');
  out();
  out(
    `Generated \`recorded\` mix, ${count.toLocaleString('en-US')} events. Each round runs the floor (split on \\x1E + JSON.parse of the same pieces) and the path back to back, in alternating order; median and quartiles of ${size.rounds} per-round ratios. One event per read: each of Mastra's records is a read of its own, in a turn of the event loop of its own, and the floor reads them the same way (the turns cost about as much as the parsing).`,
  );
  out();
  out('| path | floor ms | Stepline ms | vs floor: median | quartiles |');
  out('|---|---:|---:|---:|---:|');
  for (const { name, summary } of rows) {
    out(
      `| ${name} | ${summary.floorMs.toFixed(1)} | ${summary.subjectMs.toFixed(1)} | **${summary.median.toFixed(2)}** | ${summary.q1.toFixed(2)}–${summary.q3.toFixed(2)} |`,
    );
  }
  out();
  const relay = rows[0]!.summary;
  const relaySingle = rows[1]!.summary;
  out(
    `Targets (issue 15, median of paired rounds): SSE relay + transport at least 0.4 of the floor: ${verdictAtLeast(relay.median, 0.4)}; over the relay, one event per read, at least 0.4: ${verdictAtLeast(relaySingle.median, 0.4)}.`,
  );
  out();
  return rows;
}

// `node --experimental-strip-types bench/sse-relay-benchmark.ts` (after `pnpm --filter @stepline/client
// build`): this section alone; BENCH_QUICK=1 for a size a shared machine can afford.
if (import.meta.main) {
  await sseRelaySection((line = '') => process.stdout.write(`${line}\n`), benchSize());
}

// Bytes -> store on every mix, the real recordings and one event per read, each as its own row: the
// floor (split on \x1E + JSON.parse) and Stepline as an app runs it (fetch -> HTTP transport -> run
// controller -> store) back to back in each round; the row gives the median and the quartiles of the
// per-round ratios (see paired-ratio.ts), and the line under the table what each input holds.
import { encodeMastraStream, mastraEvents } from '@stepline/client/testing';
import { type BenchSize, benchSize } from './bench-size.ts';
import { byteLength, floorReadsApart, floorRun, inPieces } from './floor.ts';
import { formatCensus } from './input-census.ts';
import { pairedRounds, type RatioSummary, timedRounds } from './paired-ratio.ts';
import { recordedRuns } from './recorded-runs.ts';
import {
  countChunkTypes,
  recordedShapeChunks,
  type StreamMix,
  toBodyPieces,
} from './recorded-shape-stream.ts';
import { steplineShipped } from './shipped-path.ts';
import { verdictAtLeast } from './verdict.ts';

const MiB = 1024 * 1024;

/** One run's body as the pieces a reader gets, and the run's id. */
interface Run {
  readonly pieces: readonly Uint8Array[];
  readonly runId?: string;
  /** Each piece in a turn of the event loop of its own (one event per read, see `bodyOf`). */
  readonly readsApart?: boolean;
}

/** One record per piece: what an app gets when the server flushes every event as it happens. */
export function oneRecordPerPiece(pieces: readonly Uint8Array[]): Uint8Array[] {
  const encoder = new TextEncoder();
  const text = new TextDecoder().decode(Buffer.concat(pieces));
  return text
    .split('\x1E')
    .filter((record) => record.trim() !== '')
    .map((record) => encoder.encode(`${record}\x1E`));
}

export interface MixRow {
  readonly name: string;
  readonly events: number;
  readonly bytes: number;
  readonly types: Record<string, number>;
  readonly summary: RatioSummary;
}

// Only the bytes stay live while a row runs: chunk objects held through the rounds (100,000 of them for a
// generated mix) made every garbage collection of Stepline's side mark them too, which an app reading its
// stream does not pay (the headline measured 0.29-0.31 of the floor with a parsed copy live, 0.36-0.38
// without, on a busy machine). The inputs are made in functions of their own so their objects are garbage.
function mixInput(mix: StreamMix, events: number) {
  const chunks = recordedShapeChunks({ events, distinctSteps: 500, mix });
  return { pieces: toBodyPieces(chunks), types: countChunkTypes(chunks) };
}

function recordingsInput(): { runs: Run[]; types: Record<string, number> } {
  const recordings = recordedRuns();
  return {
    runs: recordings.map((run) => ({ pieces: inPieces(run.bytes), runId: run.runId })),
    types: countChunkTypes(recordings.flatMap((run) => run.chunks)),
  };
}

export async function mixRatioSection(out: (line?: string) => void, size: BenchSize): Promise<MixRow[]> {
  const rows: MixRow[] = [];
  const measure = async (name: string, runs: Run[], types: Record<string, number>) => {
    const bytes = runs.reduce((sum, run) => sum + byteLength(run.pieces), 0);
    const count = runs.reduce((sum, run) => sum + floorRun(run.pieces), 0);
    const summary = await pairedRounds(
      size.rounds,
      async () => {
        for (const run of runs) {
          if (run.readsApart) await floorReadsApart(run.pieces);
          else floorRun(run.pieces);
        }
      },
      async () => {
        for (const run of runs)
          await steplineShipped(run.pieces, { runId: run.runId, readsApart: run.readsApart });
      },
    );
    rows.push({ name, events: count, bytes, types, summary });
  };
  const mixes: StreamMix[] = ['steps', 'recorded', 'agent', 'loop'];
  let recordedMix: { pieces: Uint8Array[]; types: Record<string, number> } | undefined;
  for (const mix of mixes) {
    const { pieces, types } = mixInput(mix, size.events);
    if (mix === 'recorded') recordedMix = { pieces, types };
    await measure(`generated \`${mix}\` mix, 64 KiB reads`, [{ pieces }], types);
  }
  const recordings = recordingsInput();
  await measure(
    `real recordings (fixtures/recorded + recorded-agents, ${recordings.runs.length} segments, each its own run), 64 KiB reads`,
    recordings.runs,
    recordings.types,
  );
  await measure(
    'generated `recorded` mix, one event per read',
    [{ pieces: oneRecordPerPiece(recordedMix!.pieces), readsApart: true }],
    recordedMix!.types,
  );

  out('## Bytes to store, by mix: ratios per paired round');
  out();
  out(
    `Each round runs the floor (split on \\x1E + JSON.parse) and Stepline as an app runs it (\`fetch\` -> HTTP transport -> run controller -> store) back to back, in alternating order; the ratio is floor time / Stepline time within the round. Median and quartiles of ${size.rounds} rounds. One event per read: each record is a read of its own, handed over in a turn of the event loop of its own, as when the server flushes every event as it happens; its floor reads them the same way (the turns cost about as much as the parsing). MiB = 1,048,576 bytes.`,
  );
  out();
  out('| input | events | MiB | floor ms | Stepline ms | vs floor: median | quartiles |');
  out('|---|---:|---:|---:|---:|---:|---:|');
  for (const { name, events: count, bytes, summary } of rows) {
    out(
      `| ${name} | ${count.toLocaleString('en-US')} | ${(bytes / MiB).toFixed(2)} | ${summary.floorMs.toFixed(1)} | ${summary.subjectMs.toFixed(1)} | **${summary.median.toFixed(2)}** | ${summary.q1.toFixed(2)}–${summary.q3.toFixed(2)} |`,
    );
  }
  out();
  const verdict = (row: MixRow | undefined, floor: number) =>
    row
      ? verdictAtLeast(
          row.summary.median,
          floor,
          `, quartiles ${row.summary.q1.toFixed(2)}–${row.summary.q3.toFixed(2)}`,
        )
      : 'not measured';
  const generatedRecorded = rows.find((row) => row.name.startsWith('generated `recorded` mix, 64'));
  const real = rows.find((row) => row.name.startsWith('real recordings'));
  const perRead = rows.find((row) => row.name.includes('one event per read'));
  out(
    `Targets (issue 15, median of paired rounds): the real mix at least 0.6 of the floor, generated \`recorded\` mix: ${verdict(generatedRecorded, 0.6)}; the real recordings at least 0.6 of the floor: ${verdict(real, 0.6)}; one event per read at least 0.4: ${verdict(perRead, 0.4)}.`,
  );
  out();
  // What attaching to a run costs whatever it holds (the stored run read before and after, the stream
  // opened and closed): the real recordings row pays it once per segment, the floor never.
  const emptyRun = [
    encodeMastraStream([{ ...mastraEvents.workflowFinish('success', {}), runId: 'bench-run' }] as Parameters<
      typeof encodeMastraStream
    >[0]),
  ];
  const [emptyTimes] = await timedRounds(size.quick ? 3 : 25, [() => steplineShipped(emptyRun)]);
  const emptyMs = [...emptyTimes!].sort((a, b) => a - b)[Math.floor(emptyTimes!.length / 2)]!;
  if (real) {
    out(
      `A run that holds nothing but its end costs Stepline ${emptyMs.toFixed(2)} ms on this path (median of ${emptyTimes!.length}: the stored run read before and after the stream, the stream opened and closed); the real recordings row attaches to ${recordings.runs.length} runs, about ${(emptyMs * recordings.runs.length).toFixed(0)} ms of its ${real.summary.subjectMs.toFixed(0)} ms.`,
    );
    out();
  }
  out('What each input holds (chunk types counted in the input itself):');
  out();
  for (const row of rows) out(`- ${row.name}: ${formatCensus(row.types)}.`);
  out();
  return rows;
}

// `node --experimental-strip-types bench/mix-ratio-benchmark.ts`: this section alone (BENCH_QUICK=1 for a
// size a shared machine can afford).
if (import.meta.main) {
  await mixRatioSection((line = '') => process.stdout.write(`${line}\n`), benchSize());
}

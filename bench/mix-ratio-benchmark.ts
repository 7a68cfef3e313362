// Bytes -> store on every mix, the real recordings and one event per read, each as its own row: the
// floor (split on \x1E + JSON.parse) and Stepline (the stream parser the controller feeds, normalizer,
// reducer, store) run back to back in each round; the row gives the median and the quartiles of the
// per-round ratios (see paired-ratio.ts).
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createRunStore, synchronousScheduler } from '@stepline/client';
import { createMastraStreamParser } from '@stepline/client/wire';
import { pairedRounds, type RatioSummary } from './paired-ratio.ts';
import { recordedShapeChunks, type StreamMix, toBodyPieces } from './recorded-shape-stream.ts';

const fixtures = resolve(import.meta.dirname, '../fixtures');
const MiB = 1024 * 1024;

/** One run's body as the pieces a reader gets. */
type Run = readonly Uint8Array[];

function floorRun(pieces: Run): number {
  const decoder = new TextDecoder();
  let buffer = '';
  let count = 0;
  for (const piece of pieces) {
    buffer += decoder.decode(piece, { stream: true });
    const records = buffer.split('\x1E');
    buffer = records.pop()!;
    for (const record of records) {
      if (record.trim() !== '') {
        JSON.parse(record);
        count++;
      }
    }
  }
  return count;
}

function steplineRun(pieces: Run): unknown {
  const store = createRunStore({ scheduler: synchronousScheduler });
  const parser = createMastraStreamParser({ onEvents: (events) => store.dispatch(events) });
  for (const piece of pieces) parser.push(piece);
  parser.end();
  return store.getSnapshot();
}

/** Every segment of both recorded sets (each a run of its own, as a reconnecting app replays them). */
function recordedRuns(): Uint8Array[] {
  const segments: Uint8Array[] = [];
  for (const set of ['recorded', 'recorded-agents']) {
    const manifest = JSON.parse(readFileSync(join(fixtures, set, 'manifest.json'), 'utf8')) as {
      scenarios: { segments: { file: string }[] }[];
    };
    for (const scenario of manifest.scenarios) {
      for (const segment of scenario.segments) {
        segments.push(new Uint8Array(readFileSync(join(fixtures, set, segment.file))));
      }
    }
  }
  return segments;
}

function inPieces(bytes: Uint8Array, pieceBytes: number): Uint8Array[] {
  const pieces: Uint8Array[] = [];
  for (let offset = 0; offset < bytes.length; offset += pieceBytes) {
    pieces.push(bytes.subarray(offset, offset + pieceBytes));
  }
  return pieces;
}

/** One record per piece: what an app gets when the server flushes every event as it happens. */
function oneRecordPerPiece(pieces: Run): Uint8Array[] {
  const encoder = new TextEncoder();
  const text = new TextDecoder().decode(Buffer.concat(pieces));
  return text
    .split('\x1E')
    .filter((record) => record.trim() !== '')
    .map((record) => encoder.encode(`${record}\x1E`));
}

interface Row {
  readonly name: string;
  readonly events: number;
  readonly bytes: number;
  readonly summary: RatioSummary;
}

export async function mixRatioSection(
  out: (line?: string) => void,
  { events, rounds }: { events: number; rounds: number },
): Promise<Row[]> {
  const rows: Row[] = [];
  const measure = async (name: string, runs: Run[]) => {
    const bytes = runs.reduce((sum, run) => sum + run.reduce((s, piece) => s + piece.length, 0), 0);
    const count = runs.reduce((sum, run) => sum + floorRun(run), 0);
    const summary = await pairedRounds(
      rounds,
      () => {
        for (const run of runs) floorRun(run);
      },
      () => {
        for (const run of runs) steplineRun(run);
      },
    );
    rows.push({ name, events: count, bytes, summary });
  };
  const mixes: StreamMix[] = ['steps', 'recorded', 'agent', 'loop'];
  let recordedMix: Run = [];
  for (const mix of mixes) {
    const pieces = toBodyPieces(recordedShapeChunks({ events, distinctSteps: 500, mix }));
    if (mix === 'recorded') recordedMix = pieces;
    await measure(`generated \`${mix}\` mix, 64 KiB reads`, [pieces]);
  }
  const recordings = recordedRuns();
  await measure(
    `real recordings (fixtures/recorded + recorded-agents, ${recordings.length} segments, each its own run), 64 KiB reads`,
    recordings.map((bytes) => inPieces(bytes, 64 * 1024)),
  );
  await measure('generated `recorded` mix, one event per read', [oneRecordPerPiece(recordedMix)]);

  out('## Bytes to store, by mix: ratios per paired round');
  out();
  out(
    `Each round runs the floor (split on \\x1E + JSON.parse) and Stepline (stream parser, normalizer, reducer, store) back to back, in alternating order; the ratio is floor time / Stepline time within the round. Median and quartiles of ${rounds} rounds. MiB = 1,048,576 bytes.`,
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
  return rows;
}

// `node --experimental-strip-types bench/mix-ratio-benchmark.ts [events] [rounds]`: this section alone, at
// a size a shared machine can afford.
if (import.meta.url === `file://${process.argv[1]}`) {
  const events = Number(process.argv[2] ?? 10_000);
  const rounds = Number(process.argv[3] ?? 15);
  await mixRatioSection((line = '') => process.stdout.write(`${line}\n`), { events, rounds });
}

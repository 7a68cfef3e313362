// The live stream as an app receives it, from Mastra's bytes to the store, each path as its own row with
// the floor (split on \x1E + JSON.parse of the same bytes) run back to back in every round:
// - over the app's route: Mastra -> `createSteplineRoute` (its SSE relay) -> `createRouteTransport` (SSE)
//   -> run controller -> store;
// - straight from Mastra: fetch -> HTTP transport -> run controller -> store (the shipped default);
// each with Mastra's body in 64 KiB reads and with one event per read (a server flushing every event).
import {
  createMastraHttpTransport,
  createRouteTransport,
  createRunController,
  createRunStore,
  synchronousScheduler,
} from '@stepline/client';
import { createSteplineRoute } from '@stepline/client/server';
import { pairedRounds, type RatioSummary } from './paired-ratio.ts';
import { recordedShapeChunks, toBodyPieces } from './recorded-shape-stream.ts';

type Pieces = readonly Uint8Array[];

function floorRun(pieces: Pieces): number {
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

/** One read per piece, pulled as the reader asks (a stream with every piece queued up front measures Node's queue). */
function bodyOf(pieces: Pieces): ReadableStream<Uint8Array> {
  let index = 0;
  return new ReadableStream({
    pull(controller) {
      if (index < pieces.length) controller.enqueue(pieces[index++]!);
      else controller.close();
    },
  });
}

/** Mastra played by a fetch: the stored run (running before the stream, finished after it) and the body. */
function mastraFetch(pieces: Pieces): typeof fetch {
  let streamed = false;
  return (async (input: string | URL | Request) => {
    const url = String(input instanceof Request ? input.url : input);
    if (url.includes('/observe')) {
      streamed = true;
      return new Response(bodyOf(pieces), { headers: { 'content-type': 'text/plain' } });
    }
    return Response.json({
      runId: 'bench-run',
      workflowName: 'bench',
      status: streamed ? 'success' : 'running',
      steps: {},
    });
  }) as typeof fetch;
}

async function watchToEnd(transport: Parameters<typeof createRunController>[0]['transport']) {
  const store = createRunStore({ scheduler: synchronousScheduler });
  const controller = createRunController({ transport, workflowId: 'bench', runId: 'bench-run', store });
  await controller.watch();
  controller.detach();
  return store.getSnapshot();
}

function overRoute(pieces: Pieces) {
  const route = createSteplineRoute({
    mastra: { url: 'http://mastra.local', fetch: mastraFetch(pieces) },
    workflows: ['bench'],
    authorize: () => true,
    heartbeatMs: 0,
  });
  const fetch = (async (input: string | URL | Request, init?: RequestInit) =>
    route(input instanceof Request ? input : new Request(input, init))) as typeof globalThis.fetch;
  return watchToEnd(createRouteTransport({ route: 'http://app.local/api/stepline', fetch }));
}

function fromMastra(pieces: Pieces) {
  return watchToEnd(
    createMastraHttpTransport({ baseUrl: 'http://mastra.local', fetch: mastraFetch(pieces) }),
  );
}

/** One record per piece: what the relay reads when Mastra flushes every event as it happens. */
function oneRecordPerPiece(pieces: Pieces): Uint8Array[] {
  const encoder = new TextEncoder();
  const text = new TextDecoder().decode(Buffer.concat(pieces));
  return text
    .split('\x1E')
    .filter((record) => record.trim() !== '')
    .map((record) => encoder.encode(`${record}\x1E`));
}

export interface SseRelayRow {
  readonly name: string;
  readonly summary: RatioSummary;
}

export async function sseRelaySection(
  out: (line?: string) => void,
  { events, rounds }: { events: number; rounds: number },
): Promise<SseRelayRow[]> {
  const batched = toBodyPieces(recordedShapeChunks({ events, distinctSteps: 500, mix: 'recorded' }));
  const single = oneRecordPerPiece(batched);
  const count = floorRun(batched);
  const rows: SseRelayRow[] = [];
  const measure = async (name: string, pieces: Pieces, subject: (pieces: Pieces) => Promise<unknown>) => {
    const summary = await pairedRounds(
      rounds,
      () => floorRun(pieces),
      () => subject(pieces),
    );
    rows.push({ name, summary });
  };
  await measure(
    'Mastra -> route (SSE relay) -> route transport -> controller -> store, 64 KiB reads',
    batched,
    overRoute,
  );
  await measure(
    'Mastra -> route (SSE relay) -> route transport -> controller -> store, one event per read',
    single,
    overRoute,
  );
  await measure('Mastra -> HTTP transport -> controller -> store, 64 KiB reads', batched, fromMastra);
  await measure('Mastra -> HTTP transport -> controller -> store, one event per read', single, fromMastra);

  out('## Live stream to store: over the app route (SSE relay) and straight from Mastra');
  out();
  out(
    `Generated \`recorded\` mix, ${count.toLocaleString('en-US')} events. Each round runs the floor (split on \\x1E + JSON.parse of the same pieces) and the path back to back; median and quartiles of ${rounds} per-round ratios.`,
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
  return rows;
}

// `node --expose-gc --experimental-strip-types bench/sse-relay-benchmark.ts [events] [rounds]` (after
// `pnpm --filter @stepline/client build`): this section alone, at a size a shared machine can afford.
if (import.meta.url === `file://${process.argv[1]}`) {
  const events = Number(process.argv[2] ?? 10_000);
  const rounds = Number(process.argv[3] ?? 9);
  await sseRelaySection((line = '') => process.stdout.write(`${line}\n`), { events, rounds });
}

// The anchor users are pointed to by Mastra itself: `@mastra/ai-sdk`'s `handleWorkflowStream` turns a
// workflow's stream into an AI SDK UI message stream (sent as SSE by `createUIMessageStreamResponse`), and
// the browser folds it into messages with the AI SDK's `Chat` (what `useChat` runs). Measured side by side
// with the floor and Stepline on the same workflow stream: speed, and bytes on the wire per event.
import { Chat } from '@ai-sdk/react';
import { handleWorkflowStream } from '@mastra/ai-sdk';
import { relayRunAsSse } from '@stepline/client/server';
import { createUIMessageStreamResponse, DefaultChatTransport } from 'ai';
import type { BenchSize } from './bench-size.ts';
import { byteLength, floorRun, inPieces } from './floor.ts';
import { formatCensus } from './input-census.ts';
import { summarizePairedRounds, timedRounds } from './paired-ratio.ts';
import { recordedRuns } from './recorded-runs.ts';
import { countChunkTypes, recordedShapeChunks, toBodyPieces } from './recorded-shape-stream.ts';
import { bodyOf } from './response-body.ts';
import { steplineShipped } from './shipped-path.ts';

type Out = (line?: string) => void;

/** One workflow run: Mastra's chunks and the bytes Mastra's server sends for them. */
interface Run {
  readonly name: string;
  readonly chunks: readonly unknown[];
  readonly pieces: readonly Uint8Array[];
  /** The run's id (the controller drops chunks of any other run). */
  readonly runId?: string;
}

/**
 * `handleWorkflowStream`'s own code on the given chunks: Mastra is played by an object whose workflow's
 * run streams them (as `run.stream()` does, under `fullStream`); nothing of the handler is replaced.
 */
async function aiSdkServer(chunks: readonly unknown[]): Promise<Uint8Array> {
  const mastra = {
    getWorkflowById: () => ({
      createRun: async () => ({
        stream: () => {
          let index = 0;
          return {
            fullStream: new ReadableStream({
              pull(controller) {
                if (index < chunks.length) controller.enqueue(chunks[index++]);
                else controller.close();
              },
            }),
          };
        },
      }),
    }),
  };
  const stream = await handleWorkflowStream({
    mastra: mastra as never,
    workflowId: 'bench',
    params: { inputData: {} },
    // The AI SDK version current at the time of writing (ai 7, @ai-sdk/react 4); the parts are the same
    // for v5 and v6.
    version: 'v7',
  });
  return new Uint8Array(await createUIMessageStreamResponse({ stream }).arrayBuffer());
}

/** The browser's side: the SSE body in 64 KiB reads through `DefaultChatTransport` into a `Chat`. */
async function aiSdkChat(body: Uint8Array): Promise<Chat<never>> {
  const pieces = inPieces(body);
  const chat = new Chat<never>({
    transport: new DefaultChatTransport({
      api: 'http://bench.local/api/workflows/bench/stream',
      fetch: (async () =>
        new Response(bodyOf(pieces), {
          headers: { 'content-type': 'text/event-stream' },
        })) as typeof fetch,
    }),
  });
  await chat.sendMessage({ text: 'run' });
  return chat;
}

async function relayBytes(chunks: readonly unknown[]): Promise<number> {
  let index = 0;
  const source = new ReadableStream({
    pull(controller) {
      if (index < chunks.length) controller.enqueue(chunks[index++]);
      else controller.close();
    },
  });
  const response = await relayRunAsSse({ source, heartbeatMs: 60_000 });
  return (await response.arrayBuffer()).byteLength;
}

interface AnchorRow {
  readonly input: string;
  readonly events: number;
  readonly types: Record<string, number>;
  readonly mastraBytes: number;
  readonly relayBytes: number;
  readonly aiSdkBytes: number;
  readonly chatErrors: string[];
  readonly floorMs: number;
  readonly steplineMs: number;
  readonly serverMs: number;
  readonly chatMs: number;
  readonly stepline: ReturnType<typeof summarizePairedRounds>;
  readonly chat: ReturnType<typeof summarizePairedRounds>;
  readonly endToEnd: ReturnType<typeof summarizePairedRounds>;
}

async function measure(input: string, runs: readonly Run[], rounds: number): Promise<AnchorRow> {
  const chunks = runs.flatMap((run) => run.chunks);
  const bodies: Uint8Array[] = [];
  for (const run of runs) bodies.push(await aiSdkServer(run.chunks));
  const chatErrors: string[] = [];
  for (const [index, body] of bodies.entries()) {
    const chat = await aiSdkChat(body);
    if (chat.status === 'error') chatErrors.push(`${runs[index]!.name}: "${chat.error?.message ?? 'error'}"`);
  }
  let relay = 0;
  for (const run of runs) relay += await relayBytes(run.chunks);
  const [floorMs, steplineMs, serverMs, chatMs] = await timedRounds(rounds, [
    () => {
      for (const run of runs) floorRun(run.pieces);
    },
    async () => {
      for (const run of runs) await steplineShipped(run.pieces, { runId: run.runId });
    },
    async () => {
      for (const run of runs) await aiSdkServer(run.chunks);
    },
    async () => {
      for (const body of bodies) await aiSdkChat(body);
    },
  ]);
  const median = (values: readonly number[]) => summarizePairedRounds(values, values).floorMs;
  return {
    input,
    events: chunks.length,
    types: countChunkTypes(chunks),
    mastraBytes: runs.reduce((sum, run) => sum + byteLength(run.pieces), 0),
    relayBytes: relay,
    aiSdkBytes: bodies.reduce((sum, body) => sum + body.length, 0),
    chatErrors,
    floorMs: median(floorMs!),
    steplineMs: median(steplineMs!),
    serverMs: median(serverMs!),
    chatMs: median(chatMs!),
    stepline: summarizePairedRounds(floorMs!, steplineMs!),
    chat: summarizePairedRounds(floorMs!, chatMs!),
    endToEnd: summarizePairedRounds(
      floorMs!,
      serverMs!.map((ms, index) => ms + chatMs![index]!),
    ),
  };
}

const int = (value: number) => Math.round(value).toLocaleString('en-US');
const ratio = (summary: ReturnType<typeof summarizePairedRounds>) =>
  summary.median < 0.01
    ? `${summary.median.toFixed(4)} (${summary.q1.toFixed(4)}–${summary.q3.toFixed(4)})`
    : `${summary.median.toFixed(2)} (${summary.q1.toFixed(2)}–${summary.q3.toFixed(2)})`;

export async function aiSdkAnchorSection(out: Out, size: BenchSize): Promise<AnchorRow[]> {
  const generated = recordedShapeChunks({ events: size.aiSdkEvents, distinctSteps: 500, mix: 'recorded' });
  const recordings: Run[] = [];
  let recordedEvents = 0;
  const allRecordings = recordedRuns();
  for (const run of allRecordings) {
    if (recordedEvents + run.chunks.length > size.aiSdkRecordedEvents) continue;
    recordings.push({ name: run.name, chunks: run.chunks, pieces: inPieces(run.bytes), runId: run.runId });
    recordedEvents += run.chunks.length;
  }
  const rows = [
    await measure(
      `generated \`recorded\` mix (500 distinct steps), capped at ${int(generated.length)} events`,
      [{ name: 'generated', chunks: generated, pieces: toBodyPieces(generated) }],
      size.aiSdkRounds,
    ),
    await measure(
      `real recordings, ${recordings.length} of ${allRecordings.length} segments, each its own run`,
      recordings,
      size.aiSdkRounds,
    ),
  ];

  out('## Anchor: `@mastra/ai-sdk` `handleWorkflowStream` -> AI SDK `Chat`');
  out();
  out(
    `Mastra's own way to show a workflow in a UI: \`handleWorkflowStream\` (@mastra/ai-sdk 1.10.4, \`version: 'v7'\`) turns the run's stream into an AI SDK UI message stream, \`createUIMessageStreamResponse\` (ai 7.0.173) sends it as SSE, and the browser folds it into messages with \`Chat\` from @ai-sdk/react 4.0.177 (the object \`useChat\` runs; no React rendering counted, as Stepline's rows count none). The handler's own code runs on the same chunks Stepline reads (Mastra is played by an object whose run streams them); the SSE body reaches \`Chat\` through \`DefaultChatTransport\` in 64 KiB reads. Every \`workflow-step-*\` event makes it resend the whole steps record as a \`data-workflow\` part, so its cost per event grows with the run: the generated input is capped at ${int(size.aiSdkEvents)} events (the other rows run ${int(size.events)}), which flatters it. ${size.aiSdkRounds} rounds, the four pipelines in rotating order; ratios per round, median (quartiles).`,
  );
  out();
  out(
    '| input | events | floor ms | Stepline as shipped ms | vs floor | AI SDK server ms | AI SDK `Chat` ms | `Chat` events/s | `Chat` vs floor | server + `Chat` vs floor |',
  );
  out('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const row of rows) {
    out(
      `| ${row.input} | ${int(row.events)} | ${row.floorMs.toFixed(1)} | ${row.steplineMs.toFixed(1)} | ${ratio(row.stepline)} | ${row.serverMs.toFixed(0)} | ${row.chatMs.toFixed(0)} | ${int(row.events / (row.chatMs / 1000))} | ${ratio(row.chat)} | ${ratio(row.endToEnd)} |`,
    );
  }
  out();
  out('Bytes on the wire per Mastra event (B = byte):');
  out();
  out(
    "| input | Mastra's stream (what Stepline's HTTP transport reads) | Stepline's SSE relay | AI SDK UI message stream | AI SDK / Mastra |",
  );
  out('|---|---:|---:|---:|---:|');
  for (const row of rows) {
    out(
      `| ${row.input} | ${int(row.mastraBytes / row.events)} B | ${int(row.relayBytes / row.events)} B | ${int(row.aiSdkBytes / row.events)} B | ${(row.aiSdkBytes / row.mastraBytes).toFixed(1)}x |`,
    );
  }
  out();
  for (const row of rows) {
    out(`Input of "${row.input}": ${formatCensus(row.types)}.`);
    out();
  }
  for (const row of rows) {
    if (row.chatErrors.length === 0) continue;
    out(
      `\`Chat\` ended in \`error\` on ${row.chatErrors.length} run(s) of "${row.input}" (its figures include them, cut short there): ${row.chatErrors.join('; ')}.`,
    );
    out();
  }
  return rows;
}

// `node --experimental-strip-types bench/ai-sdk-anchor-benchmark.ts`: this section alone (quick with BENCH_QUICK=1).
if (import.meta.main) {
  const { benchSize } = await import('./bench-size.ts');
  await aiSdkAnchorSection((line = '') => process.stdout.write(`${line}\n`), benchSize());
}

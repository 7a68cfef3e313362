import type { ChunkHandlers } from './chunk-handlers';
import { parseRecord } from './parse-record';
import { readBody } from './read-body';
import { createRecordSplitter } from './record-splitter';

/**
 * Reads a `\x1E`-framed Mastra stream body and hands its parsed records to `handlers`, one batch per
 * network read. Resolves when the server ends the body; rejects with a `network` or `aborted`
 * `SteplineError` when the connection drops, after delivering everything that arrived before.
 *
 * @example
 * await readRecordStream(response.body!, { onChunks: (chunks) => console.log(chunks) }, signal);
 */
export async function readRecordStream(
  body: ReadableStream<Uint8Array>,
  handlers: ChunkHandlers,
  signal?: AbortSignal,
): Promise<void> {
  let batch: unknown[] = [];
  const splitter = createRecordSplitter({
    onRecord: (text) => {
      const parsed = parseRecord(text);
      if (parsed.ok) batch.push(parsed.value);
      else handlers.onError?.(parsed.error);
    },
    onError: (error) => handlers.onError?.(error),
  });
  const flush = () => {
    if (batch.length === 0) return;
    const chunks = batch;
    batch = [];
    handlers.onChunks(chunks);
  };
  await readBody(
    body,
    (bytes) => {
      splitter.push(bytes);
      flush();
    },
    signal,
  );
  splitter.end();
  flush();
}

import { parseRecord } from './parse-record';
import { createRecordSplitter } from './record-splitter';
import type { ChunkHandlers } from './run-transport';
import { SteplineError } from './stepline-error';

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
  const reader = body.getReader();
  const onAbort = () => void reader.cancel().catch(() => {});
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    for (;;) {
      let result: Awaited<ReturnType<typeof reader.read>>;
      try {
        result = await reader.read();
      } catch (cause) {
        flush();
        if (signal?.aborted)
          throw new SteplineError('aborted', 'The stream was closed by the client.', { cause });
        throw new SteplineError(
          'network',
          `The stream broke off: ${(cause as Error)?.message ?? String(cause)}`,
          {
            cause,
          },
        );
      }
      if (result.done) break;
      splitter.push(result.value);
      flush();
    }
    if (signal?.aborted) throw new SteplineError('aborted', 'The stream was closed by the client.');
    splitter.end();
    flush();
  } finally {
    signal?.removeEventListener('abort', onAbort);
    reader.releaseLock();
  }
}

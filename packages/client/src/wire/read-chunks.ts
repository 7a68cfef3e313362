import { SteplineError } from '../util/stepline-error';
import type { ChunkHandlers } from './chunk-handlers';
import { openChunkReader, type RunChunkSource } from './chunk-source';

export interface ReadChunksOptions {
  readonly signal?: AbortSignal;
  /** Records longer than this (in characters) are reported and skipped. Default: 64 Mi characters. */
  readonly maxRecordLength?: number;
}

/**
 * Reads a whole run stream (raw `\x1E`-framed bytes, or chunk objects as `@mastra/client-js` gives them)
 * and hands its chunks to `handlers`, one batch per upstream read. Resolves when the upstream ends;
 * rejects with a `network` or `aborted` `SteplineError` when it breaks off or `signal` aborts, after
 * delivering everything that arrived before.
 *
 * @example
 * await readChunks(response, { onChunks: (chunks) => console.log(chunks) }, { signal });
 */
export async function readChunks(
  source: RunChunkSource,
  handlers: ChunkHandlers,
  options: ReadChunksOptions = {},
): Promise<void> {
  const { signal } = options;
  const reader = openChunkReader(source, {
    onError: (error) => handlers.onError?.(error),
    ...(options.maxRecordLength === undefined ? {} : { maxRecordLength: options.maxRecordLength }),
  });
  const onAbort = () => void reader.cancel(signal?.reason).catch(() => {});
  if (signal?.aborted) onAbort();
  else signal?.addEventListener('abort', onAbort, { once: true });
  try {
    // Stops at an abort, after delivering what was read before it; a cancelled upstream ends "normally",
    // so only the signal tells an abort from the server's end.
    while (!signal?.aborted) {
      let next: Awaited<ReturnType<typeof reader.read>>;
      try {
        next = await reader.read();
      } catch (cause) {
        if (signal?.aborted) throw aborted(cause);
        throw new SteplineError(
          'network',
          `The stream broke off: ${(cause as Error)?.message ?? String(cause)}`,
          { cause },
        );
      }
      if (next.done) break;
      if (next.chunks.length > 0) handlers.onChunks(next.chunks);
    }
    if (signal?.aborted) throw aborted(signal.reason);
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}

function aborted(cause: unknown): SteplineError {
  return new SteplineError(
    'aborted',
    'The stream was closed by the client.',
    cause === undefined ? {} : { cause },
  );
}

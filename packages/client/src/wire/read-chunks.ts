import { SteplineError } from '../util/stepline-error';
import type { ChunkHandlers } from './chunk-handlers';
import { openBatchReader, type RunChunkSource } from './chunk-source';

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
export function readChunks(
  source: RunChunkSource,
  handlers: ChunkHandlers,
  options: ReadChunksOptions = {},
): Promise<void> {
  const { signal } = options;
  // Callbacks made once per stream, not a promise chain per read: under a server that flushes every
  // event on its own, a read is an event. A source that cannot be read (a locked stream) rejects.
  return new Promise((resolve, reject) => {
    const reader = openBatchReader(source, {
      onError: (error) => handlers.onError?.(error),
      ...(options.maxRecordLength === undefined ? {} : { maxRecordLength: options.maxRecordLength }),
    });
    const onAbort = () => void reader.cancel(signal?.reason).catch(() => {});
    const end = () => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    };
    const fail = (error: unknown) => {
      signal?.removeEventListener('abort', onAbort);
      reject(error);
    };
    // A cancelled upstream ends "normally", so only the signal tells an abort from the server's end.
    const onBatch = (chunks: unknown[] | undefined) => {
      if (chunks === undefined) {
        if (signal?.aborted) fail(aborted(signal.reason));
        else end();
        return;
      }
      if (chunks.length > 0) {
        try {
          handlers.onChunks(chunks);
        } catch (error) {
          fail(error);
          return;
        }
      }
      readNext();
    };
    const onFailure = (cause: unknown) => {
      if (signal?.aborted) {
        fail(aborted(cause));
        return;
      }
      fail(
        new SteplineError('network', `The stream broke off: ${(cause as Error)?.message ?? String(cause)}`, {
          cause,
        }),
      );
    };
    // Stops at an abort, after delivering what was read before it.
    const readNext = () => {
      if (signal?.aborted) fail(aborted(signal.reason));
      else reader.next(onBatch, onFailure);
    };
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
    readNext();
  });
}

function aborted(cause: unknown): SteplineError {
  return new SteplineError(
    'aborted',
    'The stream was closed by the client.',
    cause === undefined ? {} : { cause },
  );
}

import { notReady, readIfReady } from '../util/read-ahead';
import type { SteplineError } from '../util/stepline-error';
import { createChunkDecoder } from './chunk-decoder';

/**
 * Where a run's chunks come from, as Mastra hands them out (the transports and the relay read them all
 * through `openChunkReader`):
 * - a `ReadableStream` of chunk objects: `@mastra/client-js`'s `run.stream()`, `run.observe()`, or the
 *   in-process `run.stream().fullStream`;
 * - any `AsyncIterable` of chunk objects;
 * - Mastra's raw HTTP body, `\x1E`-framed JSON records: a `fetch` `Response` or its `ReadableStream` of
 *   bytes. Values that are bytes (or strings) are split into records and parsed, so the two kinds can be
 *   told apart per value without asking.
 */
export type RunChunkSource = ReadableStream<unknown> | AsyncIterable<unknown> | Response;

/** Reads chunk objects from any source, a batch of upstream reads at a time. */
export interface ChunkReader {
  /**
   * The chunks of the next upstream read, and of the reads after it that are ready at once (up to about
   * 64 KiB): a burst of small reads is one batch. None for a partial record.
   */
  read(): Promise<{ readonly done: true } | { readonly done: false; readonly chunks: unknown[] }>;
  /** Stops reading and cancels the upstream. */
  cancel(reason?: unknown): Promise<void>;
}

export interface ChunkReaderOptions {
  /** A raw record that is not JSON, or is cut off: it is skipped and reading goes on. */
  readonly onError: (error: SteplineError) => void;
  readonly maxRecordLength?: number;
}

/** A batch takes further reads while it holds less than this (characters or bytes; a chunk object counts 1 KiB). */
const batchSize = 64 * 1024;

/**
 * Wraps a source in one reading interface. Each `read()` waits for the next upstream read, then takes
 * the reads that are already there (see `readIfReady`) into the same batch, so a server that flushes
 * every event on its own costs one batch per burst, not one per event.
 *
 * @example
 * const reader = openChunkReader(await run.observe(), { onError: console.warn });
 * for (let next = await reader.read(); !next.done; next = await reader.read()) send(next.chunks);
 */
export function openChunkReader(source: RunChunkSource, options: ChunkReaderOptions): ChunkReader {
  const upstream = readerOf(source);
  const decoder = createChunkDecoder(options);
  let ended = false;
  /** A read that was not ready when the last batch closed: the next batch starts with it. */
  let pending: Promise<IteratorResult<unknown>> | undefined;

  /** The chunks of the batch being read: the decoder's first array is taken as it is, not copied. */
  let batch: unknown[] | undefined;
  const add = (chunks: unknown[]) => {
    if (batch === undefined || batch.length === 0) batch = chunks;
    else for (const chunk of chunks) batch.push(chunk);
  };
  /** Adds one upstream value to the batch; returns its size. */
  const take = (next: IteratorResult<unknown>): number => {
    if (next.done) {
      ended = true;
      add(decoder.end());
      return 0;
    }
    const value = next.value;
    if (typeof value === 'string' || ArrayBuffer.isView(value)) {
      // `ArrayBuffer.isView`, not `instanceof Uint8Array`: bytes from another realm (a test DOM, a worker)
      // are bytes too.
      add(decoder.push(value as Uint8Array | string));
      return typeof value === 'string' ? value.length : (value as Uint8Array).byteLength;
    }
    if (Object.prototype.toString.call(value) === '[object ArrayBuffer]') {
      add(decoder.push(new Uint8Array(value as ArrayBuffer)));
      return (value as ArrayBuffer).byteLength;
    }
    add([value]);
    return 1024;
  };

  return {
    async read() {
      if (ended) return { done: true };
      const first = pending ?? upstream.next();
      pending = undefined;
      batch = undefined;
      let size = take(await first);
      while (!ended && size < batchSize) {
        const next = upstream.next();
        pending = next;
        // A read that failed is not ready: the next `read()` throws its error, after this batch.
        const ready = await readIfReady(next);
        if (ready === notReady) break;
        pending = undefined;
        size += take(ready);
      }
      const read = batch ?? [];
      batch = undefined;
      // The records completed by the end of the body are still delivered before `done`.
      if (ended && read.length === 0) return { done: true };
      return { done: false, chunks: read };
    },
    async cancel(reason) {
      ended = true;
      await upstream.cancel(reason);
    },
  };
}

/** One value at a time from any source: what `openChunkReader` and `openRecordReader` read. */
export interface UpstreamReader {
  next(): Promise<IteratorResult<unknown>>;
  cancel(reason?: unknown): Promise<void>;
}

export function readerOf(source: RunChunkSource): UpstreamReader {
  if (isResponse(source)) {
    return source.body
      ? streamReader(source.body)
      : { next: async () => ({ done: true, value: undefined }), cancel: async () => {} };
  }
  // Checked before AsyncIterable: Node's ReadableStream is iterable too, but only its reader can be
  // cancelled while a read is pending.
  if (typeof (source as ReadableStream<unknown>).getReader === 'function') {
    return streamReader(source as ReadableStream<unknown>);
  }
  const iterator = (source as AsyncIterable<unknown>)[Symbol.asyncIterator]();
  return {
    next: () => iterator.next(),
    async cancel(reason) {
      // An async generator runs `return()` only after its pending `next()` settles: the factory's
      // `signal` is what stops a generator that is waiting on upstream I/O.
      void iterator.return?.(reason)?.catch(() => {});
    },
  };
}

function streamReader(stream: ReadableStream<unknown>): UpstreamReader {
  const reader = stream.getReader();
  return {
    next: () => reader.read() as Promise<IteratorResult<unknown>>,
    cancel: (reason) => reader.cancel(reason).catch(() => {}),
  };
}

/** Duck-typed, so a `Response` from another fetch implementation (undici, a polyfill) counts too. */
export function isResponse(value: unknown): value is Response {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Response).status === 'number' &&
    typeof (value as Response).headers === 'object' &&
    'body' in value &&
    typeof (value as { getReader?: unknown }).getReader !== 'function'
  );
}

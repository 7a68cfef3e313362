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
  const batches = openBatchReader(source, options);
  return {
    read: () =>
      new Promise((resolve, reject) => {
        batches.next((chunks) => resolve(chunks ? { done: false, chunks } : { done: true }), reject);
      }),
    cancel: (reason) => batches.cancel(reason),
  };
}

/**
 * `ChunkReader` without a promise per batch: `next` calls `onBatch` once with the batch's chunks
 * (`undefined` once the upstream ended and everything was delivered), or `onFailure` with what broke the
 * read. Neither callback may throw. What `readChunks` drives: under a server that flushes every event on
 * its own, this runs once per event, and async functions awaiting each other cost a promise, a suspended
 * frame and a microtask per step of the way.
 */
export interface BatchReader {
  next(onBatch: (chunks: unknown[] | undefined) => void, onFailure: (cause: unknown) => void): void;
  /** Stops reading and cancels the upstream. */
  cancel(reason?: unknown): Promise<void>;
}

/**
 * Microtask turns a batch waits for the next read before it closes: a read of queued data settles in the
 * first, one from a source that enqueues as it is pulled in the next (see `readIfReady`).
 */
const readyWithinTurns = 3;

/**
 * A turn of the microtask queue is `nextTurn.then(fn)`: Node's `queueMicrotask` makes an async resource
 * and a bound function per call, twice what a reaction to a settled promise costs.
 */
const nextTurn = /* @__PURE__ */ Promise.resolve();

export function openBatchReader(source: RunChunkSource, options: ChunkReaderOptions): BatchReader {
  const upstream = readerOf(source);
  /** The next upstream read; one that throws at once (a hand-written iterator) is a failed read. */
  const nextRead = (): Promise<IteratorResult<unknown>> => {
    try {
      return upstream.next();
    } catch (cause) {
      return Promise.reject(cause);
    }
  };
  const decoder = createChunkDecoder(options);
  let ended = false;
  /** A read that was not ready when the last batch closed: the next batch starts with it. */
  let pending: Promise<IteratorResult<unknown>> | undefined;
  let onBatch: ((chunks: unknown[] | undefined) => void) | undefined;
  let onFailure: ((cause: unknown) => void) | undefined;

  /** The chunks of the batch being read: the decoder's first array is taken as it is, not copied. */
  let batch: unknown[] | undefined;
  /** What the batch holds so far (characters or bytes). */
  let size = 0;
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

  // The callbacks are the consumer's, kept for the batch: it asks for the next one from within them.
  const deliver = () => {
    const chunks = batch;
    batch = undefined;
    // The records completed by the end of the body are still delivered before the end.
    onBatch!(chunks?.length ? chunks : ended ? undefined : []);
  };
  // What a failed batch held is dropped by the next one (`next` starts it empty).
  const fail = (cause: unknown) => onFailure!(cause);

  // The read being waited for, what it gave once settled (`probed`), and for how many turns
  // (`readIfReady` inlined: a flag set by the read, checked after each microtask turn).
  let probe: Promise<IteratorResult<unknown>> | undefined;
  let probed: IteratorResult<unknown> | undefined;
  let turns = 0;
  const onProbe = (result: IteratorResult<unknown>) => {
    probed = result;
  };
  /** Adds a read to the batch; takes further reads while they are there at once and it is small. */
  const takeAndGather = (read: IteratorResult<unknown>) => {
    try {
      size += take(read);
    } catch (cause) {
      fail(cause);
      return;
    }
    if (ended || size >= batchSize) {
      deliver();
      return;
    }
    probed = undefined;
    turns = 0;
    probe = nextRead();
    // A read that failed is not ready: the next batch starts with it and fails, after this one.
    probe.then(onProbe, ignore);
    nextTurn.then(waitForProbe);
  };
  const waitForProbe = () => {
    const ready = probed;
    if (ready !== undefined) {
      probed = undefined;
      takeAndGather(ready);
    } else if (++turns < readyWithinTurns) {
      nextTurn.then(waitForProbe);
    } else {
      pending = probe;
      deliver();
    }
  };

  return {
    next(batchTo, failTo) {
      onBatch = batchTo;
      onFailure = failTo;
      batch = undefined;
      size = 0;
      if (ended) {
        deliver();
        return;
      }
      const first = pending ?? nextRead();
      pending = undefined;
      first.then(takeAndGather, fail);
    },
    async cancel(reason) {
      ended = true;
      await upstream.cancel(reason);
    },
  };
}

function ignore(): void {}

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

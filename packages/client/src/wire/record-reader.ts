import { findByte } from '../util/find-byte';
import { excerpt, SteplineError } from '../util/stepline-error';
import { type RunChunkSource, readerOf } from './chunk-source';

/**
 * What one upstream read gave: its records (several for a read of raw bytes, none for a partial record)
 * or the end. `oneLine`: none of them holds a line break (the read was searched once, not each record).
 */
export type RecordRead =
  | { readonly done: true }
  | { readonly done: false; readonly records: Uint8Array[]; readonly oneLine: boolean };

/** Reads a source's records as the bytes of their JSON, one upstream read at a time, without decoding them. */
export interface RecordReader {
  /** The records of the next upstream read. */
  read(): Promise<RecordRead>;
  /**
   * `read` without a promise of its own: `onRead` gets the next read, or `onFailure` what broke it, always
   * after `next` returned. One read at a time. The SSE relay reads this way: under an upstream that
   * flushes every event on its own a read is an event, and an async read cost a promise, a suspended
   * frame and a microtask turn on top of the upstream's own.
   */
  next(onRead: (read: RecordRead) => void, onFailure: (cause: unknown) => void): void;
  /** Stops reading and cancels the upstream. */
  cancel(reason?: unknown): Promise<void>;
}

export interface RecordReaderOptions {
  /** A record that is cut off, too long, or not a JSON object: it is skipped and reading goes on. */
  readonly onError: (error: SteplineError) => void;
  /** Records longer than this many bytes are reported and skipped. Default 64 MiB. */
  readonly maxRecordLength?: number;
}

const recordSeparator = 0x1e;
const encoder = new TextEncoder();
/** A turn of the microtask queue is `nextTurn.then(fn)`. */
const nextTurn = /* @__PURE__ */ Promise.resolve();

/**
 * `openChunkReader` for a reader that passes records on rather than looking into them (the SSE relay):
 * Mastra's body is split on the record separator as bytes (a UTF-8 character never contains 0x1E) and
 * each record is handed over as a view of the bytes that came, so nothing is decoded, parsed, stringified
 * or encoded again. Chunk objects (a `@mastra/client-js` stream) are stringified and encoded once.
 *
 * A record is checked only by its ends (`{` … `}`, what every Mastra record is): one that is cut off at
 * the end of the body or is plainly something else is reported as `parse` and skipped. What passes that
 * check is parsed by whoever receives it, which reports a record that still is not JSON. A leading BOM is
 * dropped; blanks between records are ignored.
 *
 * @example
 * const reader = openRecordReader(response, { onError: console.warn });
 * for (let next = await reader.read(); !next.done; next = await reader.read()) send(next.records);
 */
export function openRecordReader(source: RunChunkSource, options: RecordReaderOptions): RecordReader {
  const upstream = readerOf(source);
  const maxLength = options.maxRecordLength ?? 64 * 1024 * 1024;
  let records: Uint8Array[] = [];
  // The record in progress when a read ends inside it, kept as pieces and joined once.
  let pieces: Uint8Array[] = [];
  let pendingLength = 0;
  let skippingOversized = false;
  /** The pieces of the record in progress hold a line break. */
  let pendingBreaks = false;
  /** No record of this read holds a line break. */
  let oneLine = true;
  let atStart = true;
  let ended = false;

  const emit = (whole: Uint8Array) => {
    let record = whole;
    if (atStart) {
      // A BOM opens the body, not the record: dropped, however the first read cut it.
      atStart = false;
      if (record[0] === 0xef && record[1] === 0xbb && record[2] === 0xbf) record = record.subarray(3);
    }
    const first = firstFilled(record);
    if (first === -1) return;
    if (record[first] === 0x7b && record[lastFilled(record)] === 0x7d) records.push(record);
    else options.onError(notAnObject(record));
  };
  const append = (bytes: Uint8Array) => {
    if (skippingOversized || bytes.length === 0) return;
    pendingLength += bytes.length;
    if (pendingLength > maxLength) {
      skippingOversized = true;
      pieces = [];
      pendingLength = 0;
      options.onError(
        new SteplineError('parse', `A stream record is longer than ${maxLength} bytes; it was skipped.`),
      );
      return;
    }
    pieces.push(bytes);
  };
  const joined = () => {
    const record = pieces.length === 1 ? pieces[0]! : concat(pieces, pendingLength);
    pieces = [];
    pendingLength = 0;
    if (pendingBreaks) oneLine = false;
    pendingBreaks = false;
    return record;
  };
  const push = (bytes: Uint8Array) => {
    // Two native searches of the whole read instead of two per record.
    const breaks = findByte(bytes, 0x0a) !== -1 || findByte(bytes, 0x0d) !== -1;
    if (breaks) oneLine = false;
    let start = 0;
    let index = findByte(bytes, recordSeparator, start);
    while (index !== -1) {
      if (pendingLength === 0 && !skippingOversized && index - start <= maxLength) {
        // The common case: a whole record inside this read, handed over as a view, not a copy.
        emit(bytes.subarray(start, index));
      } else {
        append(bytes.subarray(start, index));
        if (skippingOversized) skippingOversized = false;
        else emit(joined());
      }
      start = index + 1;
      // A read that ends with its record's separator (one event per read) needs no search past it.
      index = start < bytes.length ? findByte(bytes, recordSeparator, start) : -1;
    }
    // The rest begins the next read's record. Views, not copies: a default reader's chunks belong to
    // the reader once read (only a BYOB reader hands its buffer back).
    if (start < bytes.length) {
      append(bytes.subarray(start));
      if (breaks) pendingBreaks = true;
    }
  };
  const end = () => {
    if (skippingOversized || pendingLength === 0) return;
    let rest = joined();
    if (atStart && rest[0] === 0xef && rest[1] === 0xbb && rest[2] === 0xbf) rest = rest.subarray(3);
    if (firstFilled(rest) === -1) return;
    // A complete object without its separator is still a record; anything else was cut off.
    if (rest[firstFilled(rest)] === 0x7b && rest[lastFilled(rest)] === 0x7d) {
      records.push(rest);
      return;
    }
    options.onError(
      new SteplineError(
        'parse',
        'The stream ended in the middle of a record; the partial record was skipped.',
        {
          input: excerpt(new TextDecoder().decode(rest)),
        },
      ),
    );
  };

  const done: RecordRead = { done: true };
  /** One upstream value (or its end) -> the records it completed. */
  const take = (next: IteratorResult<unknown>): RecordRead => {
    const value = next.value;
    if (next.done) {
      ended = true;
      end();
    } else if (value instanceof Uint8Array) {
      push(value);
    } else if (ArrayBuffer.isView(value)) {
      // `ArrayBuffer.isView`, not only `instanceof Uint8Array`: bytes from another realm are bytes too.
      const view = value as ArrayBufferView;
      push(new Uint8Array(view.buffer, view.byteOffset, view.byteLength));
    } else if (typeof value === 'string') {
      push(encoder.encode(value));
    } else if (Object.prototype.toString.call(value) === '[object ArrayBuffer]') {
      push(new Uint8Array(value as ArrayBuffer));
    } else {
      const text = stringify(value, options.onError);
      if (text !== undefined) records.push(encoder.encode(text));
    }
    const read = records;
    const readOneLine = oneLine;
    records = [];
    oneLine = true;
    // The records completed by the end of the body are still delivered before `done`.
    if (ended && read.length === 0) return done;
    return { done: false, records: read, oneLine: readOneLine };
  };
  // The callbacks of the read in flight (one at a time), so that a read makes no closure of its own.
  let onRead: (read: RecordRead) => void = () => {};
  let onFailure: (cause: unknown) => void = () => {};
  const settle = (next: IteratorResult<unknown>) => {
    let read: RecordRead;
    try {
      read = take(next);
    } catch (cause) {
      onFailure(cause);
      return;
    }
    onRead(read);
  };
  const fail = (cause: unknown) => onFailure(cause);
  const next = (read: (read: RecordRead) => void, failure: (cause: unknown) => void) => {
    onRead = read;
    onFailure = failure;
    if (ended) {
      nextTurn.then(() => read(done));
      return;
    }
    let upstreamRead: Promise<IteratorResult<unknown>>;
    try {
      upstreamRead = upstream.next();
    } catch (cause) {
      // A hand-written iterator that throws at once: a failed read, reported as any other.
      nextTurn.then(() => failure(cause));
      return;
    }
    upstreamRead.then(settle, fail);
  };

  return {
    read: () => new Promise<RecordRead>((resolve, reject) => next(resolve, reject)),
    next,
    async cancel(reason) {
      ended = true;
      await upstream.cancel(reason);
    },
  };
}

function isBlank(byte: number | undefined): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

function firstFilled(bytes: Uint8Array): number {
  for (let index = 0; index < bytes.length; index++) if (!isBlank(bytes[index])) return index;
  return -1;
}

function lastFilled(bytes: Uint8Array): number {
  for (let index = bytes.length - 1; index >= 0; index--) if (!isBlank(bytes[index])) return index;
  return -1;
}

function concat(parts: readonly Uint8Array[], length: number): Uint8Array {
  const joined = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    joined.set(part, offset);
    offset += part.length;
  }
  return joined;
}

function notAnObject(record: Uint8Array): SteplineError {
  return new SteplineError('parse', 'A stream record is not a JSON object; it was skipped.', {
    input: excerpt(new TextDecoder().decode(record)),
  });
}

function stringify(chunk: unknown, onError: (error: SteplineError) => void): string | undefined {
  let text: string | undefined;
  try {
    text = JSON.stringify(chunk);
  } catch (cause) {
    onError(
      new SteplineError('invalid-event', 'A run chunk cannot be serialized as JSON; it was skipped.', {
        cause,
      }),
    );
    return undefined;
  }
  if (text !== undefined) return text;
  onError(
    new SteplineError(
      'invalid-event',
      `A run chunk of type ${typeof chunk} has no JSON form; it was skipped.`,
    ),
  );
  return undefined;
}

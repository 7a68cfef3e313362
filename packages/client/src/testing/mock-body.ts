import type { StreamFaults } from './mock-faults';
import { concatBytes, pieceSizer, sseFrame } from './stream-encoding';

/**
 * The machinery behind every mock stream body: records go through the record faults and the framing,
 * are cut into pieces, and the pieces are sent one by one with delays, stalls and cuts. Internal to
 * `@stepline/client/testing`.
 */

export type Framing = 'mastra' | 'sse';

/** Bytes to send, and which input records are complete once they are sent. */
export interface BodyPiece {
  readonly bytes: Uint8Array;
  readonly completes: readonly number[];
  /** The piece ends exactly where a record ends: stopping after it leaves no record half-sent. */
  readonly endsRecord: boolean;
}

export interface PipelineRecord {
  /** The record's JSON text (or anything else, to send it as is). */
  readonly text: string;
  /** Reported back in `BodyPiece.completes` once the record's last byte is in a piece. */
  readonly tag?: number;
}

/** Not JSON: a trailing comma, so a parser sees a record that starts like an event and fails. */
export const malformedRecordText = '{"type":"workflow-step-start","payload":{"id":"malformed",}}';

const encoder = new TextEncoder();

interface Entry {
  readonly bytes: Uint8Array;
  readonly tag: number | undefined;
}

/**
 * Records in, pieces out, incrementally: a live stream pushes records as they happen. The last record is
 * held back while `truncateLastRecord` is on, because only the end tells which record was the last.
 */
export class RecordPipeline {
  private readonly framing: Framing;
  private readonly faults: StreamFaults;
  private readonly nextSize: (() => number) | undefined;
  private recordIndex = 0;
  private malformedSent = false;
  private sseId = 1;
  private held: PipelineRecord | undefined;

  constructor(framing: Framing, faults: StreamFaults, chunkSize: number | 'random' | undefined, seed = 1) {
    this.framing = framing;
    this.faults = faults;
    this.nextSize = chunkSize === undefined ? undefined : pieceSizer(chunkSize, { seed });
  }

  push(records: readonly PipelineRecord[]): BodyPiece[] {
    const entries: Entry[] = [];
    for (const record of records) {
      if (this.faults.truncateLastRecord) {
        if (this.held) this.addRecord(entries, this.held);
        this.held = record;
      } else {
        this.addRecord(entries, record);
      }
    }
    return this.cut(entries);
  }

  end(): BodyPiece[] {
    const entries: Entry[] = [];
    if (this.faults.malformedRecordAt !== undefined && !this.malformedSent) this.addMalformed(entries);
    if (this.held) {
      const full = this.frame(this.held.text);
      // Half of the frame, never its separator: the body ends in the middle of the record.
      const cut = Math.max(1, Math.floor((full.length - 1) / 2));
      entries.push({ bytes: full.slice(0, cut), tag: this.held.tag });
      this.held = undefined;
    }
    return this.cut(entries);
  }

  private addRecord(entries: Entry[], record: PipelineRecord): void {
    if (this.recordIndex === this.faults.malformedRecordAt && !this.malformedSent) this.addMalformed(entries);
    this.recordIndex++;
    entries.push({ bytes: this.frame(record.text), tag: record.tag });
  }

  private addMalformed(entries: Entry[]): void {
    this.malformedSent = true;
    entries.push({ bytes: this.frame(malformedRecordText), tag: undefined });
  }

  private frame(text: string): Uint8Array {
    return encoder.encode(this.framing === 'sse' ? sseFrame(text, this.sseId++) : `${text}\x1E`);
  }

  /** One piece per record by default; else the records' bytes joined and cut every `chunkSize` bytes. */
  private cut(entries: readonly Entry[]): BodyPiece[] {
    if (entries.length === 0) return [];
    if (!this.nextSize) {
      return entries.map((entry) => ({
        bytes: entry.bytes,
        completes: entry.tag === undefined ? [] : [entry.tag],
        endsRecord: true,
      }));
    }
    const all = concatBytes(entries.map((entry) => entry.bytes));
    const ends: { end: number; tag: number }[] = [];
    const boundaries = new Set<number>();
    let offset = 0;
    for (const entry of entries) {
      offset += entry.bytes.length;
      boundaries.add(offset);
      if (entry.tag !== undefined) ends.push({ end: offset, tag: entry.tag });
    }
    const pieces: BodyPiece[] = [];
    let next = 0;
    for (let start = 0; start < all.length; ) {
      const end = Math.min(all.length, start + this.nextSize());
      const completes: number[] = [];
      while (next < ends.length && ends[next]!.end <= end) completes.push(ends[next++]!.tag);
      pieces.push({ bytes: all.slice(start, end), completes, endsRecord: boundaries.has(end) });
      start = end;
    }
    return pieces;
  }
}

export interface BodyEmitterOptions {
  readonly delayMs?: number;
  readonly faults?: StreamFaults;
  readonly signal?: AbortSignal | null;
}

/**
 * A `ReadableStream` body fed piece by piece, with a delay between pieces, an optional stall and cut, and
 * the request's `AbortSignal` honoured the way `fetch` does (the body errors with the signal's reason).
 * `fail()` errors it the way a dropped connection does: what was sent is read first. Exported for tests
 * and mock servers (Storybook's replay) that write a response body themselves.
 *
 * @example
 * const body = new BodyEmitter();
 * void body.emit(new TextEncoder().encode('{"type":"workflow-start"}\x1E'));
 * body.fail(new TypeError('network error'));
 * return new Response(body.stream);
 */
export class BodyEmitter {
  readonly stream: ReadableStream<Uint8Array>;
  private controller!: ReadableStreamDefaultController<Uint8Array>;
  private readonly delayMs: number;
  private readonly faults: StreamFaults;
  private readonly signal: AbortSignal | undefined;
  private sentBytes = 0;
  private sentPieces = 0;
  private stallDone = false;
  private finished = false;
  private wakeSleeper: (() => void) | undefined;
  /** An error waiting for the reader to take what was already sent (see `fail`). */
  private pendingError: { readonly value: unknown } | undefined;
  private readonly stopListeners = new Set<() => void>();
  private readonly onAbort = () => {
    const reason = this.signal?.reason ?? new DOMException('This operation was aborted', 'AbortError');
    // fetch drops whatever was buffered when its signal aborts: error at once.
    this.fail(reason, { discardBuffered: true });
  };

  constructor(options: BodyEmitterOptions = {}) {
    this.delayMs = options.delayMs ?? 0;
    this.faults = options.faults ?? {};
    this.signal = options.signal ?? undefined;
    this.stream = new ReadableStream<Uint8Array>({
      start: (controller) => {
        this.controller = controller;
      },
      // Called when the queue is empty: everything sent so far has been read.
      pull: () => {
        const pending = this.pendingError;
        if (!pending) return;
        this.pendingError = undefined;
        this.controller.error(pending.value);
      },
      // The reader gave up (`reader.cancel()`): stop producing.
      cancel: () => this.stop(),
    });
    if (this.signal?.aborted) this.onAbort();
    else this.signal?.addEventListener('abort', this.onAbort, { once: true });
  }

  /** False once the body is closed, errored, canceled or aborted: nothing more will be sent. */
  get active(): boolean {
    return !this.finished;
  }

  get bytesSent(): number {
    return this.sentBytes;
  }

  /** Called once when the body stops for any reason. */
  onStop(listener: () => void): void {
    if (this.finished) listener();
    else this.stopListeners.add(listener);
  }

  /** Sends one piece (after the delay); false when the body stopped before or while sending it. */
  async emit(piece: Uint8Array): Promise<boolean> {
    if (this.finished) return false;
    if (this.sentPieces > 0 && this.delayMs > 0) {
      await this.sleep(this.delayMs);
      if (this.finished) return false;
    }
    this.sentPieces++;
    let rest = piece;
    const { stall, cutAfterBytes, endAfterBytes } = this.faults;
    for (;;) {
      const stallAt = stall && !this.stallDone ? stall.afterBytes : Number.POSITIVE_INFINITY;
      const cutAt = cutAfterBytes ?? Number.POSITIVE_INFINITY;
      const endAt = endAfterBytes ?? Number.POSITIVE_INFINITY;
      const boundary = Math.min(stallAt, cutAt, endAt);
      if (this.sentBytes + rest.length < boundary) {
        this.enqueue(rest);
        return true;
      }
      const head = Math.max(0, boundary - this.sentBytes);
      this.enqueue(rest.subarray(0, head));
      rest = rest.subarray(head);
      if (boundary === cutAt) {
        this.fail(new TypeError('network error'));
        return false;
      }
      if (boundary === endAt) {
        this.finish();
        this.controller.close();
        return false;
      }
      this.stallDone = true;
      await this.sleep(stall!.ms);
      if (this.finished) return false;
      if (rest.length === 0) return true;
    }
  }

  /** Ends the body normally — unless a cut is due at exactly this many bytes. */
  close(): void {
    if (this.finished) return;
    const { cutAfterBytes } = this.faults;
    if (cutAfterBytes !== undefined && this.sentBytes >= cutAfterBytes) {
      this.fail(new TypeError('network error'));
      return;
    }
    this.finish();
    this.controller.close();
  }

  /**
   * Errors the body. By default the reader first gets every byte already sent, then its next `read()`
   * rejects with `error` — as with a dropped connection, where what arrived before the drop was read.
   * (A stream errored at once would throw away its queued chunks.)
   */
  fail(error: unknown, options: { readonly discardBuffered?: boolean } = {}): void {
    if (this.finished) return;
    this.finish();
    // With the default high-water mark of one chunk, a positive desired size means an empty queue.
    if (options.discardBuffered || (this.controller.desiredSize ?? 0) > 0) this.controller.error(error);
    else this.pendingError = { value: error };
  }

  private stop(): void {
    if (this.finished) return;
    this.finish();
  }

  private finish(): void {
    this.finished = true;
    this.signal?.removeEventListener('abort', this.onAbort);
    this.wakeSleeper?.();
    for (const listener of this.stopListeners) listener();
    this.stopListeners.clear();
  }

  private enqueue(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    this.sentBytes += bytes.length;
    this.controller.enqueue(bytes.slice());
  }

  /** A delay that ends early when the body stops, leaving no timer behind. */
  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wakeSleeper = () => {
        this.wakeSleeper = undefined;
        done();
      };
    });
  }
}

/**
 * Sends pieces in order, reporting completed record tags after each one that went out whole.
 * @example
 * const sent = await emitPieces(emitter, pipeline.push(records), (tags) => log.push(...tags));
 */
export async function emitPieces(
  emitter: BodyEmitter,
  pieces: readonly BodyPiece[],
  onComplete?: (tags: readonly number[]) => void,
): Promise<boolean> {
  for (const piece of pieces) {
    if (!(await emitter.emit(piece.bytes))) return false;
    if (piece.completes.length > 0) onComplete?.(piece.completes);
  }
  return emitter.active;
}

import { findByte } from '../util/find-byte';
import { formatEventId } from './checked-event-ids';
import { encodeSseEvent } from './encode-sse-event';

const decoder = new TextDecoder();
const encoder = new TextEncoder();
const initialSize = 16 * 1024;

/**
 * Server-Sent Events written as bytes into one growing buffer, taken out as one network write. A record
 * arrives as the bytes of its JSON and goes out as they are, framed by a few ASCII bytes: nothing is
 * decoded and encoded again.
 *
 * @example
 * const writer = createSseByteWriter();
 * writer.event(1, 2166136261, recordBytes);
 * controller.enqueue(writer.take());
 */
export interface SseByteWriter {
  /**
   * `id: <position>.<hash>\ndata: <record>\n\n`; a record with line breaks gets a `data:` line each.
   * `oneLine`: the caller knows the record has no line break (it searched the whole read at once).
   */
  event(position: number, hash: number, record: Uint8Array, oneLine?: boolean): void;
  /** Bytes written since the last `take`. */
  readonly length: number;
  /**
   * What was written, as an array nobody else writes to; the writer starts over. A view into the writer's
   * buffer (the writes after it go further along), so a small write holds that buffer while it is kept.
   */
  take(): Uint8Array;
}

export function createSseByteWriter(): SseByteWriter {
  let bytes = new Uint8Array(initialSize);
  // What was written since the last `take` is `bytes[start..length]`: the bytes before `start` were
  // handed out and are never written again.
  let start = 0;
  let length = 0;
  const reserve = (more: number) => {
    if (length + more <= bytes.length) return;
    // Past the end of a buffer whose start was handed out: a fresh one of the same size will do, unless
    // the write being gathered outgrows half of it.
    const pending = length - start;
    const needed = pending + more;
    const grown = new Uint8Array(
      Math.max(needed * 2 <= bytes.length ? bytes.length : bytes.length * 2, needed),
    );
    grown.set(bytes.subarray(start, length));
    bytes = grown;
    start = 0;
    length = pending;
  };
  const raw = (part: Uint8Array) => {
    reserve(part.length);
    bytes.set(part, length);
    length += part.length;
  };
  return {
    event(position, hash, record, oneLine = false) {
      // A Mastra record is one line; pretty-printed JSON is framed line by line, through the text encoder.
      if (!oneLine && (findByte(record, 0x0a) !== -1 || findByte(record, 0x0d) !== -1)) {
        const id = formatEventId(position, hash);
        raw(encoder.encode(encodeSseEvent({ id, data: decoder.decode(record) })));
        return;
      }
      // Written through locals, byte by byte: the buffer and its length live in this closure, and
      // reading them back for every byte cost more than the record's own copy.
      reserve(record.length + maxFrameBytes);
      const out = bytes;
      let at = length;
      out[at] = 0x69; // i
      out[at + 1] = 0x64; // d
      out[at + 2] = 0x3a; // :
      out[at + 3] = 0x20;
      at = writeDecimal(out, at + 4, position);
      out[at] = 0x2e; // .
      at = writeDecimal(out, at + 1, hash);
      out[at] = 0x0a;
      out[at + 1] = 0x64; // d
      out[at + 2] = 0x61; // a
      out[at + 3] = 0x74; // t
      out[at + 4] = 0x61; // a
      out[at + 5] = 0x3a; // :
      out[at + 6] = 0x20;
      at += 7;
      out.set(record, at);
      at += record.length;
      out[at] = 0x0a;
      out[at + 1] = 0x0a;
      length = at + 2;
    },
    get length() {
      return length - start;
    },
    take() {
      // A view, never a copy: the next writes go after it in the same buffer (one event per write when
      // they come one by one, some forty to a buffer), so nobody else writes to what was taken. Copying a
      // small write out (`slice`, an ArrayBuffer per event) cost more than writing the event.
      const taken = bytes.subarray(start, length);
      const room = bytes.length - length;
      if (room >= 4 * taken.length && room * 4 >= bytes.length) {
        start = length;
      } else {
        // Too little left for writes like this one (a full write, or the last of the small ones'): a
        // fresh buffer rather than growing one that is mostly handed out.
        bytes = new Uint8Array(Math.min(bytes.length, initialSize * 8));
        start = 0;
        length = 0;
      }
      return taken;
    },
  };
}

/** `id: ` + 16 digits + `.` + 10 digits + `\ndata: ` + `\n\n`, rounded up. */
const maxFrameBytes = 48;

/**
 * A non-negative integer below 2^53 as decimal digits at `at`; returns the index after them. No string
 * per number. Split at 10^9 so each part is an int32 and the digits come from integer division: the
 * hashes go up to 2^32, where floating-point division per digit cost as much as the rest of the frame.
 */
function writeDecimal(out: Uint8Array, at: number, value: number): number {
  if (value < 1e9) return writeSmall(out, at, value | 0);
  // Below 2^53, the high part is below 10^7.
  const high = Math.floor(value / 1e9);
  const end = writeSmall(out, at, high);
  let rest = (value - high * 1e9) | 0;
  // The low part always takes nine digits, leading zeros included.
  for (let index = end + 8; index >= end; index--) {
    out[index] = 0x30 + (rest % 10);
    rest = (rest / 10) | 0;
  }
  return end + 9;
}

/** An integer from 0 to 999,999,999. */
function writeSmall(out: Uint8Array, at: number, value: number): number {
  let count = 1;
  for (let rest = value; rest >= 10; rest = (rest / 10) | 0) count++;
  let rest = value;
  for (let index = at + count - 1; index >= at; index--) {
    out[index] = 0x30 + (rest % 10);
    rest = (rest / 10) | 0;
  }
  return at + count;
}

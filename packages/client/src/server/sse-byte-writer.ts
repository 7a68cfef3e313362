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
  /** What was written, as an array nobody else writes to; the writer starts over. */
  take(): Uint8Array;
}

export function createSseByteWriter(): SseByteWriter {
  let bytes = new Uint8Array(initialSize);
  let length = 0;
  const reserve = (more: number) => {
    if (length + more <= bytes.length) return;
    const grown = new Uint8Array(Math.max(bytes.length * 2, length + more));
    grown.set(bytes.subarray(0, length));
    bytes = grown;
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
      return length;
    },
    take() {
      let taken: Uint8Array;
      if (length * 4 < bytes.length) {
        // A few events (one per write when they come one by one): copied out, the buffer is kept.
        taken = bytes.slice(0, length);
      } else {
        // A full write: the buffer itself goes out and a fresh one takes its place, no copy.
        taken = bytes.subarray(0, length);
        bytes = new Uint8Array(Math.min(bytes.length, initialSize * 8));
      }
      length = 0;
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

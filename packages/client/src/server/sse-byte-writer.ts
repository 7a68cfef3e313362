import { findByte } from '../util/find-byte';
import { formatEventId } from './checked-event-ids';
import { encodeSseEvent } from './encode-sse-event';

const decoder = new TextDecoder();
const encoder = new TextEncoder();
const initialSize = 16 * 1024;
const idField = encoder.encode('id: ');
const dataField = encoder.encode('\ndata: ');

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
  /** A short constant, room reserved by the caller. */
  const copy = (part: Uint8Array) => {
    for (let index = 0; index < part.length; index++) bytes[length++] = part[index]!;
  };
  /** A non-negative integer below 2^53 in decimal, room reserved by the caller: no string per number. */
  const digits = (value: number) => {
    let count = 1;
    for (let rest = value; rest >= 10; rest = Math.floor(rest / 10)) count++;
    length += count;
    let rest = value;
    for (let index = length - 1; count > 0; index--, count--) {
      bytes[index] = 0x30 + (rest % 10);
      rest = Math.floor(rest / 10);
    }
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
      reserve(record.length + 40);
      copy(idField);
      digits(position);
      bytes[length++] = 0x2e; // .
      digits(hash);
      copy(dataField);
      bytes.set(record, length);
      length += record.length;
      bytes[length++] = 0x0a;
      bytes[length++] = 0x0a;
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

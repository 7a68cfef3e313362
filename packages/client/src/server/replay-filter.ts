/**
 * Drops the part of an upstream that replays what it already sent, by position, without looking into or
 * hashing the records: they are compared as the bytes that came.
 *
 * Mastra's `observe` sends a running run's history, then its in-memory buffer again from the segment's
 * `workflow-start`, then what happens live; a stream with no replay (`stream`, `resume-stream`) sends
 * every record once. A replay therefore shows up as a segment start already passed on, followed by the
 * records that followed it then, in the same order. The filter keeps the records it passed on and, once a
 * replay begins, compares each record with the one at the same place before: equal, it is dropped; the
 * first that differs (or comes after the end of what was sent) is new and the replay is over. So
 * identical records that are not a replay — an agent repeating a token, a step writing the same value
 * twice, a resume segment opening with the same `workflow-start` — are all passed on (issue 12), and a
 * record costs O(1) when there is no replay: no record is hashed or looked up.
 *
 * A segment start that repeats an earlier one is held until the next record tells a replay (that record
 * is the one that followed the start before) from a new segment.
 *
 * @example
 * const filter = createReplayFilter((record) => send(record));
 * for (const record of records) filter.push(record);
 * filter.end();
 */
export interface ReplayFilter {
  /** The next record's bytes; `pass` is called for it unless it is part of a replay. */
  push(record: Uint8Array): void;
  /** The upstream ended: a segment start still held was a replay with nothing after it. */
  end(): void;
}

export function createReplayFilter(pass: (record: Uint8Array) => void): ReplayFilter {
  /** Every record passed on, in order: what a replay is compared with. */
  const sent: Uint8Array[] = [];
  /** Where in `sent` the segment starts are. */
  const starts: number[] = [];
  /** While replaying: the index in `sent` the next record must equal; -1 otherwise. */
  let cursor = -1;
  let held: Uint8Array | undefined;

  const send = (record: Uint8Array) => {
    sent.push(record);
    pass(record);
  };
  const fresh = (record: Uint8Array) => {
    if (isSegmentStart(record)) {
      for (const index of starts) {
        if (sameBytes(sent[index]!, record)) {
          held = record;
          return;
        }
      }
      starts.push(sent.length);
    }
    send(record);
  };
  /** The record after a held start decides what the start was. */
  const settle = (start: Uint8Array, record: Uint8Array) => {
    let caughtUp = false;
    for (const index of starts) {
      if (!sameBytes(sent[index]!, start)) continue;
      if (index + 1 === sent.length) caughtUp = true;
      else if (sameBytes(sent[index + 1]!, record)) {
        cursor = index + 2;
        return true;
      }
    }
    // Nothing was sent after that start yet: the replay of it is over, `record` is new.
    if (caughtUp) return false;
    // A new segment that opens with the same words as an earlier one (a resume).
    starts.push(sent.length);
    send(start);
    return false;
  };

  return {
    push(record) {
      if (cursor !== -1) {
        if (cursor < sent.length && sameBytes(sent[cursor]!, record)) {
          cursor++;
          return;
        }
        cursor = -1;
      }
      if (held !== undefined) {
        const start = held;
        held = undefined;
        if (settle(start, record)) return;
      }
      fresh(record);
    },
    end() {
      held = undefined;
      cursor = -1;
    },
  };
}

const decoder = new TextDecoder();
const workflowStart = new TextEncoder().encode('{"type":"workflow-start"');
const legacyStart = new TextEncoder().encode('{"type":"start"');
/** `{"type":"` */
const typeFirst = 9;

/** `{"type":"workflow-start"` as Mastra writes it (the legacy `start` too); a record of another shape is parsed. */
export function isSegmentStart(record: Uint8Array): boolean {
  if (startsWith(record, workflowStart, typeFirst)) {
    // Most records are `{"type":"workflow-step-…`: `workflow-start` has an `a` at 20, `start` an `s` at 9.
    if (record[20] !== 0x61 && record[9] !== 0x73) return false;
    return startsWith(record, workflowStart) || startsWith(record, legacyStart);
  }
  try {
    const type = (JSON.parse(decoder.decode(record)) as { type?: unknown } | null)?.type;
    return type === 'workflow-start' || type === 'start';
  } catch {
    return false;
  }
}

function startsWith(bytes: Uint8Array, prefix: Uint8Array, length = prefix.length): boolean {
  if (bytes.length < length) return false;
  for (let index = 0; index < length; index++) if (bytes[index] !== prefix[index]) return false;
  return true;
}

/** Only called while a replay is checked, or for segment starts: a record of another length differs at once. */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a === b) return true;
  const length = a.length;
  if (length !== b.length) return false;
  // The end first: that is where Mastra writes a step's times and status.
  if (a[length - 2] !== b[length - 2] || a[length - 3] !== b[length - 3]) return false;
  for (let index = 0; index < length; index++) if (a[index] !== b[index]) return false;
  return true;
}

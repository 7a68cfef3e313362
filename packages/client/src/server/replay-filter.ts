/**
 * Drops the part of an upstream that replays what it already sent, by position, without looking into or
 * hashing the records.
 *
 * Mastra's `observe` sends a running run's history, then its in-memory buffer again from the segment's
 * `workflow-start`, then what happens live; a stream with no replay (`stream`, `resume-stream`) sends
 * every record once. A replay therefore shows up as a segment start already passed on, followed by the
 * records that followed it then, in the same order. The filter keeps the records it passed on and, once a
 * replay begins, compares each record with the one at the same place before: equal, it is dropped; the
 * first that differs (or comes after the end of what was sent) is new and the replay is over. So
 * identical records that are not a replay — an agent repeating a token, a step writing the same value
 * twice, a resume segment opening with the same `workflow-start` — are all passed on (issue 12), and a
 * record costs O(1) when there is no replay: no text is hashed or looked up.
 *
 * A segment start that repeats an earlier one is held until the next record tells a replay (that record
 * is the one that followed the start before) from a new segment.
 *
 * @example
 * const filter = createReplayFilter((text) => send(text));
 * for (const text of records) filter.push(text);
 * filter.end();
 */
export interface ReplayFilter {
  /** The next record's text; `pass` is called for it unless it is part of a replay. */
  push(text: string): void;
  /** The upstream ended: a segment start still held was a replay with nothing after it. */
  end(): void;
}

export function createReplayFilter(pass: (text: string) => void): ReplayFilter {
  /** Every record passed on, in order: what a replay is compared with. */
  const sent: string[] = [];
  /** Where in `sent` the segment starts are. */
  const starts: number[] = [];
  /** While replaying: the index in `sent` the next record must equal; -1 otherwise. */
  let cursor = -1;
  let held: string | undefined;

  const send = (text: string) => {
    sent.push(text);
    pass(text);
  };
  const fresh = (text: string) => {
    if (isSegmentStart(text)) {
      for (const index of starts) {
        if (sent[index] === text) {
          held = text;
          return;
        }
      }
      starts.push(sent.length);
    }
    send(text);
  };
  /** The record after a held start decides what the start was. */
  const settle = (start: string, text: string) => {
    let caughtUp = false;
    for (const index of starts) {
      if (sent[index] !== start) continue;
      if (index + 1 === sent.length) caughtUp = true;
      else if (sent[index + 1] === text) {
        cursor = index + 2;
        return true;
      }
    }
    // Nothing was sent after that start yet: the replay of it is over, `text` is new.
    if (caughtUp) return false;
    // A new segment that opens with the same words as an earlier one (a resume).
    starts.push(sent.length);
    send(start);
    return false;
  };

  return {
    push(text) {
      if (cursor !== -1) {
        if (cursor < sent.length && sent[cursor] === text) {
          cursor++;
          return;
        }
        cursor = -1;
      }
      if (held !== undefined) {
        const start = held;
        held = undefined;
        if (settle(start, text)) return;
      }
      fresh(text);
    },
    end() {
      held = undefined;
      cursor = -1;
    },
  };
}

/** `{"type":"workflow-start"` as Mastra writes it (the legacy `start` too); a record of another shape is parsed. */
export function isSegmentStart(text: string): boolean {
  if (text.startsWith('{"type":"')) {
    return text.startsWith('workflow-start"', 9) || text.startsWith('start"', 9);
  }
  try {
    const type = (JSON.parse(text) as { type?: unknown } | null)?.type;
    return type === 'workflow-start' || type === 'start';
  } catch {
    return false;
  }
}

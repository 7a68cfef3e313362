export interface EventNumberingOptions {
  /** The last id the client already has: the first `lastEventId` distinct chunks are not sent again. */
  readonly lastEventId?: number | undefined;
  /** Drop a chunk whose JSON text was already seen on this connection (default true). */
  readonly dedupe?: boolean;
}

export interface EventNumbering {
  /**
   * The id to send a chunk with, or undefined when it must not be sent: a repeat of a chunk already
   * seen, or one the reconnecting client already has. `identity` names the chunk instead of its text:
   * step output can be named by its position in its stream (see `createOutputPositions`), so a token repeated word for
   * word is a new chunk and a replayed position is not.
   */
  next(text: string, identity?: string): number | undefined;
  /** How many distinct chunks were seen so far, sent or skipped: the id of the last one. */
  readonly count: number;
}

/**
 * Gives the distinct chunks of an upstream their positions 1, 2, 3… so that ids mean the same on every
 * connection that replays the same history.
 *
 * @deprecated `relayRunAsSse` no longer numbers this way, and neither should a relay of your own. This
 * drops every chunk whose text (or `identity`) was seen before, so two records that are not a replay but
 * say the same thing (a resume segment's `workflow-start`, a `data-*` value sent twice) become one event,
 * and its plain positions cannot tell a history replayed by a restarted Mastra from the one the client
 * has. The relay drops only what the upstream replays, by position, and sends ids `<position>.<hash>`
 * that it checks on a reconnect. Give `relayRunAsSse` your source (any `ReadableStream`, `AsyncIterable`
 * or `Response` of the run's records, or a factory of them) instead. Kept as it was for code that calls
 * it; it will be removed in a minor release.
 *
 * Mastra's `observe` sends the run's history and then replays its in-memory buffer on top of it, with no
 * ids; a reconnect replays everything again. Numbering the distinct chunks (by their exact JSON text)
 * makes a reconnect continue without duplicates: the upstream is opened again, deduplicated the same way,
 * and the first `lastEventId` chunks are skipped.
 *
 * Step output (`writer.write()` values, agent tokens) is named by its position in its stream instead of
 * its text: a step writing the same value twice, or an agent repeating a token, sends byte-identical
 * records that are all kept. For everything else two chunks with the same JSON text are one event (a
 * run's `workflow-start` repeats word for word in every resume segment); the run reducer treats those as
 * the same fact. The texts and identities are kept for the whole connection: memory grows with the size
 * of the stream, as the stream itself already did on the upstream server.
 *
 * @example
 * const numbering = createEventNumbering({ lastEventId: 2 });
 * ['a', 'b', 'a', 'c'].map((text) => numbering.next(text)); // [undefined, undefined, undefined, 3]
 */
export function createEventNumbering(options: EventNumberingOptions = {}): EventNumbering {
  const skip = options.lastEventId ?? 0;
  const seen = options.dedupe === false ? undefined : new Set<string>();
  let count = 0;
  return {
    next(text, identity) {
      if (seen) {
        const key = identity ?? text;
        if (seen.has(key)) return undefined;
        seen.add(key);
      }
      count += 1;
      return count > skip ? count : undefined;
    },
    get count() {
      return count;
    },
  };
}

/**
 * Event ids that say which history they belong to: `<position>.<hash>`, where `hash` is a rolling hash
 * of the distinct chunks 1..position.
 *
 * A plain position is not enough. Mastra keeps a run's stream in the memory of the process that runs it:
 * after a restart (`POST /restart`, or the run resumed by another process) `observe` replays a new,
 * shorter history. A client reconnecting with `Last-Event-ID: 14` would have the first 14 chunks of the
 * NEW history skipped — chunks it never saw. With the hash the relay can tell: when the 14th chunk of the
 * replay carries the same rolling hash, the client has exactly this history and gets what follows; when
 * it does not (or the replay pauses or ends before reaching 14) the history is another one, and the
 * client gets all of it again. The run reducer is idempotent, so a resent chunk changes nothing: the
 * price of a mismatch is a few duplicates on the wire, never a lost step.
 */

export interface EventPosition {
  /** How many distinct chunks the client has. */
  readonly position: number;
  /** The rolling hash after them; absent for a plain numeric id (older relays, hand-written clients). */
  readonly hash?: string;
}

export interface CheckedEvent {
  readonly id: string;
  readonly data: string;
}

export interface CheckedNumbering {
  /**
   * The events to send for one upstream chunk (as JSON text): none, one, or the held replay at once.
   * `identity` names the chunk instead of its text for deduplication: step output is named by its
   * position in its stream, so a token an agent repeats word for word is a new chunk and a replayed
   * position is not.
   */
  push(text: string, identity?: string): CheckedEvent[];
  /**
   * Gives up waiting for the client's position: the replay paused or ended before reaching it, so the
   * history is not the client's. Returns what was held back.
   */
  release(): CheckedEvent[];
  /** True while chunks are held back until the client's position is reached. */
  readonly holding: boolean;
}

export interface CheckedNumberingOptions {
  readonly last?: EventPosition | undefined;
  /** Drop a chunk whose JSON text was already seen on this connection (default true). */
  readonly dedupe?: boolean;
}

const idPattern = /^(\d{1,15})(?:\.([0-9a-z]{1,13}))?$/;

/**
 * Reads an id written by the relay (`12.k3j9x`) or a plain position (`12`); undefined for anything else,
 * so a mangled id means "send everything" rather than a wrong part.
 *
 * @example
 * parseEventPosition('12.k3j9x'); // { position: 12, hash: 'k3j9x' }
 */
export function parseEventPosition(value: string | null | undefined): EventPosition | undefined {
  if (value == null) return undefined;
  const match = idPattern.exec(value.trim());
  if (!match) return undefined;
  const position = Number(match[1]);
  return match[2] === undefined ? { position } : { position, hash: match[2] };
}

/**
 * Numbers the distinct chunks of one upstream replay and checks the client's `Last-Event-ID` against it.
 *
 * @example
 * const numbering = createCheckedNumbering({ last: parseEventPosition(request.headers.get('Last-Event-ID')) });
 * for (const event of numbering.push(json)) send(event);
 */
export function createCheckedNumbering(options: CheckedNumberingOptions = {}): CheckedNumbering {
  const seen = options.dedupe === false ? undefined : new Set<string>();
  const last = options.last && options.last.position > 0 ? options.last : undefined;
  let count = 0;
  let hash = 0x811c9dc5;
  // checking: held until the client's position is reached and compared; skipping: a plain numeric id,
  // trusted as before; sending: everything goes out.
  let mode: 'checking' | 'skipping' | 'sending' = last
    ? last.hash === undefined
      ? 'skipping'
      : 'checking'
    : 'sending';
  let held: CheckedEvent[] = [];

  return {
    push(text, identity) {
      if (seen) {
        const key = identity ?? text;
        if (seen.has(key)) return [];
        seen.add(key);
      }
      count += 1;
      hash = rollHash(hash, text);
      const event: CheckedEvent = { id: `${count}.${(hash >>> 0).toString(36)}`, data: text };
      switch (mode) {
        case 'sending':
          return [event];
        case 'skipping':
          if (count >= (last?.position ?? 0)) mode = 'sending';
          return [];
        case 'checking': {
          held.push(event);
          if (count < (last?.position ?? 0)) return [];
          mode = 'sending';
          const replay = held;
          held = [];
          // Same history: the client has all of it. Another history: it gets all of it.
          return event.id === `${last?.position}.${last?.hash}` ? [] : replay;
        }
        default:
          return assertNever(mode);
      }
    },
    release() {
      if (mode !== 'checking') return [];
      mode = 'sending';
      const replay = held;
      held = [];
      return replay;
    },
    get holding() {
      return mode === 'checking';
    },
  };
}

/** FNV-1a over UTF-16 code units, chained from the previous chunk's hash. */
function rollHash(previous: number, text: string): number {
  let hash = previous;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  // A separator, so ["ab", "c"] and ["a", "bc"] differ.
  hash ^= 0x1e;
  return Math.imul(hash, 0x01000193);
}

function assertNever(value: never): never {
  throw new Error(`Unexpected numbering mode ${String(value)}`);
}

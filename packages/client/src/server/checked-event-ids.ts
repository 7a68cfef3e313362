/**
 * Event ids that say which history they belong to: `<position>.<hash>`, where `hash` is a rolling hash
 * of the records 1..position (the upstream's replays left out).
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
  /** How many records the client has. */
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
   * Numbers the next record (its JSON text) and hands it to `send`, unless the reconnecting client has it
   * already, or it is held until the client's position is reached (then the held replay goes at once).
   */
  push(text: string): void;
  /**
   * Gives up waiting for the client's position: the replay paused or ended before reaching it, so the
   * history is not the client's. What was held back goes to `send`.
   */
  release(): void;
  /** True while records are held back until the client's position is reached. */
  readonly holding: boolean;
}

export interface CheckedNumberingOptions {
  readonly last?: EventPosition | undefined;
  /** Receives each event to send, in order. */
  readonly send: (id: string, data: string) => void;
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
 * Numbers the records of one upstream (its replays already dropped, see `createReplayFilter`) and checks
 * the client's `Last-Event-ID` against them.
 *
 * @example
 * const numbering = createCheckedNumbering({
 *   last: parseEventPosition(request.headers.get('Last-Event-ID')),
 *   send: (id, data) => write(encodeSseEvent({ id, data })),
 * });
 * for (const text of records) numbering.push(text);
 */
export function createCheckedNumbering(options: CheckedNumberingOptions): CheckedNumbering {
  const send = options.send;
  const last = options.last && options.last.position > 0 ? options.last : undefined;
  const lastId = last?.hash === undefined ? undefined : `${last.position}.${last.hash}`;
  const lastPosition = last?.position ?? 0;
  let count = 0;
  let hash = 0x811c9dc5;
  // checking: held until the client's position is reached and compared; skipping: a plain numeric id,
  // trusted as before; sending: everything goes out.
  let mode: 'checking' | 'skipping' | 'sending' = last
    ? lastId === undefined
      ? 'skipping'
      : 'checking'
    : 'sending';
  let held: CheckedEvent[] = [];
  const sendHeld = () => {
    const replay = held;
    held = [];
    for (const event of replay) send(event.id, event.data);
  };

  return {
    push(text) {
      count += 1;
      hash = rollHash(hash, text);
      // Decimal: a number in base 36 costs twice as much to write, for every event.
      const id = `${count}.${hash >>> 0}`;
      switch (mode) {
        case 'sending':
          send(id, text);
          return;
        case 'skipping':
          if (count >= lastPosition) mode = 'sending';
          return;
        case 'checking':
          held.push({ id, data: text });
          if (count < lastPosition) return;
          mode = 'sending';
          // Same history: the client has all of it. Another history: it gets all of it.
          if (id === lastId) held = [];
          else sendHeld();
          return;
        default:
          assertNever(mode);
      }
    },
    release() {
      if (mode !== 'checking') return;
      mode = 'sending';
      sendHeld();
    },
    get holding() {
      return mode === 'checking';
    },
  };
}

/**
 * FNV-1a over what tells two records apart cheaply, chained from the previous record's hash: the length,
 * and up to 96 UTF-16 code units (the first 32, the last 32 — where Mastra puts a step's times and
 * status — and 32 spread over the middle). A whole-text hash cost as much as the rest of the relay; a
 * restarted run's history differs in its lengths and times long before a sampled character could hide it.
 */
function rollHash(previous: number, text: string): number {
  const length = text.length;
  let hash = Math.imul(previous ^ length, 0x01000193);
  if (length <= 96) {
    for (let index = 0; index < length; index++) hash = Math.imul(hash ^ text.charCodeAt(index), 0x01000193);
  } else {
    for (let index = 0; index < 32; index++) hash = Math.imul(hash ^ text.charCodeAt(index), 0x01000193);
    const stride = (length - 64) / 32;
    for (let step = 0; step < 32; step++) {
      hash = Math.imul(hash ^ text.charCodeAt(32 + Math.floor(step * stride)), 0x01000193);
    }
    for (let index = length - 32; index < length; index++) {
      hash = Math.imul(hash ^ text.charCodeAt(index), 0x01000193);
    }
  }
  // A separator, so ["ab", "c"] and ["a", "bc"] differ.
  return Math.imul(hash ^ 0x1e, 0x01000193);
}

function assertNever(value: never): never {
  throw new Error(`Unexpected numbering mode ${String(value)}`);
}

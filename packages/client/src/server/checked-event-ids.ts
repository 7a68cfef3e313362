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

/** One record to send: its id is `<position>.<hash>` (see `formatEventId`). */
export interface CheckedEvent {
  readonly position: number;
  /** The rolling hash after this record, an unsigned 32-bit integer. */
  readonly hash: number;
  /** The record's JSON, as the bytes that came. */
  readonly data: Uint8Array;
}

export interface CheckedNumbering {
  /**
   * Numbers the next record (the bytes of its JSON) and hands it to `send`, unless the reconnecting client has it
   * already, or it is held until the client's position is reached (then the held replay goes at once).
   */
  push(record: Uint8Array): void;
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
  /**
   * Receives each event to send, in order. The id comes as its two numbers, so a writer can put them
   * down as digits without building a string per event (`formatEventId` builds it).
   */
  readonly send: (position: number, hash: number, data: Uint8Array) => void;
}

/**
 * The id of the record at `position` whose rolling hash is `hash`: `12.3011245918`. Decimal, as the
 * relay writes it digit by digit.
 *
 * @example
 * formatEventId(12, 3011245918); // '12.3011245918'
 */
export function formatEventId(position: number, hash: number): string {
  return `${position}.${hash}`;
}

const idPattern = /^(\d{1,15})(?:\.([0-9a-z]{1,13}))?$/;

/**
 * Reads an id written by the relay (`12.3011245918`) or a plain position (`12`); undefined for anything else,
 * so a mangled id means "send everything" rather than a wrong part.
 *
 * @example
 * parseEventPosition('12.3011245918'); // { position: 12, hash: '3011245918' }
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
 * for (const record of records) numbering.push(record);
 */
export function createCheckedNumbering(options: CheckedNumberingOptions): CheckedNumbering {
  const send = options.send;
  const last = options.last && options.last.position > 0 ? options.last : undefined;
  const lastHash = last?.hash;
  const lastPosition = last?.position ?? 0;
  let count = 0;
  let hash = 0x811c9dc5;
  // checking: held until the client's position is reached and compared; skipping: a plain numeric id,
  // trusted as before; sending: everything goes out.
  let mode: 'checking' | 'skipping' | 'sending' = last
    ? lastHash === undefined
      ? 'skipping'
      : 'checking'
    : 'sending';
  let held: CheckedEvent[] = [];
  const sendHeld = () => {
    const replay = held;
    held = [];
    for (const event of replay) send(event.position, event.hash, event.data);
  };

  return {
    push(record) {
      count += 1;
      hash = rollHash(hash, record);
      switch (mode) {
        case 'sending':
          send(count, hash >>> 0, record);
          return;
        case 'skipping':
          if (count >= lastPosition) mode = 'sending';
          return;
        case 'checking':
          held.push({ position: count, hash: hash >>> 0, data: record });
          if (count < lastPosition) return;
          mode = 'sending';
          // Same history: the client has all of it. Another history: it gets all of it.
          if (lastHash === String(hash >>> 0)) held = [];
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
 * 16 bytes spread over the record and its last 24 (where Mastra writes a step's times and status). A
 * whole-record hash cost as much as the rest of the relay; a restarted run's history differs in its
 * lengths and times long before a sampled byte could hide it.
 */
function rollHash(previous: number, record: Uint8Array): number {
  const length = record.length;
  let hash = Math.imul(previous ^ length, 0x01000193);
  if (length <= 40) {
    for (let index = 0; index < length; index++) hash = Math.imul(hash ^ record[index]!, 0x01000193);
  } else {
    const stride = (length - 24) / 16;
    for (let step = 0; step < 16; step++) {
      hash = Math.imul(hash ^ record[Math.floor(step * stride)]!, 0x01000193);
    }
    for (let index = length - 24; index < length; index++) {
      hash = Math.imul(hash ^ record[index]!, 0x01000193);
    }
  }
  // A separator, so ["ab", "c"] and ["a", "bc"] differ.
  return Math.imul(hash ^ 0x1e, 0x01000193);
}

function assertNever(value: never): never {
  throw new Error(`Unexpected numbering mode ${String(value)}`);
}

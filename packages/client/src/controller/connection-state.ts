import type { Diagnosis } from '../util/diagnosis';
import { type FrameScheduler, frameScheduler } from '../util/frame-scheduler';
import type { SteplineError } from '../util/stepline-error';
import { Subscribable } from '../util/subscribable';

/**
 * How the client is connected to a run, apart from what the run is doing:
 * - `idle`: not watching yet.
 * - `connecting`: reading the stored run and opening the stream.
 * - `live`: a stream is open and has delivered events.
 * - `reconnecting`: the stream dropped; retrying with backoff (`attempt` counts).
 * - `polling`: no live stream to follow (the run is suspended, or the server that runs it restarted or is
 *   another instance): the stored run is re-read every few seconds, and the stream retried.
 * - `offline`: several reconnects in a row could not reach the server; still retrying.
 * - `closed`: the run ended, or `detach()` was called.
 * - `error`: a failure that retrying cannot fix (auth, unknown run); see `error`.
 */
export type ConnectionStatus =
  | 'idle'
  | 'connecting'
  | 'live'
  | 'reconnecting'
  | 'polling'
  | 'offline'
  | 'closed'
  | 'error';

export interface ConnectionState {
  readonly status: ConnectionStatus;
  /** Reconnect attempt since the last event; 0 when live. */
  readonly attempt: number;
  /** The last failure, kept while reconnecting so a UI can say why. */
  readonly error: SteplineError | undefined;
  /** A cancel was sent and the server has not confirmed it yet. */
  readonly cancelling: boolean;
  /** Steps with a resume in flight. */
  readonly resuming: readonly string[];
  /**
   * The server answers but has nothing live for this run, and the stored run has not moved for
   * `stalledAfterMs`: the process that ran it most likely died. Offer `restart()` (or `cancel()`).
   */
  readonly stalled: boolean;
  /** A restart was sent and the server has not answered yet. */
  readonly restarting: boolean;
  /**
   * A misconfiguration recognised on the way (CORS, a wrong base path, a stream held back by a proxy),
   * with a message that names the fix. Kept until the controller is detached.
   */
  readonly diagnosis: Diagnosis | undefined;
}

export const initialConnectionState: ConnectionState = {
  status: 'idle',
  attempt: 0,
  error: undefined,
  cancelling: false,
  resuming: [],
  stalled: false,
  restarting: false,
  diagnosis: undefined,
};

/**
 * Holds the connection state; same reference until something changed, like the run store. Every change
 * is worth showing at once: through the frame lane once a binding gave it frames (at once, or with the
 * next frame when the page already updated in this one), else synchronously.
 */
export class ConnectionStore extends Subscribable {
  #state: ConnectionState = initialConnectionState;
  readonly #frames: FrameScheduler;
  #cancelFrame: (() => void) | undefined;
  #notified: ConnectionState = initialConnectionState;

  constructor(options: { readonly frames?: FrameScheduler } = {}) {
    super();
    this.#frames = options.frames ?? frameScheduler;
    this.getSnapshot = this.getSnapshot.bind(this);
  }

  getSnapshot(): ConnectionState {
    return this.#state;
  }

  update(patch: Partial<ConnectionState>): void {
    let changed = false;
    for (const key of Object.keys(patch) as (keyof ConnectionState)[]) {
      if (!Object.is(this.#state[key], patch[key])) changed = true;
    }
    if (!changed) return;
    this.#state = { ...this.#state, ...patch };
    if (!this.#frames.framed) {
      this.#deliver();
      return;
    }
    this.#cancelFrame?.();
    this.#cancelFrame = this.#frames.scheduleUrgent(this.#deliver);
  }

  // An arrow, so the frame lane can call it as is.
  readonly #deliver = (): void => {
    this.#cancelFrame = undefined;
    if (this.#state === this.#notified) return;
    this.#notified = this.#state;
    for (const listener of [...this.listeners]) listener();
  };
}

import type { FrameScheduler } from '../util/frame-scheduler';
import { framedPage } from '../util/framed-page';
import { microtaskScheduler, type NotifyScheduler } from '../util/notify-scheduler';
import { Subscribable } from '../util/subscribable';
import type { RunEvent, RunSnapshot } from './run-event';
import { mergeSnapshot, reduceRunEvents } from './run-reducer';
import { createRunState, type RunState } from './run-state';

export interface RunStoreOptions {
  /** Start from this state, e.g. one rendered on the server. */
  readonly initialState?: RunState;
  /**
   * A stored run to start from (a server-rendered page's snapshot, normalized with `normalizeSnapshot`):
   * merged into the initial state, so the first render already shows it.
   */
  readonly initialSnapshot?: RunSnapshot;
  readonly runId?: string;
  readonly workflowId?: string;
  /**
   * When subscribers hear of changes. Default: once per microtask, however many events arrived, then
   * through `frames` when a binding has given it frames. A scheduler given here is used as is.
   */
  readonly scheduler?: NotifyScheduler;
  /**
   * The frame lane (default: the page's `frameScheduler`). Once a binding supplies frames, listeners hear
   * of a burst of changes at most once per frame, and of a change of the run's status at once (or with
   * the delivery already waiting for the frame). What arrives while a delivery waits is reduced at the
   * frame, in one batch, not once per read.
   */
  readonly frames?: FrameScheduler;
}

/** Nothing pending. Never pushed onto: `dispatch` replaces an empty queue (see there). */
const noEvents: RunEvent[] = [];

/**
 * Holds one run's state and tells subscribers when it changed. The shape `useSyncExternalStore` wants:
 * `getSnapshot` returns the same object until something really changed, so an event replayed by Mastra's
 * `observe` causes no notification and no render.
 *
 * @example
 * const store = createRunStore({ runId });
 * const unsubscribe = store.subscribe(() => render(store.getSnapshot()));
 * store.dispatch(events);
 */
export class RunStore extends Subscribable {
  #state: RunState;
  readonly #scheduler: NotifyScheduler;
  /** Null when the caller chose its own scheduler; undefined for the page's lane (`framedPage`). */
  readonly #frames: FrameScheduler | null | undefined;
  /** Cancels the delivery waiting in the frame lane. */
  #cancelFrame: (() => void) | undefined;
  #flushPending = false;
  #batchDepth = 0;
  #changedInBatch = false;
  /**
   * Events dispatched but not reduced yet. Reducing copies the run's containers once per call, so events
   * that arrive one by one are reduced together: at the next notification, or sooner when someone reads.
   */
  #pending: RunEvent[] = noEvents;
  /** The state listeners last heard of, to notify only for real changes. */
  #notified: RunState;

  constructor(options: RunStoreOptions = {}) {
    super();
    const initial =
      options.initialState ??
      createRunState({
        ...(options.runId === undefined ? {} : { runId: options.runId }),
        ...(options.workflowId === undefined ? {} : { workflowId: options.workflowId }),
      });
    this.#state = options.initialSnapshot ? mergeSnapshot(initial, options.initialSnapshot) : initial;
    this.#notified = this.#state;
    this.#scheduler = options.scheduler ?? microtaskScheduler;
    this.#frames = options.scheduler ? null : options.frames;
    this.getSnapshot = this.getSnapshot.bind(this);
  }

  getSnapshot(): RunState {
    this.#reducePending();
    return this.#state;
  }

  /** Applies one event or a batch. Events dispatched one by one are reduced together, as a batch. */
  dispatch(events: RunEvent | readonly RunEvent[]): void {
    const pending = this.#pending;
    if (Array.isArray(events)) {
      if (events.length === 0) return;
      // Nothing waits (one read, one dispatch, one reduce: the usual case): a copy at its size. Pushing
      // onto an empty array reserved 16 slots, per read when a server flushes every event.
      if (pending.length === 0) this.#pending = events.slice();
      else for (const event of events as readonly RunEvent[]) pending.push(event);
    } else if (pending.length === 0) {
      this.#pending = [events as RunEvent];
    } else {
      pending.push(events as RunEvent);
    }
    this.#changed();
  }

  /** Merges a snapshot read from the server; nothing the stream already saw moves backwards. */
  hydrate(snapshot: RunSnapshot): void {
    this.#reducePending();
    this.setState(mergeSnapshot(this.#state, snapshot));
  }

  /** Replaces the state outright, e.g. to show another run. */
  setState(next: RunState): void {
    this.#reducePending();
    if (next === this.#state) return;
    this.#state = next;
    this.#changed();
  }

  #reducePending(): void {
    if (this.#pending.length === 0) return;
    const events = this.#pending;
    this.#pending = noEvents;
    this.#state = reduceRunEvents(this.#state, events);
  }

  #changed(): void {
    if (this.#batchDepth > 0) {
      this.#changedInBatch = true;
      return;
    }
    this.#scheduleNotify();
  }

  /** Runs `fn` and notifies once at the end for everything it changed. */
  batch<T>(fn: () => T): T {
    this.#batchDepth++;
    try {
      return fn();
    } finally {
      this.#batchDepth--;
      if (this.#batchDepth === 0 && this.#changedInBatch) {
        this.#changedInBatch = false;
        this.#scheduleNotify();
      }
    }
  }

  #scheduleNotify(): void {
    if (this.#flushPending) return;
    this.#flushPending = true;
    this.#scheduler(this.#flush);
  }

  /** One function for every notification, made once: a server flushing every event calls it per read. */
  readonly #flush = (): void => {
    this.#flushPending = false;
    const frames = this.#frames === undefined ? framedPage.lane : this.#frames;
    // A delivery already waits for the frame: it reduces what came meanwhile, in one batch. Reducing
    // here too would copy the touched steps once per read (twice the reducer's cost per event under a
    // flush-per-event server), for a state nobody reads before the frame. A status change among them
    // goes with that frame, at most one frame later than at once.
    if (this.#cancelFrame !== undefined && frames?.framed) return;
    this.#reducePending();
    // A replayed event leaves the state as it was: nobody hears of it.
    if (this.#state === this.#notified) return;
    if (!frames?.framed) {
      this.#deliver();
      return;
    }
    // One entry in the page's frame lane per store, whatever the number of listeners.
    if (this.#state.status !== this.#notified.status) {
      this.#cancelFrame?.();
      this.#cancelFrame = frames.scheduleUrgent(this.#deliver);
    } else if (this.#cancelFrame === undefined) {
      this.#cancelFrame = frames.schedule(this.#deliver);
    }
  };

  readonly #deliver = (): void => {
    this.#cancelFrame = undefined;
    this.#reducePending();
    if (this.#state === this.#notified) return;
    this.#notified = this.#state;
    const listeners = this.listeners;
    if (listeners.size === 1) {
      // One listener (a view, or a controller's own): called without copying the set first, per delivery.
      for (const listener of listeners) {
        listener();
        break;
      }
    } else if (listeners.size > 1) for (const listener of [...listeners]) listener();
  };
}

/**
 * @example
 * const store = createRunStore({ runId: 'run-1', scheduler: synchronousScheduler });
 */
export function createRunStore(options: RunStoreOptions = {}): RunStore {
  return new RunStore(options);
}

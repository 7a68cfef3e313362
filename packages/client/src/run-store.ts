import { microtaskScheduler, type NotifyScheduler } from './notify-scheduler';
import type { RunEvent, RunSnapshot } from './run-event';
import { mergeSnapshot, reduceRunEvents } from './run-reducer';
import { createRunState, type RunState } from './run-state';
import { Subscribable } from './subscribable';

export interface RunStoreOptions {
  /** Start from this state, e.g. one rendered on the server. */
  readonly initialState?: RunState;
  readonly runId?: string;
  readonly workflowId?: string;
  /** When subscribers hear of changes. Default: once per microtask, however many events arrived. */
  readonly scheduler?: NotifyScheduler;
}

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
  private state: RunState;
  private readonly scheduler: NotifyScheduler;
  private flushPending = false;
  private batchDepth = 0;
  private changedInBatch = false;

  constructor(options: RunStoreOptions = {}) {
    super();
    this.state =
      options.initialState ??
      createRunState({
        ...(options.runId === undefined ? {} : { runId: options.runId }),
        ...(options.workflowId === undefined ? {} : { workflowId: options.workflowId }),
      });
    this.scheduler = options.scheduler ?? microtaskScheduler;
    this.getSnapshot = this.getSnapshot.bind(this);
  }

  getSnapshot(): RunState {
    return this.state;
  }

  /** Applies one event or a batch (a batch is cheaper: containers are copied once). */
  dispatch(events: RunEvent | readonly RunEvent[]): void {
    const list = Array.isArray(events) ? (events as readonly RunEvent[]) : [events as RunEvent];
    if (list.length === 0) return;
    this.setState(reduceRunEvents(this.state, list));
  }

  /** Merges a snapshot read from the server; nothing the stream already saw moves backwards. */
  hydrate(snapshot: RunSnapshot): void {
    this.setState(mergeSnapshot(this.state, snapshot));
  }

  /** Replaces the state outright, e.g. to show another run. */
  setState(next: RunState): void {
    if (next === this.state) return;
    this.state = next;
    if (this.batchDepth > 0) {
      this.changedInBatch = true;
      return;
    }
    this.scheduleNotify();
  }

  /** Runs `fn` and notifies once at the end for everything it changed. */
  batch<T>(fn: () => T): T {
    this.batchDepth++;
    try {
      return fn();
    } finally {
      this.batchDepth--;
      if (this.batchDepth === 0 && this.changedInBatch) {
        this.changedInBatch = false;
        this.scheduleNotify();
      }
    }
  }

  private scheduleNotify(): void {
    if (this.flushPending) return;
    this.flushPending = true;
    this.scheduler(() => {
      this.flushPending = false;
      for (const listener of [...this.listeners]) listener();
    });
  }
}

/**
 * @example
 * const store = createRunStore({ runId: 'run-1', scheduler: synchronousScheduler });
 */
export function createRunStore(options: RunStoreOptions = {}): RunStore {
  return new RunStore(options);
}

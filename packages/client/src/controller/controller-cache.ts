import type { RunSnapshot } from '../model/run-event';
import { createRunController, type RunController, type RunControllerOptions } from './run-controller';
import type { WorkflowDetailsStore } from './workflow-details-store';

/** What every controller of a cache is created with; read at creation, so it may change over time. */
export type CachedControllerOptions = Omit<RunControllerOptions, 'workflowId' | 'runId' | 'initialSnapshot'>;

export interface ControllerCacheOptions {
  /** Called when a controller is created: the transport and the rest of its options. */
  readonly controllerOptions: () => CachedControllerOptions;
  /**
   * How long the last release waits before the controller stops watching and leaves the cache. A view
   * that comes back within it (React Strict Mode unmounts and remounts at once) keeps the stream. Default 0
   * (the next task).
   */
  readonly releaseDelayMs?: number;
  /** How long `handOff` keeps a controller watching for a view to pick it up. Default 1 s. */
  readonly handOffMs?: number;
}

/**
 * One controller per run, shared by every view of it, so two views of a run open one stream. `get`
 * creates one (creating opens nothing); `retain` starts watching for one user and returns its release;
 * after the last release (and `releaseDelayMs`) the controller detaches and leaves the cache.
 */
export interface ControllerCache {
  /**
   * The run's controller, created on first use. `initialSnapshot` (a server-rendered run) is used only
   * when this call creates it.
   */
  get(workflowId: string, runId: string, options?: { readonly initialSnapshot?: unknown }): RunController;
  /** Starts watching if this is the first user; returns the release function (safe to call once). */
  retain(controller: RunController): () => void;
  /**
   * Keeps a controller watching for `handOffMs`, e.g. a run just started, so the view that will show it
   * finds its stream still open instead of opening another.
   */
  handOff(controller: RunController): void;
}

interface Entry {
  readonly key: string;
  readonly controller: RunController;
  refs: number;
  releaseTimer: ReturnType<typeof setTimeout> | undefined;
}

class KeyedControllerCache implements ControllerCache {
  readonly #entries = new Map<string, Entry>();
  readonly #byController = new WeakMap<RunController, Entry>();
  /** One read of a workflow's details for all its runs (a page of ten runs asks once). */
  readonly #details = new Map<string, WorkflowDetailsStore>();

  readonly #options: ControllerCacheOptions;

  constructor(options: ControllerCacheOptions) {
    this.#options = options;
  }

  get(
    workflowId: string,
    runId: string,
    options: { readonly initialSnapshot?: unknown } = {},
  ): RunController {
    const key = `${workflowId}\u0000${runId}`;
    let entry = this.#entries.get(key);
    if (!entry) {
      const details = this.#details.get(workflowId);
      const controller = createRunController({
        ...this.#options.controllerOptions(),
        workflowId,
        runId,
        ...(details ? { workflowDetails: details } : {}),
        ...(options.initialSnapshot === undefined
          ? {}
          : { initialSnapshot: options.initialSnapshot as RunSnapshot }),
      });
      if (!details) this.#details.set(workflowId, controller.workflowDetails);
      entry = { key, controller, refs: 0, releaseTimer: undefined };
      this.#entries.set(key, entry);
      this.#byController.set(controller, entry);
    }
    return entry.controller;
  }

  retain(controller: RunController): () => void {
    const entry = this.#byController.get(controller);
    if (!entry) return () => {};
    if (entry.releaseTimer !== undefined) clearTimeout(entry.releaseTimer);
    entry.releaseTimer = undefined;
    entry.refs++;
    if (this.#entries.get(entry.key) !== entry) this.#entries.set(entry.key, entry);
    // Errors are shown through the connection state; nothing to do with the promise here.
    controller.watch().catch(() => {});
    let released = false;
    return () => {
      if (released) return;
      released = true;
      entry.refs--;
      if (entry.refs > 0) return;
      entry.releaseTimer = setTimeout(() => {
        entry.releaseTimer = undefined;
        if (entry.refs > 0) return;
        controller.detach();
        if (this.#entries.get(entry.key) === entry) this.#entries.delete(entry.key);
      }, this.#options.releaseDelayMs ?? 0);
    };
  }

  handOff(controller: RunController): void {
    setTimeout(this.retain(controller), this.#options.handOffMs ?? 1000);
  }
}

/**
 * @example
 * const controllers = createControllerCache({ controllerOptions: () => ({ transport }) });
 * const controller = controllers.get('content-brief', runId);
 * const release = controllers.retain(controller); // watching
 * release(); // detached a moment later, unless another view retains it first
 */
export function createControllerCache(options: ControllerCacheOptions): ControllerCache {
  return new KeyedControllerCache(options);
}

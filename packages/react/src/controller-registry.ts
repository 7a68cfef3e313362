import { createRunController, type RunController, type RunControllerOptions } from '@stepline/client';

type ControllerOptions = Omit<RunControllerOptions, 'transport' | 'workflowId' | 'runId'>;

interface Entry {
  readonly controller: RunController;
  refs: number;
  releaseTimer: ReturnType<typeof setTimeout> | undefined;
}

/**
 * One controller per run for the whole provider, shared by every component that shows the run, so two
 * views of a run open one stream. Created during render (creating one opens nothing), watched while at
 * least one component is mounted, detached a moment after the last one leaves — the moment lets React's
 * Strict Mode unmount and remount without a reconnect.
 */
export class ControllerRegistry {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly createOptions: () => Pick<RunControllerOptions, 'transport'> & ControllerOptions,
  ) {}

  get(workflowId: string, runId: string, init?: (controller: RunController) => void): RunController {
    const key = `${workflowId}\u0000${runId}`;
    let entry = this.entries.get(key);
    if (!entry) {
      const controller = createRunController({ ...this.createOptions(), workflowId, runId });
      init?.(controller);
      entry = { controller, refs: 0, releaseTimer: undefined };
      this.entries.set(key, entry);
    }
    return entry.controller;
  }

  /** Starts watching if this is the first user; returns the release function. */
  retain(controller: RunController): () => void {
    const entry = this.entryOf(controller);
    if (!entry) return () => {};
    if (entry.releaseTimer !== undefined) clearTimeout(entry.releaseTimer);
    entry.releaseTimer = undefined;
    entry.refs++;
    // Errors are shown through the connection state; nothing to do with the promise here.
    controller.watch().catch(() => {});
    return () => {
      entry.refs--;
      if (entry.refs > 0) return;
      entry.releaseTimer = setTimeout(() => {
        if (entry.refs > 0) return;
        controller.detach();
        for (const [key, candidate] of this.entries) if (candidate === entry) this.entries.delete(key);
      }, 0);
    };
  }

  private entryOf(controller: RunController): Entry | undefined {
    for (const entry of this.entries.values()) if (entry.controller === controller) return entry;
    return undefined;
  }
}

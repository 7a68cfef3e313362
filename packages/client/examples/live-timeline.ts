/**
 * A live run timeline in plain DOM, from `@stepline/client` alone: no framework, nothing copied out of
 * `@stepline/react`. The client does the work (stream, reconnects, the run model, the timeline's shape);
 * this file only turns rows into list items. A Vue or Svelte binding would do the same in its own idiom.
 */
import { buildRunPlan, frameScheduler, type RunController, selectStepDuration } from '@stepline/client';

/**
 * Shows the run of `controller` in `root`, updated as it runs, until the returned function is called.
 * Call `controller.watch()` (or `start()`) to make it live.
 * @example
 * const controller = createRunController({ transport, workflowId: 'content-brief', runId });
 * const unmount = mountLiveTimeline(document.querySelector('#run')!, controller);
 * controller.watch();
 */
export function mountLiveTimeline(root: HTMLElement, controller: RunController): () => void {
  const document = root.ownerDocument;
  const list = document.createElement('ol');
  list.setAttribute('aria-label', 'Steps');
  root.replaceChildren(list);
  const render = () => {
    const run = controller.store.getSnapshot();
    root.dataset.status = run.status;
    // The run's plan, discovered from the run here (pass the workflow's graph, from
    // `transport.getWorkflow`, to list the steps to come too): a block (parallel branches, a loop) is a
    // caption row above its steps, one level deeper.
    const items = buildRunPlan(run, undefined).rows.map((row) => {
      const item = document.createElement('li');
      item.dataset.depth = String(row.depth);
      const indent = '  '.repeat(row.depth);
      if (row.kind !== 'step') {
        item.textContent = `${indent}${row.kind}${row.kind === 'parallel' ? `: ${row.size} branches` : ''}`;
        return item;
      }
      const step = run.steps.get(row.stepId);
      item.dataset.stepId = row.stepId;
      item.dataset.status = step?.status ?? 'pending';
      const ms = step ? selectStepDuration(step, Date.now()) : undefined;
      item.textContent = `${indent}${row.name}: ${item.dataset.status}${ms === undefined ? '' : ` (${ms} ms)`}`;
      return item;
    });
    list.replaceChildren(...items);
  };
  render();
  return controller.store.subscribe(render);
}

/**
 * In a browser, give the client's frame lane the page's frames once: at most one render per frame under
 * an event flood, a status change at once. Without it the store notifies once per microtask.
 */
export function usePageFrames(): void {
  frameScheduler.setFrameRequest((callback) => {
    const id = requestAnimationFrame(() => callback());
    return () => cancelAnimationFrame(id);
  });
}

/**
 * A live run timeline in plain DOM, from `@stepline/client` alone: no framework, nothing copied out of
 * `@stepline/react`. The client does the work (stream, reconnects, the run model, the timeline's shape);
 * this file only turns rows into list items. A Vue or Svelte binding would do the same in its own idiom.
 */
import { buildTimelineRows, frameScheduler, type RunController, selectStepDuration } from '@stepline/client';

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
    const items = buildTimelineRows(run, false).map((row) => {
      const step = run.steps.get(row.id)!;
      const item = document.createElement('li');
      item.dataset.stepId = step.id;
      item.dataset.status = step.status;
      item.dataset.depth = String(row.depth);
      const ms = selectStepDuration(step, Date.now());
      const branch = row.branches > 0 ? ` [branch ${row.branch} of ${row.branches}]` : '';
      item.textContent = `${'  '.repeat(row.depth)}${step.name}: ${step.status}${branch}${ms === undefined ? '' : ` (${ms} ms)`}`;
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

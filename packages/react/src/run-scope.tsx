import type { RunController, RunState, StepState } from '@stepline/client';
import { createContext, type ReactNode, useContext } from 'react';
import { useSelectedSnapshot } from './hooks/use-selected-snapshot';
import { usePageFrames } from './page-frames';

const RunScopeContext = /* @__PURE__ */ createContext<RunController | undefined>(undefined);

/**
 * Makes a run available to the selector hooks below it (`useRunStep`, `useRunStatus`, `useRunSelector`).
 * `<WorkflowRun>` provides one; wrap your own parts in it when you build on `useWorkflowRun`.
 *
 * @example
 * const { controller } = useWorkflowRun({ workflowId, runId });
 * return <RunScope controller={controller}><MyTimeline /></RunScope>;
 */
export function RunScope({ controller, children }: { controller: RunController; children?: ReactNode }) {
  // A controller made outside the provider delivers through the page's frames too.
  usePageFrames();
  return <RunScopeContext.Provider value={controller}>{children}</RunScopeContext.Provider>;
}

export function useRunController(hookName: string): RunController {
  const controller = useContext(RunScopeContext);
  if (!controller) {
    throw new Error(
      `${hookName} must be used inside <WorkflowRun> or <RunScope controller={…}> (get the controller from useWorkflowRun).`,
    );
  }
  return controller;
}

/**
 * Reads part of the run and re-renders only when that part changes. The selector should return something
 * that keeps its identity while unchanged (a step, a field), or pass `isEqual`. A selector that reads
 * props or state besides the run can name them in `deps`: it then runs again only when the run or one of
 * them changes (without `deps`, an inline selector runs again on each render of the component).
 *
 * @example
 * const stepCount = useRunSelector((run) => run.stepIds.length);
 * const inner = useRunSelector((run) => countInner(run, parentId), Object.is, [parentId]);
 */
export function useRunSelector<T>(
  selector: (run: RunState) => T,
  isEqual: (a: T, b: T) => boolean = Object.is,
  deps?: readonly unknown[],
): T {
  const controller = useRunController('useRunSelector');
  return useSelectedSnapshot(
    controller.store.subscribe,
    controller.store.getSnapshot,
    selector,
    isEqual,
    deps,
  );
}

/**
 * One step; the component re-renders when this step changes, not when another one does.
 * @example
 * const step = useRunStep('editorial-round.review');
 */
export function useRunStep(stepId: string): StepState | undefined {
  // Keyed by the id too: another id on the same snapshot is another step.
  return useRunSelector((run) => run.steps.get(stepId), Object.is, [stepId]);
}

/** The run's status. */
export function useRunStatus(): RunState['status'] {
  return useRunSelector((run) => run.status);
}

import {
  buildRunPlan,
  planRowsEqual,
  type RunPlan,
  type RunState,
  type WorkflowGraph,
} from '@stepline/client';
import { useRef, useSyncExternalStore } from 'react';
import { useWorkflowDetailsQuery } from '../hooks/use-workflow-details';
import { useRunController, useRunSelector } from '../run-scope';

/**
 * The plan of the run in scope: the workflow's graph (from its details) with the run laid on it, or the
 * structure discovered from the run while the details are loading or when they cannot be read. The
 * same object until the plan's shape changes, so the list re-renders only then.
 * @example
 * const { rows } = useRunPlan(false);
 */
export function useRunPlan(includeHidden: boolean): RunPlan {
  const controller = useRunController('RunTimeline.Root');
  const graph = useWorkflowDetailsQuery().data?.graph;
  // Keyed by the snapshot, the graph and the option; a plan of the same shape keeps its identity.
  const cache = useRef<
    { state: RunState; graph: WorkflowGraph | undefined; includeHidden: boolean; plan: RunPlan } | undefined
  >(undefined);
  const select = () => {
    const state = controller.store.getSnapshot();
    const cached = cache.current;
    if (
      cached &&
      cached.state === state &&
      cached.graph === graph &&
      cached.includeHidden === includeHidden
    ) {
      return cached.plan;
    }
    let plan = buildRunPlan(state, graph, { includeHidden });
    if (cached && cached.plan.source === plan.source && planRowsEqual(cached.plan.rows, plan.rows)) {
      plan = cached.plan;
    }
    cache.current = { state, graph, includeHidden, plan };
    return plan;
  };
  return useSyncExternalStore(controller.store.subscribe, select, select);
}

/**
 * A value derived from the run and from `deps`, recomputed when either changes and kept (same identity)
 * while `isEqual` says it is the same.
 * @example
 * const counts = useRunDerived((run) => countPlanSteps(run, rows), [rows], countsEqual);
 */
export function useRunDerived<T>(
  compute: (run: RunState) => T,
  deps: readonly unknown[],
  isEqual: (a: T, b: T) => boolean = Object.is,
): T {
  return useRunSelector(compute, isEqual, deps);
}

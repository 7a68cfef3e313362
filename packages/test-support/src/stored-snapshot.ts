import type { RunSnapshot, RunState, SnapshotStep } from '@stepline/client';
import { selectStepGroups } from '@stepline/client';

/**
 * What Mastra would have stored for a run in this state: each step's last execution only, no call ids,
 * and — as Mastra writes parallel completions only when the whole block ends — branches that finished
 * while a sibling still runs shown as running.
 */
export function storedSnapshotOf(state: RunState, options: { lateParallel?: boolean } = {}): RunSnapshot {
  const lateParallel = new Set<string>();
  const parents = new Set(state.stepIds.toArray().map((id) => state.steps.get(id)!.parentId));
  for (const parentId of options.lateParallel ? parents : []) {
    for (const group of selectStepGroups(state, { includeHidden: true, ...(parentId ? { parentId } : {}) })) {
      if (group.length < 2 || !group.some((step) => step.status === 'running')) continue;
      for (const step of group) if (step.status !== 'running') lateParallel.add(step.id);
    }
  }
  const steps: Record<string, SnapshotStep> = {};
  let updatedAt = 0;
  for (const id of state.stepIds) {
    const step = state.steps.get(id)!;
    const last = step.executions.at(-1);
    if (!last) continue;
    for (const time of [last.startedAt, last.endedAt, last.suspendedAt, last.resumedAt]) {
      if (time !== undefined && time > updatedAt) updatedAt = time;
    }
    if (lateParallel.has(id)) {
      steps[id] = {
        status: 'running',
        input: last.input,
        ...(last.startedAt === undefined ? {} : { startedAt: last.startedAt }),
      };
      continue;
    }
    const stored: Record<string, unknown> = {
      status: last.status,
      input: last.input,
      output: last.output,
      error: last.error,
      suspendPayload: last.suspendPayload,
      resumePayload: last.resumePayload,
      startedAt: last.startedAt,
      endedAt: last.endedAt,
      suspendedAt: last.suspendedAt,
      resumedAt: last.resumedAt,
      iteration: last.iteration,
    };
    for (const key of Object.keys(stored)) if (stored[key] === undefined) delete stored[key];
    steps[id] = stored as unknown as SnapshotStep;
  }
  return {
    runId: state.runId,
    workflowId: state.workflowId,
    status: state.status,
    input: state.input,
    result: state.result,
    error: state.error,
    steps,
    createdAt: undefined,
    updatedAt,
  };
}

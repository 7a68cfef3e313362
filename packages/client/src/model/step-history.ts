import type { RunState, StepState } from './run-state';

/**
 * Whether what a step did while it ran is gone from this view: the run knows the step only from the
 * stored run (Mastra's snapshot), which keeps a step's last execution and its output but never its
 * `writer` output, its `.foreach()` progress or a loop's earlier rounds. A page that watched the run, or
 * read it back with `observe` while the server still held it, has all of it.
 *
 * Told by the stream's call ids: every step start on the stream carries one, the snapshot none. A few
 * steps never get one even live (`.sleep()`, `.foreach()`), so a step counts as streamed too when a step
 * that started before it was.
 *
 * @example
 * if (stepHistoryMissing(state, 'report-progress')) show('Output written while running is not kept by the server');
 */
export function stepHistoryMissing(state: RunState, stepId: string): boolean {
  const step = state.steps.get(stepId);
  if (!step || step.executions.length === 0 || streamed(step)) return false;
  if (step.writes.length > 0 || step.progress !== undefined) return false;
  const start = step.startedAt;
  for (const id of state.stepIds) {
    const other = state.steps.get(id);
    if (!other || other === step || !streamed(other)) continue;
    const otherStart = other.startedAt;
    if (start === undefined || otherStart === undefined || otherStart <= start) return false;
  }
  return true;
}

function streamed(step: StepState): boolean {
  return step.executions.toArray().some((execution) => execution.callIds.length > 0);
}

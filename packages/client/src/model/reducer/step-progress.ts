import type { StepProgressEvent } from '../run-event';
import type { StepProgress } from '../run-state';
import { createStepState } from '../step-state';
import type { RunDraft } from './run-draft';
import { patchStep } from './step-executions';

export function applyProgress(draft: RunDraft, event: StepProgressEvent): void {
  const existing = draft.getStep(event.stepId);
  const step = existing ?? createStepState(event.stepId, event.hidden);
  const progress = step.progress;
  const item = progress?.items[event.currentIndex];
  const completedCount = Math.max(progress?.completedCount ?? 0, event.completedCount);
  const totalCount = Math.max(progress?.totalCount ?? 0, event.totalCount);
  const itemChanged = !item || item.status !== event.iterationStatus;
  if (
    existing &&
    !itemChanged &&
    progress?.completedCount === completedCount &&
    progress.totalCount === totalCount
  ) {
    return;
  }
  const items = itemChanged
    ? {
        ...progress?.items,
        [event.currentIndex]: { status: event.iterationStatus, output: event.iterationOutput },
      }
    : (progress?.items ?? {});
  const next: StepProgress = { completedCount, totalCount, items };
  draft.putStep(patchStep(draft, step, { progress: next }));
}

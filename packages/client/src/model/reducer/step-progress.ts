import { PersistentList } from '../../util/persistent-list';
import type { StepProgressEvent } from '../run-event';
import type { StepProgress, StepProgressItem } from '../run-state';
import { createStepState } from '../step-state';
import type { RunDraft } from './run-draft';
import { patchStep } from './step-executions';

/**
 * Items are kept by index up to this many: an index past it (no foreach Mastra runs streams a progress
 * event per item for a million items) still counts, but its result is not kept, so a hostile
 * `currentIndex` cannot make the list fill a billion slots.
 */
export const maxProgressItems = 1_000_000;

export function applyProgress(draft: RunDraft, event: StepProgressEvent): void {
  const existing = draft.getStep(event.stepId);
  const step = existing ?? createStepState(event.stepId, event.hidden);
  const progress = step.progress;
  const index = event.currentIndex;
  const kept = index < maxProgressItems;
  const item = kept ? progress?.items.at(index) : undefined;
  const completedCount = Math.max(progress?.completedCount ?? 0, event.completedCount);
  const totalCount = Math.max(progress?.totalCount ?? 0, event.totalCount);
  const itemChanged = kept && (!item || item.status !== event.iterationStatus);
  if (
    existing &&
    !itemChanged &&
    progress?.completedCount === completedCount &&
    progress.totalCount === totalCount
  ) {
    return;
  }
  let items = progress?.items ?? PersistentList.empty<StepProgressItem | undefined>();
  let failedCount = progress?.failedCount ?? 0;
  if (itemChanged) {
    const next: StepProgressItem = { status: event.iterationStatus, output: event.iterationOutput };
    // Under the batch's edit token, as a step's executions: a read of many progress events copies each
    // path of the list once, not once per event. Items can finish out of order (a foreach with
    // concurrency): the ones between are not reported yet.
    const edit = draft.listEdit;
    while (items.length < index) items = items.append(undefined, edit);
    items = index === items.length ? items.append(next, edit) : items.set(index, next, edit);
    failedCount += (next.status === 'failed' ? 1 : 0) - (item?.status === 'failed' ? 1 : 0);
  }
  const next: StepProgress = { completedCount, totalCount, items, failedCount };
  draft.putStep(patchStep(draft, step, { progress: next }));
}

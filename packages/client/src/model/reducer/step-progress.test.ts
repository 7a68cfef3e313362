import { reduceOneByOne } from '@stepline/test-support';
import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../run-event';
import { reduceRunEvents } from '../run-reducer';
import { createRunState } from '../run-state';
import { maxProgressItems } from './step-progress';

function progress(
  currentIndex: number,
  iterationStatus: 'success' | 'failed' | 'suspended',
  counts: { completed?: number; total?: number } = {},
): RunEvent {
  return {
    type: 'step-progress',
    stepId: 'each',
    hidden: false,
    completedCount: counts.completed ?? currentIndex + 1,
    totalCount: counts.total ?? 10,
    currentIndex,
    iterationStatus,
    iterationOutput: { currentIndex, iterationStatus },
  };
}

describe('foreach progress', () => {
  it('counts failed items as they change: an item that failed and then succeeded is not failed', () => {
    const state = reduceOneByOne([progress(0, 'failed'), progress(1, 'failed'), progress(0, 'success')]);
    const shown = state.steps.get('each')!.progress!;
    expect(shown.failedCount).toBe(1);
    expect(shown.items.toArray().map((item) => item?.status)).toEqual(['success', 'failed']);
  });

  it('a replayed event leaves the state as it was (the same object)', () => {
    const once = reduceOneByOne([progress(0, 'success'), progress(3, 'failed')]);
    expect(reduceRunEvents(once, [progress(3, 'failed')])).toBe(once);
  });

  it('a later batch leaves the items of an earlier state as they were', () => {
    const first = reduceRunEvents(createRunState(), [progress(0, 'success'), progress(2, 'success')]);
    const later = reduceRunEvents(first, [progress(1, 'failed'), progress(2, 'failed')]);
    const statuses = (state: typeof first) =>
      state.steps
        .get('each')!
        .progress!.items.toArray()
        .map((item) => item?.status);
    expect(statuses(first)).toEqual(['success', undefined, 'success']);
    expect(statuses(later)).toEqual(['success', 'failed', 'failed']);
    expect(first.steps.get('each')!.progress!.failedCount).toBe(0);
  });

  it('an index past the kept items still counts, but fills no list up to it', () => {
    const hostile = progress(2_000_000_000, 'failed', { completed: 1, total: 2_000_000_001 });
    const state = reduceRunEvents(createRunState(), [progress(0, 'success'), hostile]);
    const shown = state.steps.get('each')!.progress!;
    expect(2_000_000_000).toBeGreaterThan(maxProgressItems);
    expect(shown.items).toHaveLength(1);
    expect(shown.failedCount).toBe(0);
    expect(shown.totalCount).toBe(2_000_000_001);
  });
});

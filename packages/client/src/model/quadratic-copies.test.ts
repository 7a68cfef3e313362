import { countArrayItemsCopied, reduceOneByOne, stepStartEvent } from '@stepline/test-support';
import { describe, expect, it } from 'vitest';
import type { RunEvent } from './run-event';
import type { RunState } from './run-state';

// Work is counted, not timed: the elements of every list a batch replaced (a copy of the list) are added
// up over one event per batch, as a server flushing every event delivers them. Copying a run-long list
// per batch is quadratic in the run: bench/linear-scaling-benchmark.ts measures the same inputs at 10,000
// and 100,000 events on the shipped path.
const n = 2_000;

function start(stepId: string, startedAt: number, iteration?: number): RunEvent {
  return stepStartEvent(stepId, { stepCallId: `${stepId}-${iteration ?? 0}`, iteration, startedAt });
}

function result(stepId: string, endedAt: number, iteration: number): RunEvent {
  return {
    type: 'step-result',
    stepId,
    stepCallId: `${stepId}-${iteration}`,
    iteration,
    hidden: false,
    startedAt: undefined,
    input: undefined,
    resumePayload: undefined,
    resumedAt: undefined,
    status: 'success',
    output: { iteration },
    error: undefined,
    endedAt,
  };
}

/** One batch per event; returns the state and how many list elements the batches copied into new arrays. */
function copiedOneByOne(events: readonly RunEvent[]): { state: RunState; copied: number } {
  const { result: state, items: copied } = countArrayItemsCopied(() => reduceOneByOne(events));
  return { state, copied };
}

/** Twice the events, about twice the copying (four times for a copy per batch), and a bound per event. */
function expectLinear(events: (count: number) => RunEvent[], perEvent: number) {
  const small = copiedOneByOne(events(n));
  const large = copiedOneByOne(events(2 * n));
  expect(large.copied / Math.max(1, small.copied)).toBeLessThan(2.5);
  expect(small.copied).toBeLessThanOrEqual(perEvent * n);
  return large.state;
}

describe('quadratic copies, one event per batch', () => {
  it('a data-* chunk does not copy the run data list', () => {
    const state = expectLinear(
      (count) =>
        Array.from({ length: count }, (_, index) => ({
          type: 'run-data' as const,
          name: 'data-progress',
          data: { index },
          stepId: undefined,
        })),
      // The content index (a hash trie that finds a replayed chunk) copies a few nodes per chunk: ~100.
      150,
    );
    expect(state.data).toHaveLength(2 * n);
    expect(state.data.at(-1)?.data).toEqual({ index: 2 * n - 1 });
  });

  it('a loop iteration does not copy the step executions', () => {
    const state = expectLinear(
      (count) =>
        Array.from({ length: count }, (_, index): RunEvent[] => [
          start('poll', 1_000 + 10_000 * index, index + 1),
          result('poll', 2_000 + 10_000 * index, index + 1),
        ]).flat(),
      150,
    );
    const executions = state.steps.get('poll')!.executions;
    expect(executions).toHaveLength(2 * n);
    expect(executions.toArray().map((execution) => execution.iteration)).toEqual(
      Array.from({ length: 2 * n }, (_, index) => index + 1),
    );
    expect(executions.toArray().every((execution) => execution.status === 'success')).toBe(true);
  });

  it('a new step does not copy the run step ids, even when each starts before the others', () => {
    const state = expectLinear(
      (count) => Array.from({ length: count }, (_, index) => start(`step-${index}`, 1_000_000 - index)),
      150,
    );
    expect(state.stepIds).toHaveLength(2 * n);
    expect(state.stepIds.toArray()).toEqual(
      Array.from({ length: 2 * n }, (_, index) => `step-${2 * n - 1 - index}`),
    );
  });

  it('a foreach item does not copy the items before it, in or out of order; each is kept once', () => {
    const progress = (index: number, count: number, status: 'success' | 'failed'): RunEvent => ({
      type: 'step-progress',
      stepId: 'each',
      hidden: false,
      completedCount: index + 1,
      totalCount: count,
      // Pairs finish out of order, as under a foreach's concurrency.
      currentIndex: index % 2 === 0 ? index + 1 : index - 1,
      iterationStatus: status,
      iterationOutput: { index },
    });
    const state = expectLinear(
      (count) =>
        Array.from({ length: count }, (_, index) =>
          progress(index, count, index % 10 === 0 ? 'failed' : 'success'),
        ),
      150,
    );
    const shown = state.steps.get('each')!.progress!;
    expect(shown.items).toHaveLength(2 * n);
    expect(shown.items.toArray().every((item) => item !== undefined)).toBe(true);
    expect(shown.failedCount).toBe((2 * n) / 10);
    expect(shown.completedCount).toBe(2 * n);
  });
});

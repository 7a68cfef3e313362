import { describe, expect, it } from 'vitest';
import type { RunEvent, RunSnapshot, StepResultStatus } from './run-event';
import { mergeSnapshot, reduceRunEvents, runReducer } from './run-reducer';
import { selectStepGroups, selectSuspendedSteps } from './run-selectors';
import { createRunState } from './run-state';

// Small builders in the shape the normalizer produces; the recorded-fixture tests cover real wire data.
const base = {
  iteration: undefined,
  hidden: false,
  input: undefined,
  resumePayload: undefined,
  resumedAt: undefined,
};
const start = (stepId: string, startedAt: number, extra: Partial<RunEvent> = {}): RunEvent =>
  ({
    type: 'step-start',
    stepId,
    stepCallId: `${stepId}@${startedAt}`,
    startedAt,
    ...base,
    ...extra,
  }) as RunEvent;
const result = (
  stepId: string,
  startedAt: number,
  endedAt: number,
  status: StepResultStatus = 'success',
  extra: Partial<RunEvent> = {},
): RunEvent =>
  ({
    type: 'step-result',
    stepId,
    stepCallId: `${stepId}@${startedAt}`,
    startedAt,
    endedAt,
    status,
    output: status === 'success' ? { from: stepId, endedAt } : undefined,
    error: status === 'failed' ? { message: `${stepId} failed` } : undefined,
    ...base,
    ...extra,
  }) as RunEvent;
const suspend = (stepId: string, startedAt: number, suspendedAt: number, payload: unknown): RunEvent => ({
  type: 'step-suspended',
  stepId,
  stepCallId: `${stepId}@${startedAt}`,
  startedAt,
  suspendedAt,
  suspendPayload: payload,
  suspendedChildPath: undefined,
  ...base,
});
const finish = (status: 'success' | 'failed' | 'suspended', error?: string): RunEvent => ({
  type: 'run-finish',
  status,
  result: status === 'success' ? { done: true } : undefined,
  error: error ? { message: error } : undefined,
});
const runStart: RunEvent = { type: 'run-start', runId: 'r1', workflowId: 'w' };

const reduce = (events: RunEvent[]) => reduceRunEvents(createRunState(), events);

describe('runReducer', () => {
  it('builds steps in start order with status, output and timings', () => {
    const state = reduce([
      runStart,
      start('a', 1),
      result('a', 1, 5),
      start('b', 6),
      result('b', 6, 9),
      finish('success'),
    ]);
    expect(state.stepIds.toArray()).toEqual(['a', 'b']);
    expect(state.steps.get('a')).toMatchObject({
      status: 'success',
      startedAt: 1,
      endedAt: 5,
      output: { from: 'a', endedAt: 5 },
    });
    expect(state.status).toBe('success');
    expect(state.result).toEqual({ done: true });
  });

  it('is the same whether events come one by one or as a batch', () => {
    const events = [runStart, start('a', 1), suspend('a', 1, 3, { reason: 'r' }), finish('suspended')];
    const oneByOne = events.reduce(runReducer, createRunState());
    expect(oneByOne).toEqual(reduce(events));
  });

  it('returns the same object for a duplicated event and for a replayed history', () => {
    const events = [runStart, start('a', 1), result('a', 1, 5), start('b', 6)];
    const state = reduce(events);
    for (const event of events) expect(runReducer(state, event)).toBe(state);
    expect(reduceRunEvents(state, events)).toBe(state);
  });

  it('keeps the suspend payload on the step after the resume, and the resume data beside it', () => {
    const state = reduce([
      start('review', 10),
      suspend('review', 10, 12, { reason: 'Check the draft' }),
      finish('suspended'),
      runStart,
      // A resume keeps the original startedAt and gets a new stepCallId.
      start('review', 10, {
        stepCallId: 'resumed',
        resumedAt: 50,
        resumePayload: { decision: 'approve' },
      } as Partial<RunEvent>),
      result('review', 10, 55, 'success', { stepCallId: 'resumed' } as Partial<RunEvent>),
    ]);
    const review = state.steps.get('review')!;
    expect(review.executions).toHaveLength(1);
    expect(review).toMatchObject({
      status: 'success',
      suspendPayload: { reason: 'Check the draft' },
      resumePayload: { decision: 'approve' },
      suspendedAt: 12,
      resumedAt: 50,
    });
  });

  it('keeps loop iterations apart and shows the latest', () => {
    const state = reduce([
      start('revise', 1, { iteration: 1 } as Partial<RunEvent>),
      result('revise', 1, 2, 'success', { iteration: 1 } as Partial<RunEvent>),
      start('revise', 3, { iteration: 2 } as Partial<RunEvent>),
      result('revise', 3, 4, 'success', { iteration: 2 } as Partial<RunEvent>),
    ]);
    expect(
      state.steps
        .get('revise')!
        .executions.toArray()
        .map((e) => e.iteration),
    ).toEqual([1, 2]);
    expect(state.steps.get('revise')!.output).toEqual({ from: 'revise', endedAt: 4 });
  });

  it('does not let an older snapshot move a finished step back to running', () => {
    const live = reduce([start('a', 1), start('b', 1), result('b', 1, 4), result('a', 1, 6)]);
    const stale: RunSnapshot = {
      runId: 'r1',
      workflowId: 'w',
      status: 'running',
      input: undefined,
      result: undefined,
      error: undefined,
      steps: { a: { status: 'running', startedAt: 1 }, b: { status: 'running', startedAt: 1 } },
      createdAt: 0,
      updatedAt: 2,
    };
    const merged = mergeSnapshot(live, stale);
    expect(merged.steps.get('a')!.status).toBe('success');
    expect(merged.steps.get('b')!.status).toBe('success');
    expect(merged.steps.get('a')).toBe(live.steps.get('a'));
  });

  it('moves forward from a newer snapshot', () => {
    const live = reduce([start('a', 1)]);
    const merged = mergeSnapshot(live, {
      runId: 'r1',
      workflowId: 'w',
      status: 'success',
      input: { topic: 'x' },
      result: { final: 1 },
      error: undefined,
      steps: { a: { status: 'success', startedAt: 1, endedAt: 8, output: { final: 1 } } },
      createdAt: 0,
      updatedAt: 9,
    });
    expect(merged.steps.get('a')).toMatchObject({ status: 'success', output: { final: 1 } });
    expect(merged.status).toBe('success');
    expect(merged.result).toEqual({ final: 1 });
  });

  it('keeps a step suspended when a resume segment of parallel approvals claims success', () => {
    const state = reduce([
      start('legal', 1),
      start('finance', 1),
      suspend('legal', 1, 2, { q: 'legal?' }),
      suspend('finance', 1, 3, { q: 'finance?' }),
      finish('suspended'),
      start('legal', 1, { stepCallId: 'r', resumedAt: 10 } as Partial<RunEvent>),
      result('legal', 1, 11, 'success', { stepCallId: 'r' } as Partial<RunEvent>),
      finish('success'),
    ]);
    expect(state.status).toBe('suspended');
    expect(selectSuspendedSteps(state).map((step) => step.id)).toEqual(['finance']);
  });

  it('keeps the run suspended after a rejected resume, and finishes it after a good one', () => {
    const suspended = reduce([
      start('review', 1),
      suspend('review', 1, 2, { reason: 'r' }),
      finish('suspended'),
    ]);
    const rejected = reduceRunEvents(suspended, [runStart, finish('failed', 'resume data invalid')]);
    expect(rejected.status).toBe('suspended');
    const approved = reduceRunEvents(rejected, [
      start('review', 1, { stepCallId: 'r2', resumedAt: 20 } as Partial<RunEvent>),
      result('review', 1, 21, 'success', { stepCallId: 'r2' } as Partial<RunEvent>),
      finish('success'),
    ]);
    expect(approved.status).toBe('success');
  });

  it('fails the run with the step error when a step fails', () => {
    const state = reduce([start('a', 1), result('a', 1, 2, 'failed'), finish('failed', 'a failed')]);
    expect(state.status).toBe('failed');
    expect(state.steps.get('a')!.output).toBeUndefined();
    expect(state.error?.message).toBe('a failed');
  });

  it('groups siblings that ran side by side', () => {
    const state = reduce([
      start('outline', 1),
      result('outline', 1, 2),
      start('x', 3),
      start('y', 3),
      start('z', 3),
      result('y', 3, 5),
      result('x', 3, 6),
      result('z', 3, 7),
      start('synthesize', 8),
    ]);
    expect(selectStepGroups(state).map((group) => group.map((step) => step.id))).toEqual([
      ['outline'],
      ['x', 'y', 'z'],
      ['synthesize'],
    ]);
  });

  it('tracks foreach progress and custom writes once each', () => {
    const progress = (index: number, completed: number): RunEvent => ({
      type: 'step-progress',
      stepId: 'each',
      hidden: false,
      completedCount: completed,
      totalCount: 3,
      currentIndex: index,
      iterationStatus: 'success',
      iterationOutput: index,
    });
    const write: RunEvent = {
      type: 'step-output',
      stepId: undefined,
      stepName: 'each',
      output: { note: 'hi' },
    };
    const events = [start('each', 1), progress(0, 1), write, progress(2, 2)];
    const state = reduce([...events, ...events]);
    expect(state.steps.get('each')!.progress).toMatchObject({ completedCount: 2, totalCount: 3 });
    expect(state.steps.get('each')!.progress!.items.toArray()).toEqual([
      { status: 'success', output: 0 },
      undefined,
      { status: 'success', output: 2 },
    ]);
    expect(state.steps.get('each')!.progress!.failedCount).toBe(0);
    expect(state.steps.get('each')!.writes.toArray()).toEqual([{ note: 'hi' }]);
  });
});

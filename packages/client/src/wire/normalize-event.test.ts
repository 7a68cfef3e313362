import { describe, expect, it } from 'vitest';
import { normalizeEvent } from './normalize-event';

const start = {
  type: 'workflow-step-start',
  runId: 'run-1',
  from: 'WORKFLOW',
  payload: {
    id: 'outline',
    stepName: 'outline',
    stepCallId: 'call-1',
    payload: { topic: 'otters' },
    startedAt: 1000,
    status: 'running',
  },
};

describe('normalizeEvent', () => {
  it('reads a step start from the 1.x envelope', () => {
    const result = normalizeEvent(start);
    expect(result).toEqual({
      ok: true,
      value: {
        type: 'step-start',
        stepId: 'outline',
        stepCallId: 'call-1',
        iteration: undefined,
        hidden: false,
        startedAt: 1000,
        input: { topic: 'otters' },
        resumePayload: undefined,
        resumedAt: undefined,
      },
    });
  });

  it('reads the legacy names without the workflow- prefix the same way', () => {
    const legacy = normalizeEvent({ type: 'step-start', payload: start.payload });
    const modern = normalizeEvent(start);
    expect(legacy).toEqual(modern);
    expect(normalizeEvent({ type: 'start', payload: { runId: 'r9' } })).toEqual({
      ok: true,
      value: { type: 'run-start', runId: 'r9', workflowId: undefined },
    });
    expect(normalizeEvent({ type: 'finish', payload: { runId: 'r9' } })).toMatchObject({
      ok: true,
      value: { type: 'run-finish', status: undefined },
    });
  });

  it('takes loop iterations from metadata and marks internal steps hidden', () => {
    const loop = normalizeEvent({
      ...start,
      payload: { ...start.payload, id: 'mapping_content-brief_2', metadata: { iterationCount: 3 } },
    });
    expect(loop.ok && loop.value.type === 'step-start' && loop.value).toMatchObject({
      iteration: 3,
      hidden: true,
    });
  });

  it('never shows the output of a failed result', () => {
    const failed = normalizeEvent({
      type: 'workflow-step-result',
      payload: {
        id: 'x',
        status: 'failed',
        output: { partial: true },
        error: { message: 'boom', name: 'Error' },
      },
    });
    expect(failed.ok && failed.value).toMatchObject({
      type: 'step-result',
      status: 'failed',
      output: undefined,
      error: { message: 'boom', name: 'Error' },
    });
  });

  it('reads errors and results from workflow-finish', () => {
    const finish = normalizeEvent({
      type: 'workflow-finish',
      payload: {
        workflowStatus: 'failed',
        metadata: {
          error: { message: 'Invalid input', code: 'WORKFLOW_SCHEMA_VALIDATION_FAILED' },
          errorMessage: 'Invalid input',
        },
        output: { usage: {} },
      },
    });
    expect(finish.ok && finish.value).toMatchObject({
      type: 'run-finish',
      status: 'failed',
      error: { message: 'Invalid input', code: 'WORKFLOW_SCHEMA_VALIDATION_FAILED' },
    });
  });

  it('turns the 0.x watch event into a snapshot', () => {
    const watch = normalizeEvent({
      type: 'watch',
      runId: 'r0',
      payload: {
        currentStep: { id: 'a' },
        workflowState: {
          status: 'running',
          steps: { a: { status: 'success', output: 1, startedAt: 1, endedAt: 2 } },
        },
      },
    });
    expect(watch.ok && watch.value).toMatchObject({
      type: 'run-snapshot',
      snapshot: { runId: 'r0', status: 'running', steps: { a: { status: 'success', output: 1 } } },
    });
  });

  it('reads custom data-* chunks, whose body is in data', () => {
    expect(normalizeEvent({ type: 'data-progress', data: { percent: 50 } })).toEqual({
      ok: true,
      value: { type: 'run-data', name: 'data-progress', data: { percent: 50 }, stepId: undefined },
    });
  });

  it('passes unknown types through as unknown events instead of throwing', () => {
    const raw = { type: 'workflow-step-teleported', payload: { id: 'x' } };
    expect(normalizeEvent(raw)).toEqual({
      ok: true,
      value: { type: 'unknown', rawType: 'workflow-step-teleported', raw },
    });
  });

  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty'])(
    'treats a type named like an object property (%s) as unknown, not as a step event',
    (type) => {
      const raw = { type, payload: { id: 'x' } };
      expect(normalizeEvent(raw)).toEqual({ ok: true, value: { type: 'unknown', rawType: type, raw } });
    },
  );

  it.each([
    ['no type', { payload: {} }],
    ['a non-object', 42],
    ['a step event without an id', { type: 'workflow-step-start', payload: { status: 'running' } }],
    ['an empty step id', { type: 'workflow-step-suspended', payload: { id: '' } }],
    [
      'a progress event with a negative count',
      {
        type: 'workflow-step-progress',
        payload: { id: 'a', completedCount: -1, totalCount: 2, currentIndex: 0, iterationStatus: 'success' },
      },
    ],
  ])('rejects %s with a typed error', (_name, raw) => {
    const result = normalizeEvent(raw);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(['invalid-event']).toContain(result.error.code);
  });
});

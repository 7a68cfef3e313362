import { describe, expect, it } from 'vitest';
import { createRunController } from '../controller/run-controller';
import { mastraEvents } from '../testing/mastra-events';
import { createMockMastraFetch } from '../testing/mock-mastra-fetch';
import { createMastraHttpTransport, readRunsList } from '../transport/mastra-http-transport';
import type { SteplineError } from '../util/stepline-error';
import { normalizeEvent } from './normalize-event';
import { normalizeSnapshot } from './normalize-snapshot';

// A status a future Mastra may send; Stepline must not know it for this test to mean anything.
const futureStatus = 'retrying';
const workflowId = 'future';
const runId = 'run-future';

describe('one unknown step status', () => {
  it('degrades that step of a snapshot to `unknown` instead of making the snapshot invalid', () => {
    const snapshot = normalizeSnapshot({
      runId,
      status: 'running',
      steps: {
        plan: { status: 'success', output: { ok: true }, startedAt: 1, endedAt: 2 },
        fetch: { status: futureStatus, output: { partial: true }, startedAt: 3 },
        missing: { startedAt: 4 },
      },
    });
    expect(snapshot.ok).toBe(true);
    if (!snapshot.ok) return;
    expect(snapshot.value.steps.plan?.status).toBe('success');
    expect(snapshot.value.steps.fetch).toEqual({ status: 'unknown', startedAt: 3 });
    expect(snapshot.value.steps.missing?.status).toBe('unknown');
  });

  it('in a step result degrades the step to `unknown` instead of dropping the event', () => {
    const event = normalizeEvent({
      type: 'workflow-step-result',
      payload: { id: 'fetch', status: futureStatus, startedAt: 3, endedAt: 4 },
    });
    expect(event.ok && event.value.type === 'step-result' && event.value.status).toBe('unknown');
  });

  it('does not make the run vanish from the runs list', () => {
    const list = readRunsList(workflowId, {
      runs: [
        { workflowName: workflowId, runId: 'a', snapshot: { status: 'success', context: {} } },
        {
          workflowName: workflowId,
          runId: 'b',
          snapshot: { status: 'running', context: { fetch: { status: futureStatus, startedAt: 3 } } },
        },
      ],
      total: 2,
    });
    expect(list.runs.map((run) => run.runId)).toEqual(['a', 'b']);
    expect(list.skipped).toBeUndefined();
  });

  it('does not kill the view: the stream is followed, the step shows `unknown`, nothing else changes', async () => {
    const events = [
      mastraEvents.workflowStart(runId, workflowId),
      ...mastraEvents.step('plan', { startedAt: 1000, endedAt: 1100, output: { ok: true } }),
      mastraEvents.stepStart('fetch', { startedAt: 1200 }),
      {
        ...mastraEvents.stepResult('fetch', { startedAt: 1200, endedAt: 1250 }),
        payload: {
          id: 'fetch',
          stepCallId: 'c-fetch',
          status: futureStatus,
          startedAt: 1200,
          endedAt: 1250,
          payload: {},
        },
      },
      ...mastraEvents.step('write', { startedAt: 1300, endedAt: 1400, output: { text: 'done' } }),
      mastraEvents.workflowFinish('success', { result: { text: 'done' } }),
    ];
    const fetch = createMockMastraFetch({
      runs: [
        {
          workflowId,
          runId,
          segments: [{ events }],
          // The stored run names a status of a newer Mastra for one step.
          snapshot: ({ derived }) => {
            const steps = derived.steps as Record<string, Record<string, unknown>>;
            return steps.fetch
              ? { ...derived, steps: { ...steps, fetch: { ...steps.fetch, status: futureStatus } } }
              : derived;
          },
        },
      ],
    });
    const errors: SteplineError[] = [];
    const controller = createRunController({
      transport: createMastraHttpTransport({ baseUrl: 'http://mastra.test', fetch }),
      workflowId,
      onError: (error) => errors.push(error),
    });
    await controller.start({ inputData: {} });
    await expect.poll(() => controller.connection.getSnapshot().status).toBe('closed');
    const state = controller.store.getSnapshot();
    expect(controller.connection.getSnapshot().error).toBeUndefined();
    expect(errors).toEqual([]);
    expect(state.status).toBe('success');
    expect(state.steps.get('plan')?.status).toBe('success');
    expect(state.steps.get('write')?.status).toBe('success');
    expect(state.steps.get('fetch')?.status).toBe('unknown');
    expect(state.stepIds.toArray()).toEqual(['plan', 'fetch', 'write']);
  });
});

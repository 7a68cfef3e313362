import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../model/run-event';
import { createMastraHttpTransport } from '../transport/mastra-http-transport';
import type { ChunkHandlers } from '../transport/run-transport';
import { SteplineError } from '../util/stepline-error';
import { normalizeEvent } from '../wire/normalize-event';
import { mastraEvents } from './mastra-events';
import { mastraWorkflowDetails } from './mastra-workflow-details';
import { createMockMastraFetch, type MockRun } from './mock-mastra-fetch';
import { stateOf } from './test-helpers';

// The point of the mock: the real HTTP transport runs against it unchanged.
const workflowId = 'approval';
const runId = 'run-1';
const run = { workflowId, runId };
const input = { amount: 1250 };
const resumed = {
  stepCallId: 'call-review-2',
  payload: input,
  startedAt: 1200,
  resumePayload: { ok: true },
  resumedAt: 2000,
};

const script: MockRun = {
  workflowId,
  runId,
  segments: [
    {
      chunkSize: 'random',
      events: [
        mastraEvents.workflowStart(runId, workflowId),
        ...mastraEvents.step('prepare', { payload: input, output: input, startedAt: 1000, endedAt: 1100 }),
        mastraEvents.stepStart('review', { payload: input, startedAt: 1200 }),
        mastraEvents.stepSuspended('review', {
          payload: input,
          startedAt: 1200,
          suspendPayload: { reason: 'Over limit' },
        }),
        mastraEvents.workflowFinish('suspended'),
      ],
    },
    {
      events: [
        mastraEvents.workflowStart(runId, workflowId),
        mastraEvents.stepStart('review', resumed),
        mastraEvents.stepResult('review', { ...resumed, output: { ok: true }, endedAt: 2100 }),
        mastraEvents.workflowFinish('success', { result: { ok: true } }),
      ],
    },
  ],
};

function collector() {
  const events: RunEvent[] = [];
  const errors: SteplineError[] = [];
  const handlers: ChunkHandlers = {
    onChunks: (chunks) => {
      for (const chunk of chunks) {
        const event = normalizeEvent(chunk);
        if (event.ok) events.push(event.value);
      }
    },
    onError: (error) => errors.push(error),
  };
  return { events, errors, handlers };
}

function transportFor(fetch: typeof globalThis.fetch) {
  return createMastraHttpTransport({ baseUrl: 'http://mastra.test', fetch });
}

describe('createMastraHttpTransport on createMockMastraFetch', () => {
  it('runs a whole approval: create, stream, read, resume, list, describe', async () => {
    const details = mastraWorkflowDetails(workflowId, {
      steps: {
        prepare: {},
        review: { resumeSchema: { type: 'object', properties: { ok: { type: 'boolean' } } } },
      },
    });
    const transport = transportFor(
      createMockMastraFetch({ runs: [script], workflows: { approval: details } }),
    );
    expect(await transport.createRun(workflowId, { runId })).toEqual({ runId });

    const first = collector();
    await transport.streamRun(run, { inputData: input }, first.handlers);
    expect(first.errors).toEqual([]);
    expect(stateOf(first.events).status).toBe('suspended');

    const stored = await transport.getRun(run);
    expect(stored).toMatchObject({ runId, workflowId, status: 'suspended', input });
    expect(stored.steps.review).toMatchObject({
      status: 'suspended',
      suspendPayload: { reason: 'Over limit' },
    });

    const second = collector();
    await transport.resumeRun(run, { step: 'review', resumeData: { ok: true } }, second.handlers);
    const state = stateOf(second.events, stateOf(first.events));
    expect(state.status).toBe('success');
    expect(state.result).toEqual({ ok: true });

    const observed = collector();
    await transport.observeRun(run, observed.handlers);
    expect(stateOf(observed.events).status).toBe('success');

    expect(await transport.listRuns(workflowId)).toMatchObject({
      total: 1,
      runs: [{ runId, status: 'success' }],
    });
    const workflow = await transport.getWorkflow(workflowId);
    expect(workflow.steps.review?.resumeSchema).toMatchObject({ properties: { ok: { type: 'boolean' } } });
    await expect(transport.cancelRun(run)).resolves.toBeUndefined();
  });

  it('surfaces a 404 as a SteplineError with the status', async () => {
    const transport = transportFor(createMockMastraFetch({ runs: [script] }));
    const error = await transport.getRun({ workflowId, runId: 'nope' }).catch((caught: unknown) => caught);
    expect(SteplineError.isInstance(error)).toBe(true);
    expect((error as SteplineError).status).toBe(404);
    expect((error as SteplineError).message).toContain('Workflow run not found');
  });

  it('reports a stream cut mid-run as a network error, after delivering what arrived', async () => {
    const cut: MockRun = {
      ...script,
      segments: [{ ...script.segments[0]!, faults: { cutAfterBytes: 400 } }],
    };
    const transport = transportFor(createMockMastraFetch({ runs: [cut] }));
    const partial = collector();
    const error = await transport
      .streamRun(run, { inputData: input }, partial.handlers)
      .catch((caught: unknown) => caught);
    expect(SteplineError.isInstance(error) && error.code).toBe('network');
    expect(partial.events.length).toBeGreaterThan(0);
    // The run went on without the client: the stored run has it suspended.
    expect((await transport.getRun(run)).status).toBe('suspended');
  });

  it('retries a 401 once with fresh headers when headers are a function', async () => {
    const fetch = createMockMastraFetch({
      runs: [script],
      faults: (request) => (request.headers.authorization === 'Bearer stale' ? { status: 401 } : undefined),
    });
    let calls = 0;
    const transport = createMastraHttpTransport({
      baseUrl: 'http://mastra.test',
      fetch,
      headers: () => ({ Authorization: calls++ === 0 ? 'Bearer stale' : 'Bearer fresh' }),
    });
    expect((await transport.getRun(run)).status).toBe('pending');
    expect(fetch.requests.map((request) => request.headers.authorization)).toEqual([
      'Bearer stale',
      'Bearer fresh',
    ]);
  });
});

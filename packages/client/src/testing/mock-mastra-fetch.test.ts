import { describe, expect, it } from 'vitest';
import { normalizeSnapshot } from '../wire/normalize-snapshot';
import { type MastraChunk, mastraEvents } from './mastra-events';
import { mastraWorkflowDetails } from './mastra-workflow-details';
import { createMockMastraFetch, type MockMastraFetchOptions, type MockRun } from './mock-mastra-fetch';
import { parseBody, readBody, recordsOf, stateOf } from './test-helpers';

const api = 'http://mastra.test/api/workflows';
const workflowId = 'approval';
const runId = 'run-1';
const input = { amount: 1250 };

const suspendSegment: MastraChunk[] = [
  mastraEvents.workflowStart(runId, workflowId),
  ...mastraEvents.step('prepare', { runId, payload: input, output: input, startedAt: 1000, endedAt: 1100 }),
  mastraEvents.stepStart('review', { runId, payload: input, startedAt: 1200 }),
  mastraEvents.stepSuspended('review', {
    runId,
    payload: input,
    startedAt: 1200,
    suspendPayload: { reason: 'Over limit' },
    suspendedAt: 1300,
  }),
  mastraEvents.workflowFinish('suspended', { runId }),
];
const resumed = {
  runId,
  stepCallId: 'call-review-2',
  payload: input,
  startedAt: 1200,
  resumePayload: { approved: true },
  resumedAt: 2000,
};
const resumeSegment: MastraChunk[] = [
  mastraEvents.workflowStart(runId, workflowId),
  mastraEvents.stepStart('review', resumed),
  mastraEvents.stepResult('review', { ...resumed, output: { approved: true }, endedAt: 2100 }),
  mastraEvents.workflowFinish('success', { runId, result: { approved: true } }),
];

function approvalRun(overrides: Partial<MockRun> = {}): MockRun {
  return {
    workflowId,
    runId,
    segments: [{ events: suspendSegment }, { events: resumeSegment }],
    ...overrides,
  };
}

function mock(options: MockMastraFetchOptions = { runs: [approvalRun()] }) {
  const fetch = createMockMastraFetch(options);
  const post = (path: string, body: unknown = {}, init: RequestInit = {}) =>
    fetch(`${api}/${workflowId}/${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
      ...init,
    });
  const get = (path: string, init: RequestInit = {}) => fetch(`${api}/${workflowId}/${path}`, init);
  return { fetch, post, get };
}

const stream = `stream?runId=${runId}`;
const resume = `resume-stream?runId=${runId}`;
const observe = `observe?runId=${runId}`;

describe('createMockMastraFetch: routes', () => {
  it('creates a scripted run, by id or the next one of the workflow', async () => {
    const { post } = mock({ runs: [approvalRun(), approvalRun({ runId: 'run-2' })] });
    const byId = await post(`create-run?runId=run-2`);
    expect(byId.status).toBe(200);
    expect(byId.headers.get('content-type')).toBe('application/json');
    expect(await byId.json()).toEqual({ runId: 'run-2' });
    expect(await (await post('create-run')).json()).toEqual({ runId });
    const none = await post('create-run');
    expect(none.status).toBe(404);
    expect(((await none.json()) as { error: string }).error).toMatch(/no scripted run/);
  });

  it('streams segment 0 as \\x1E records in text/plain, with the run id filled in', async () => {
    const { post } = mock({
      runs: [approvalRun({ segments: [{ events: suspendSegment.map(withoutRunId) }] })],
    });
    const response = await post(stream, { inputData: input });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain');
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    const body = await parseBody(response.body);
    expect(body.pieces).toHaveLength(suspendSegment.length);
    expect(recordsOf(body.text)).toEqual(suspendSegment);
    const state = stateOf(body.events);
    expect(state.status).toBe('suspended');
    expect(state.steps.get('review')?.suspendPayload).toEqual({ reason: 'Over limit' });
  });

  it('serves the next segment on each resume-stream, then refuses as Mastra does', async () => {
    const { post, get } = mock();
    const first = await parseBody((await post(stream, { inputData: input })).body);
    const second = await parseBody(
      (await post(resume, { step: 'review', resumeData: { approved: true } })).body,
    );
    const state = stateOf(second.events, stateOf(first.events));
    expect(state.status).toBe('success');
    expect(state.result).toEqual({ approved: true });

    const refused = await post(resume, { resumeData: {} });
    expect(refused.status).toBe(200);
    expect(recordsOf((await readBody(refused.body)).text)).toEqual([
      mastraEvents.workflowStart(runId, workflowId),
      mastraEvents.workflowFinish('failed', { runId, error: 'This workflow run was not suspended' }),
    ]);
    const snapshot = (await (await get(`runs/${runId}`)).json()) as Record<string, unknown>;
    expect(snapshot.status).toBe('success');
  });

  it('answers 409 to a second stream, with Mastra wording once the run finished', async () => {
    const { post } = mock();
    await readBody((await post(stream, { inputData: input })).body);
    const again = await post(stream, { inputData: input });
    expect(again.status).toBe(409);
    await readBody((await post(resume, { resumeData: { approved: true } })).body);
    const finished = await post(stream, { inputData: input });
    expect(finished.status).toBe(409);
    expect(await finished.json()).toEqual({
      error: `Workflow run ${runId} already finished with status "success". Use /observe to read its stream back, or stream a new runId.`,
    });
  });

  it('derives GET runs/:runId from what was served so far', async () => {
    const { post, get } = mock();
    const pending = (await (await get(`runs/${runId}`)).json()) as Record<string, unknown>;
    expect(pending.status).toBe('pending');
    await readBody((await post(stream, { inputData: input })).body);
    const response = await get(`runs/${runId}`);
    expect(response.headers.get('content-type')).toBe('application/json');
    const suspended = (await response.json()) as Record<string, unknown>;
    expect(suspended).toMatchObject({
      runId,
      workflowName: workflowId,
      status: 'suspended',
      payload: input,
      steps: {
        prepare: { status: 'success', output: input },
        review: { status: 'suspended', suspendPayload: { reason: 'Over limit' } },
      },
      suspendedPaths: { review: [1] },
    });
    const normalized = normalizeSnapshot(suspended);
    expect(normalized.ok && normalized.value.status).toBe('suspended');
  });

  it('returns a given snapshot, as is or computed from the run', async () => {
    const given = { runId, workflowName: workflowId, status: 'failed', steps: {} };
    const { get } = mock({ runs: [approvalRun({ snapshot: given })] });
    expect(await (await get(`runs/${runId}`)).json()).toEqual(given);
    const computed = mock({
      runs: [approvalRun({ snapshot: ({ derived, segmentsServed }) => ({ ...derived, segmentsServed }) })],
    });
    expect(await (await computed.get(`runs/${runId}`)).json()).toMatchObject({
      status: 'pending',
      segmentsServed: 0,
    });
  });

  it('cancels: {message}, and the run is canceled', async () => {
    const { post, get } = mock();
    await readBody((await post(stream, { inputData: input })).body);
    const response = await post(`runs/${runId}/cancel`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ message: 'Workflow run cancelled' });
    expect(((await (await get(`runs/${runId}`)).json()) as { status: string }).status).toBe('canceled');
  });

  it('lists runs newest first, filtered and paged like Mastra', async () => {
    const { post, get } = mock({
      runs: [approvalRun(), approvalRun({ runId: 'run-2' }), approvalRun({ runId: 'run-3' })],
    });
    await readBody((await post(stream, { inputData: input })).body);
    const all = (await (await get('runs')).json()) as {
      runs: { runId: string; snapshot: { status: string } }[];
      total: number;
    };
    expect(all.total).toBe(3);
    expect(all.runs.map((run) => run.runId)).toEqual(['run-3', 'run-2', 'run-1']);
    expect(all.runs[2]!.snapshot).toMatchObject({
      status: 'suspended',
      context: { input, review: { status: 'suspended' } },
    });
    const suspended = (await (await get('runs?status=suspended')).json()) as {
      runs: unknown[];
      total: number;
    };
    expect(suspended.total).toBe(1);
    const page = (await (await get('runs?page=1&perPage=2')).json()) as {
      runs: { runId: string }[];
      total: number;
    };
    expect(page).toMatchObject({ total: 3, runs: [{ runId: 'run-1' }] });
  });

  it('describes a workflow: given details, or derived from the scripted steps', async () => {
    const details = mastraWorkflowDetails('approval', {
      steps: { review: { resumeSchema: { type: 'object', properties: { approved: { type: 'boolean' } } } } },
    });
    const given = mock({ runs: [approvalRun()], workflows: { approval: details } });
    const response = await given.fetch(`${api}/approval`);
    expect(await response.json()).toEqual(details);
    const derived = (await (await mock().fetch(`${api}/approval`)).json()) as {
      steps: Record<string, unknown>;
    };
    expect(Object.keys(derived.steps)).toEqual(['prepare', 'review']);
  });

  it('answers unknown runs, workflows and routes the way the real server does', async () => {
    const { post, get, fetch } = mock();
    for (const response of [
      await get('runs/nope'),
      await post('observe?runId=nope'),
      await post('resume-stream?runId=nope'),
      await post('runs/nope/cancel'),
      await post('stream?runId=nope'),
    ]) {
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toBe('application/json');
      expect(await response.json()).toEqual({ error: 'Workflow run not found' });
    }
    const workflow = await fetch('http://mastra.test/api/workflows/nope/runs/run-1');
    expect(workflow.status).toBe(404);
    expect(await workflow.json()).toEqual({ error: 'Workflow not found' });
    const route = await fetch('http://mastra.test/api/elsewhere');
    expect(route.status).toBe(404);
    expect(await route.text()).toBe('404 Not Found');
    const missing = await post('stream', { inputData: input });
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({
      error: 'Invalid query parameters',
      issues: [{ field: 'runId' }],
    });
  });

  it('records every request with its route, body and headers', async () => {
    const { post, fetch } = mock();
    await readBody(
      (await post(stream, { inputData: input }, { headers: { Authorization: 'Bearer t' } })).body,
    );
    expect(fetch.requests).toEqual([
      expect.objectContaining({
        method: 'POST',
        route: 'stream',
        workflowId,
        runId,
        body: { inputData: input },
        headers: { authorization: 'Bearer t' },
        attempt: 1,
      }),
    ]);
  });

  it('accepts a Request object as fetch input', async () => {
    const { fetch } = mock();
    const response = await fetch(
      new Request(`${api}/${workflowId}/${stream}`, {
        method: 'POST',
        body: JSON.stringify({ inputData: input }),
      }),
    );
    expect(response.status).toBe(200);
    expect(fetch.requests[0]?.body).toEqual({ inputData: input });
    await readBody(response.body);
  });
});

describe('createMockMastraFetch: observe', () => {
  it('after the run finished: every segment once, in order', async () => {
    const { post } = mock({ runs: [approvalRun({ observeReplay: true })] });
    await readBody((await post(stream, { inputData: input })).body);
    await readBody((await post(resume, { resumeData: { approved: true } })).body);
    const body = await readBody((await post(observe)).body);
    expect(recordsOf(body.text)).toEqual([...suspendSegment, ...resumeSegment]);
  });

  it('while suspended, with replay: the history, then the segment again without its finish', async () => {
    const { post } = mock({ runs: [approvalRun({ observeReplay: true })] });
    await readBody((await post(stream, { inputData: input })).body);
    const body = await parseBody((await post(observe)).body);
    expect(recordsOf(body.text)).toEqual([...suspendSegment, ...suspendSegment.slice(0, -1)]);
    expect(stateOf(body.events).status).toBe('suspended');
  });

  it('without replay, and from an offset', async () => {
    const { post } = mock();
    await readBody((await post(stream, { inputData: input })).body);
    expect(recordsOf((await readBody((await post(observe)).body)).text)).toEqual(suspendSegment);
    expect(recordsOf((await readBody((await post(`${observe}&offset=4`)).body)).text)).toEqual(
      suspendSegment.slice(4),
    );
  });

  it('is an empty 200 for a run that has not started', async () => {
    const { post } = mock();
    const response = await post(observe);
    expect(response.status).toBe(200);
    expect((await readBody(response.body)).bytes.length).toBe(0);
  });

  it('follows a live segment to its end, after replaying it', async () => {
    const { post } = mock({ runs: [approvalRun({ observeReplay: true, delayMs: 15 })] });
    const live = await post(stream, { inputData: input });
    const reader = live.body!.getReader();
    await reader.read();
    await reader.read();
    const observed = await parseBody((await post(observe)).body);
    const records = recordsOf(observed.text);
    // History so far, the in-memory buffer again from workflow-start, then the rest as it happens.
    expect(records.slice(-suspendSegment.length + 1)).toEqual(suspendSegment.slice(1));
    expect(records.length).toBeGreaterThan(suspendSegment.length);
    expect(records.filter((record) => (record as MastraChunk).type === 'workflow-start').length).toBe(2);
    expect(stateOf(observed.events).status).toBe('suspended');
    reader.releaseLock();
  });

  it('a closed stream does not stop the run: the rest of the segment still happens', async () => {
    const { post, get } = mock({ runs: [approvalRun({ delayMs: 20 })] });
    const controller = new AbortController();
    const response = await post(stream, { inputData: input }, { signal: controller.signal });
    const reader = response.body!.getReader();
    await reader.read();
    controller.abort();
    await expect(reader.read()).rejects.toMatchObject({ name: 'AbortError' });
    const snapshot = (await (await get(`runs/${runId}`)).json()) as { status: string };
    expect(snapshot.status).toBe('suspended');
    expect(recordsOf((await readBody((await post(observe)).body)).text)).toEqual(suspendSegment);
  });
});

describe('createMockMastraFetch: faults and timing', () => {
  it('fails a segment by attempt, without using it up', async () => {
    const { post } = mock({
      runs: [
        approvalRun({ segments: [{ events: suspendSegment, faults: [{ status: 500 }, { status: 503 }] }] }),
      ],
    });
    const first = await post(stream, { inputData: input });
    expect(first.status).toBe(500);
    expect(await first.json()).toEqual({ error: 'Internal Server Error' });
    expect((await post(stream, { inputData: input })).status).toBe(503);
    const third = await post(stream, { inputData: input });
    expect(third.status).toBe(200);
    expect(recordsOf((await readBody(third.body)).text)).toEqual(suspendSegment);
  });

  it('a single fault set applies to the first attempt only', async () => {
    const { post } = mock({
      runs: [approvalRun({ segments: [{ events: suspendSegment, faults: { status: 401 } }] })],
    });
    expect((await post(stream, { inputData: input })).status).toBe(401);
    expect((await post(stream, { inputData: input })).status).toBe(200);
  });

  it('takes faults per request from a function, for any route', async () => {
    const { get, fetch } = mock({
      runs: [approvalRun()],
      faults: (request) =>
        request.route === 'get-run' && request.attempt === 1 ? { status: 401 } : undefined,
    });
    const denied = await get(`runs/${runId}`);
    expect(denied.status).toBe(401);
    expect(await denied.json()).toEqual({ error: 'Invalid or expired token' });
    expect((await get(`runs/${runId}`)).status).toBe(200);
    expect(fetch.requests.map((request) => request.attempt)).toEqual([1, 2]);
  });

  it('refuses the connection: fetch rejects with a TypeError', async () => {
    const { post } = mock({ runs: [approvalRun()], faults: () => ({ refuse: true }) });
    await expect(post(stream, { inputData: input })).rejects.toThrow(TypeError);
  });

  it('cuts a stream after N bytes; the run goes on without the client', async () => {
    const { post, get } = mock({
      runs: [
        approvalRun({
          segments: [{ events: suspendSegment, chunkSize: 32, faults: { cutAfterBytes: 300 } }],
        }),
      ],
    });
    const body = await parseBody((await post(stream, { inputData: input })).body);
    expect(body.bytes.length).toBe(300);
    expect(body.error).toEqual(new TypeError('network error'));
    expect(((await (await get(`runs/${runId}`)).json()) as { status: string }).status).toBe('suspended');
  });

  it('stalls, inserts a malformed record and truncates the last one on request', async () => {
    const { post } = mock({
      runs: [
        approvalRun({
          segments: [
            { events: suspendSegment, faults: { stall: { afterBytes: 10, ms: 60 }, malformedRecordAt: 1 } },
            { events: resumeSegment, faults: { truncateLastRecord: true } },
          ],
        }),
      ],
    });
    const started = performance.now();
    const first = await parseBody((await post(stream, { inputData: input })).body);
    expect(performance.now() - started).toBeGreaterThanOrEqual(55);
    expect(first.errors.map((error) => error.code)).toEqual(['parse']);
    expect(first.events).toHaveLength(suspendSegment.length);
    const second = await parseBody((await post(resume, { resumeData: { approved: true } })).body);
    expect(second.errors).toHaveLength(1);
    expect(second.events).toHaveLength(resumeSegment.length - 1);
  });

  it('chunks by size and waits between chunks', async () => {
    const { post } = mock({ runs: [approvalRun()], chunkSize: 50, delayMs: 5 });
    const started = performance.now();
    const body = await parseBody((await post(stream, { inputData: input })).body);
    expect(body.pieces.every((piece, index) => piece.length === 50 || index === body.pieces.length - 1)).toBe(
      true,
    );
    expect(performance.now() - started).toBeGreaterThanOrEqual(5 * (body.pieces.length - 1) - 5);
    expect(stateOf(body.events).status).toBe('suspended');
  });

  it('rejects at once when the signal is already aborted', async () => {
    const { post } = mock();
    await expect(post(stream, { inputData: input }, { signal: AbortSignal.abort() })).rejects.toMatchObject({
      name: 'AbortError',
    });
  });

  it('ends a live segment on cancel with workflow-canceled and a canceled finish', async () => {
    const { post, get } = mock({ runs: [approvalRun({ delayMs: 20 })] });
    const response = await post(stream, { inputData: input });
    const reader = response.body!.getReader();
    await reader.read();
    expect((await post(`runs/${runId}/cancel`)).status).toBe(200);
    reader.releaseLock();
    const rest = await readBody(response.body);
    const records = recordsOf(rest.text) as MastraChunk[];
    expect(records.slice(-2).map((record) => record.type)).toEqual(['workflow-canceled', 'workflow-finish']);
    expect(records.at(-1)?.payload).toMatchObject({ workflowStatus: 'canceled' });
    expect(records.some((record) => record.type === 'workflow-step-suspended')).toBe(false);
    expect(((await (await get(`runs/${runId}`)).json()) as { status: string }).status).toBe('canceled');
  });

  it('simulates a restart: live streams break off, observe forgets, resume still works', async () => {
    const { post, get, fetch } = mock({ runs: [approvalRun({ delayMs: 20 })] });
    const response = await post(stream, { inputData: input });
    const reader = response.body!.getReader();
    await reader.read();
    fetch.simulateRestart();
    await expect(reader.read()).rejects.toThrow('terminated');
    expect(((await (await get(`runs/${runId}`)).json()) as { status: string }).status).toBe('running');
    expect((await readBody((await post(observe)).body)).bytes.length).toBe(0);
    const resumedBody = await parseBody((await post(resume, { resumeData: { approved: true } })).body);
    expect(stateOf(resumedBody.events).status).toBe('success');
  });
});

function withoutRunId(chunk: MastraChunk): MastraChunk {
  const { runId: _, ...rest } = chunk;
  return rest as MastraChunk;
}

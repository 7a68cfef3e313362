import { describe, expect, it } from 'vitest';
import { createRunController } from '../controller/run-controller';
import { mastraEvents } from '../testing/mastra-events';
import { createMockMastraFetch } from '../testing/mock-mastra-fetch';
import { createMastraHttpTransport, readRunsList } from '../transport/mastra-http-transport';
import type { SteplineError } from '../util/stepline-error';
import { normalizeEvent } from './normalize-event';
import { normalizeSnapshot } from './normalize-snapshot';

// Deep enough to overflow a recursive reader on any engine; JSON.parse itself is iterative and copes.
const depth = 100_000;
/** `{"error":{"error":…{"message":"deepest"}…}}` as text: JSON.stringify of such a value would overflow too. */
const deepErrorText = `${'{"error":'.repeat(depth)}{"message":"deepest"}${'}'.repeat(depth)}`;

const runId = 'run-deep';
const workflowId = 'deep';

describe('an error nested 100,000 levels deep', () => {
  it('is read by the error reader without a RangeError', () => {
    const chunk = JSON.parse(
      `{"type":"workflow-step-result","runId":"${runId}","payload":{"id":"fetch","status":"failed","startedAt":1,"endedAt":2,"error":${deepErrorText}}}`,
    );
    const event = normalizeEvent(chunk);
    expect(event.ok).toBe(true);
    if (event.ok && event.value.type === 'step-result') {
      expect(event.value.status).toBe('failed');
      expect(typeof event.value.error?.message).toBe('string');
    }
  });

  it('in a snapshot is read without a RangeError', () => {
    const body = JSON.parse(`{"runId":"${runId}","status":"failed","steps":{},"error":${deepErrorText}}`);
    const snapshot = normalizeSnapshot(body);
    expect(snapshot.ok).toBe(true);
  });

  it('in one run of the runs list does not hide every run; an unreadable entry is reported and skipped', () => {
    const entry = (id: string, error = 'null') =>
      `{"workflowName":"${workflowId}","runId":"${id}","snapshot":{"status":"failed","context":{},"error":${error}},"createdAt":1,"updatedAt":2}`;
    const body = JSON.parse(
      `{"runs":[${entry('a')},${entry('b', deepErrorText)},{"runId":"c","snapshot":{"status":7}},${entry('d')}],"total":4}`,
    );
    const list = readRunsList(workflowId, body);
    expect(list.runs.map((run) => run.runId)).toEqual(['a', 'b', 'd']);
    expect(list.skipped?.map((error) => error.code)).toEqual(['invalid-snapshot']);
    expect(list.total).toBe(4);
  });

  it('in a live stream loses neither the events before it in the batch nor the connection', async () => {
    const before = [
      mastraEvents.workflowStart(runId, workflowId),
      ...mastraEvents.step('plan', { startedAt: 1000, endedAt: 1100, output: { ok: true } }),
      mastraEvents.stepStart('fetch', { startedAt: 1200 }),
    ];
    const deepRecord = `{"type":"workflow-step-result","runId":"${runId}","from":"WORKFLOW","payload":{"id":"fetch","status":"failed","startedAt":1200,"endedAt":1300,"error":${deepErrorText}}}`;
    const after = [mastraEvents.workflowFinish('failed')];
    const mock = createMockMastraFetch({
      runs: [{ workflowId, runId, segments: [{ events: [...before, ...after] }] }],
    });
    // The whole observe body in one network read: one batch, the deep record in the middle of it.
    const body = [
      ...before.map((chunk) => JSON.stringify(chunk)),
      deepRecord,
      ...after.map((c) => JSON.stringify(c)),
    ]
      .map((record) => `${record}\x1E`)
      .join('');
    const fetch = (async (input: string | URL | Request, init?: RequestInit) => {
      const url = String(input instanceof Request ? input.url : input);
      if (url.includes('/observe')) return new Response(body, { headers: { 'Content-Type': 'text/plain' } });
      if (url.includes('/runs/')) {
        return Response.json({
          runId,
          workflowName: workflowId,
          status: 'running',
          steps: {},
          createdAt: 1,
          updatedAt: 1,
        });
      }
      return mock(input, init);
    }) as typeof globalThis.fetch;

    const errors: SteplineError[] = [];
    const controller = createRunController({
      transport: createMastraHttpTransport({ baseUrl: 'http://mastra.test', fetch }),
      workflowId,
      runId,
      pollIntervalMs: 10_000,
      onError: (error) => errors.push(error),
    });
    const statuses: string[] = [];
    controller.connection.subscribe(() => statuses.push(controller.connection.getSnapshot().status));
    void controller.watch();
    await expect.poll(() => controller.store.getSnapshot().steps.get('fetch')?.status).toBe('failed');
    controller.detach();

    const state = controller.store.getSnapshot();
    expect(state.steps.get('plan')?.status).toBe('success');
    expect(errors.filter((error) => error.code === 'network')).toEqual([]);
    expect(statuses).not.toContain('offline');
    expect(statuses).not.toContain('reconnecting');
  });
});

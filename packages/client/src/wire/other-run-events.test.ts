import { describe, expect, it } from 'vitest';
import { createRunController } from '../controller/run-controller';
import type { UnknownRunEvent } from '../model/run-event';
import { mastraEvents } from '../testing/mastra-events';
import { createMockMastraFetch } from '../testing/mock-mastra-fetch';
import { createMastraHttpTransport } from '../transport/mastra-http-transport';
import { createMastraStreamParser } from './mastra-stream-parser';

const workflowId = 'pipeline';
const runId = 'run-watched';
const other = 'run-other';

const events = [
  mastraEvents.workflowStart(runId, workflowId),
  ...mastraEvents.step('plan', { runId, startedAt: 1000, endedAt: 1100, output: { ok: true } }),
  // Another run's events in the middle of this run's stream (a proxy mixing streams, a server bug).
  mastraEvents.stepStart('intruder', { runId: other, startedAt: 1150 }),
  mastraEvents.stepResult('plan', { runId: other, startedAt: 1000, endedAt: 1120, error: 'not ours' }),
  mastraEvents.workflowFinish('failed', { runId: other, error: 'the other run failed' }),
  ...mastraEvents.step('write', { runId, startedAt: 1200, endedAt: 1300, output: { text: 'done' } }),
  mastraEvents.workflowFinish('success', { runId, result: { text: 'done' } }),
];

describe('events for another run', () => {
  it('are not applied to the watched run: dropped and reported through onUnknownEvent', async () => {
    const fetch = createMockMastraFetch({ runs: [{ workflowId, runId, segments: [{ events }] }] });
    const unknown: UnknownRunEvent[] = [];
    const controller = createRunController({
      transport: createMastraHttpTransport({ baseUrl: 'http://mastra.test', fetch }),
      workflowId,
      runId,
      onUnknownEvent: (event) => unknown.push(event),
    });
    await controller.start({ inputData: {} });
    await expect.poll(() => controller.store.getSnapshot().steps.get('write')?.status).toBe('success');
    const state = controller.store.getSnapshot();
    controller.detach();
    expect(state.stepIds.toArray()).toEqual(['plan', 'write']);
    expect(state.steps.get('plan')?.status).toBe('success');
    expect(state.steps.get('plan')?.endedAt).toBe(1100);
    expect(state.status).toBe('success');
    expect(unknown.map((event) => [event.rawType, event.otherRunId])).toEqual([
      ['workflow-step-start', other],
      ['workflow-step-result', other],
      ['workflow-finish', other],
    ]);
  });

  it('are left out by the stream parser when it is told the run', () => {
    const unknown: UnknownRunEvent[] = [];
    const types: string[] = [];
    const parser = createMastraStreamParser({
      runId,
      onEvents: (batch) => types.push(...batch.map((event) => event.type)),
      onUnknown: (event) => unknown.push(event),
    });
    parser.push(events.map((event) => `${JSON.stringify(event)}\x1E`).join(''));
    parser.end();
    expect(unknown).toHaveLength(3);
    expect(types).toEqual([
      'run-start',
      'step-start',
      'step-result',
      'step-start',
      'step-result',
      'run-finish',
    ]);
  });
});

import { loadManifest, readSegmentBytes } from '@stepline/test-support';
import { describe, expect, it } from 'vitest';
import type { RunEventType } from '../model/run-event';
import { normalizeEvent, wireTypesOf } from '../wire/normalize-event';
import { exampleChunkOf, type MastraChunk, mastraEvents } from './mastra-events';

type Json = Record<string, unknown>;

/** Every distinct record of the recorded real streams. */
function recordedChunks(): Json[] {
  const chunks: Json[] = [];
  const seen = new Set<string>();
  for (const scenario of loadManifest().scenarios) {
    for (const segment of scenario.segments) {
      const text = new TextDecoder().decode(readSegmentBytes(segment));
      for (const record of text.split('\x1E')) {
        if (record.trim() === '' || seen.has(record)) continue;
        try {
          chunks.push(JSON.parse(record) as Json);
          seen.add(record);
        } catch {
          // killed-mid-run ends in a cut record: not an event to rebuild
        }
      }
    }
  }
  return chunks;
}

/** Rebuilds a recorded chunk with the builders, from the values it carries. */
function rebuild(chunk: Json): MastraChunk | undefined {
  const runId = chunk.runId as string;
  const p = (chunk.payload ?? {}) as Json;
  const id = p.id as string;
  const iteration = (p.metadata as Json | undefined)?.iterationCount as number | undefined;
  const execution = {
    runId,
    stepCallId: (p.stepCallId as string | undefined) ?? null,
    payload: p.payload,
    startedAt: p.startedAt as number | undefined,
    ...(iteration === undefined ? {} : { iteration }),
    resumePayload: p.resumePayload,
    resumedAt: p.resumedAt as number | undefined,
  };
  switch (chunk.type) {
    case 'workflow-start':
      return mastraEvents.workflowStart(runId, p.workflowId as string);
    case 'workflow-step-start':
      return mastraEvents.stepStart(id, execution);
    case 'workflow-step-result':
      return mastraEvents.stepResult(id, {
        ...execution,
        status: p.status as 'success',
        output: p.output,
        ...(p.error === undefined ? {} : { error: p.error as { message: string } }),
        endedAt: p.endedAt as number,
      });
    case 'workflow-step-suspended':
      return mastraEvents.stepSuspended(id, {
        ...execution,
        suspendPayload: p.suspendPayload,
        suspendedAt: p.suspendedAt as number,
      });
    case 'workflow-step-waiting':
      return mastraEvents.stepWaiting(id, { runId, payload: p.payload, startedAt: p.startedAt as number });
    case 'workflow-step-progress':
      return mastraEvents.stepProgress(id, {
        runId,
        completedCount: p.completedCount as number,
        totalCount: p.totalCount as number,
        currentIndex: p.currentIndex as number,
        iterationStatus: p.iterationStatus as 'success',
        iterationOutput: p.iterationOutput,
      });
    case 'workflow-step-output':
      return mastraEvents.stepOutput(p.stepName as string, p.output, { runId });
    case 'workflow-canceled':
      return mastraEvents.workflowCanceled({ runId });
    case 'workflow-paused':
      return mastraEvents.workflowPaused({ runId });
    case 'workflow-finish': {
      const metadata = p.metadata as Json;
      const error = metadata.error as Json | undefined;
      return mastraEvents.workflowFinish(p.workflowStatus as 'success', {
        runId,
        result: p.finalWorkflowResult,
        ...(error === undefined
          ? {}
          : {
              error:
                Object.keys(error).length === 0
                  ? (metadata.errorMessage as string)
                  : (error as { message: string }),
            }),
      });
    }
    default:
      if (typeof chunk.type === 'string' && chunk.type.startsWith('data-')) {
        return mastraEvents.data(chunk.type as `data-${string}`, chunk.data, { runId });
      }
      return undefined;
  }
}

/** Key paths in order, to compare shapes (not values) with key order. */
function keyOrder(value: unknown, path = ''): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [];
  return Object.entries(value).flatMap(([key, inner]) => {
    const here = `${path}${key}`;
    // Step inputs, outputs and payloads are the workflow's own data: only Mastra's envelope is compared.
    const opaque = ['payload.payload', 'payload.output', 'payload.suspendPayload', 'payload.resumePayload'];
    return opaque.includes(here) || here.startsWith('data') || here.includes('Result')
      ? [here]
      : [here, ...keyOrder(inner, `${here}.`)];
  });
}

describe('mastraEvents builders', () => {
  const recorded = recordedChunks();

  it('rebuild every recorded real record exactly (values and keys)', () => {
    const types = new Set<string>();
    for (const chunk of recorded) {
      const built = rebuild(chunk);
      expect(built, `no builder for ${String(chunk.type)}`).toBeDefined();
      expect(built).toEqual(chunk);
      types.add(String(chunk.type));
    }
    expect([...types].sort()).toEqual([
      'data-progress',
      'workflow-canceled',
      'workflow-finish',
      'workflow-start',
      'workflow-step-output',
      'workflow-step-progress',
      'workflow-step-result',
      'workflow-step-start',
      'workflow-step-suspended',
      'workflow-step-waiting',
    ]);
    expect(recorded.length).toBeGreaterThan(500);
  });

  it('keep the server key order for the usual shape of each event', () => {
    // Mastra sends parallel branches' starts with `status` before `payload`, and `.sleep()` / `.foreach()`
    // results with fewer fields; every other record has the one order the builders produce.
    let exact = 0;
    for (const chunk of recorded) {
      const keys = Object.keys((chunk.payload ?? {}) as Json);
      const unusual =
        keys.indexOf('status') !== -1 &&
        keys.indexOf('payload') !== -1 &&
        keys.indexOf('status') < keys.indexOf('payload');
      const sleepOrForeachResult = chunk.type === 'workflow-step-result' && !keys.includes('stepCallId');
      if (unusual || sleepOrForeachResult) continue;
      expect(keyOrder(rebuild(chunk))).toEqual(keyOrder(chunk));
      exact++;
    }
    expect(exact).toBeGreaterThan(450);
  });

  it('produce chunks Stepline normalizes, with defaults that need no options', () => {
    const start = mastraEvents.stepStart('outline');
    const result = mastraEvents.stepResult('outline', { output: { sections: 3 } });
    const payloadOf = (chunk: MastraChunk) => chunk.payload as Json;
    expect(payloadOf(start).stepCallId).toBe(payloadOf(result).stepCallId);
    expect(payloadOf(result).endedAt as number).toBeGreaterThan(payloadOf(start).startedAt as number);
    for (const chunk of [start, result, mastraEvents.workflowFinish('success', { result: 1 })]) {
      expect(normalizeEvent(chunk).ok).toBe(true);
    }
    expect(normalizeEvent(result)).toMatchObject({
      ok: true,
      value: { type: 'step-result', status: 'success' },
    });
  });

  it('default an end time to just after a given start, so hand-written timelines stay in order', () => {
    expect(mastraEvents.stepSuspended('review', { startedAt: 1000 }).payload).toMatchObject({
      suspendedAt: 1001,
    });
    expect(mastraEvents.stepResult('review', { startedAt: 1000, resumedAt: 2000 }).payload).toMatchObject({
      endedAt: 2001,
    });
    expect((mastraEvents.stepResult('review').payload as Json).endedAt as number).toBeGreaterThan(
      Date.now() - 1000,
    );
  });

  it('build failures, loops and refusals as Mastra sends them', () => {
    expect(
      mastraEvents.stepResult('charge-card', { error: new Error('Card declined') }).payload,
    ).toMatchObject({
      status: 'failed',
      error: { message: 'Card declined', name: 'Error' },
    });
    expect(mastraEvents.stepStart('round', { iteration: 2 }).payload).toMatchObject({
      stepCallId: 'call-round-2',
      metadata: { iterationCount: 2 },
    });
    expect(
      mastraEvents.workflowFinish('failed', { error: 'This workflow run was not suspended' }).payload,
    ).toEqual({
      workflowStatus: 'failed',
      metadata: { error: {}, errorMessage: 'This workflow run was not suspended' },
      output: { usage: expect.any(Object) },
    });
    const [start, end] = mastraEvents.step('outline', { payload: { topic: 'x' }, output: 1 });
    expect(start.payload).toMatchObject({ payload: { topic: 'x' }, status: 'running' });
    expect(end.payload).toMatchObject({ payload: { topic: 'x' }, status: 'success', output: 1 });
    expect((start.payload as Json).startedAt).toBe((end.payload as Json).startedAt);
    expect(mastraEvents.data('data-progress', { done: 1 })).toEqual({
      type: 'data-progress',
      from: 'WORKFLOW',
      data: { done: 1 },
    });
  });
});

describe('exampleChunkOf', () => {
  it('builds, for every event type, a chunk of one of its wire types that normalizes to that type', () => {
    for (const [eventType, example] of Object.entries(exampleChunkOf) as [
      RunEventType,
      (() => MastraChunk) | null,
    ][]) {
      if (example === null) continue;
      const chunk = example();
      const wireTypes: readonly string[] = wireTypesOf[eventType];
      expect(eventType === 'run-data' ? chunk.type.startsWith('data-') : wireTypes.includes(chunk.type)).toBe(
        true,
      );
      const event = normalizeEvent(chunk);
      expect(event.ok && event.value.type).toBe(eventType);
    }
  });
});

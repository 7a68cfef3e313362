import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../model/run-event';
import { reduceRunEvents } from '../model/run-reducer';
import { createRunState } from '../model/run-state';
import { createMastraStreamParser } from './mastra-stream-parser';

const runId = 'legacy-run';

/** A `/stream-legacy` body: no envelope, no `workflow-` prefix, opened by `start`, closed by a bare `finish`. */
function legacyStream(steps: { id: string; status: 'success' | 'failed' | 'suspended' }[]): string {
  const records: unknown[] = [{ type: 'start', payload: { runId } }];
  let at = 1000;
  for (const step of steps) {
    const base = { id: step.id, stepCallId: `call-${step.id}`, payload: {}, startedAt: at };
    records.push({ type: 'step-start', payload: { ...base, status: 'running' } });
    if (step.status === 'suspended') {
      records.push({
        type: 'step-suspended',
        payload: { ...base, status: 'suspended', suspendedAt: at + 5 },
      });
    } else {
      records.push({
        type: 'step-result',
        payload: {
          ...base,
          status: step.status,
          endedAt: at + 10,
          ...(step.status === 'success' ? { output: { ok: true } } : { error: { message: 'boom' } }),
        },
      });
    }
    at += 100;
  }
  records.push({ type: 'finish', payload: { runId } });
  return records.map((record) => `${JSON.stringify(record)}\x1E`).join('');
}

function stateOf(body: string) {
  const events: RunEvent[] = [];
  const parser = createMastraStreamParser({ onEvents: (batch) => events.push(...batch) });
  parser.push(body);
  parser.end();
  return reduceRunEvents(createRunState(), events);
}

describe('a legacy stream (prefix-less `finish` without workflowStatus)', () => {
  it('finishes: the run is `success` when every step succeeded, not `running` for ever', () => {
    const state = stateOf(
      legacyStream([
        { id: 'plan', status: 'success' },
        { id: 'write', status: 'success' },
      ]),
    );
    expect(state.status).toBe('success');
    expect(state.stepIds.toArray()).toEqual(['plan', 'write']);
  });

  it('is `failed` when a step failed, `suspended` when one waits', () => {
    expect(
      stateOf(
        legacyStream([
          { id: 'plan', status: 'success' },
          { id: 'write', status: 'failed' },
        ]),
      ).status,
    ).toBe('failed');
    expect(
      stateOf(
        legacyStream([
          { id: 'plan', status: 'success' },
          { id: 'review', status: 'suspended' },
        ]),
      ).status,
    ).toBe('suspended');
  });
});

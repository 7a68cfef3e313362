import { stepStartEvent } from '@stepline/test-support';
import { describe, expect, it } from 'vitest';
import { mastraEvents } from '../testing/mastra-events';
import { normalizeEvent } from '../wire/normalize-event';
import type { StepStatus } from './run-event';
import { reduceRunEvents } from './run-reducer';
import { createRunState, type StepState } from './run-state';
import { editStepMap, StepMap } from './step-map';

function step(id: string, status: StepStatus): StepState {
  const state = reduceRunEvents(createRunState(), [stepStartEvent(id, { stepCallId: `${id}-1` })]);
  return { ...state.steps.get(id)!, status };
}

const statuses: StepStatus[] = ['running', 'success', 'failed', 'suspended'];

function recount(map: StepMap, status: StepStatus): number {
  return [...map.values()].filter((s) => s.status === status).length;
}

describe('the step map', () => {
  it('reads, iterates and serializes like a map of its steps', () => {
    const map = StepMap.of([step('a', 'running'), step('b', 'success')]);
    expect(map.size).toBe(2);
    expect(map.get('a')?.status).toBe('running');
    expect(map.has('b')).toBe(true);
    expect(map.has('c')).toBe(false);
    expect(new Set(map.keys())).toEqual(new Set(['a', 'b']));
    expect(Object.keys(JSON.parse(JSON.stringify(map))).sort()).toEqual(['a', 'b']);
    expect(String(map)).toBe('[object StepMap]');
    expect(StepMap.of({ a: step('a', 'running') }).get('a')?.id).toBe('a');
  });

  it('keeps the status counts as steps change, even when a step is changed after it was set', () => {
    const editor = editStepMap(StepMap.of([step('a', 'running'), step('b', 'running')]));
    const owned = { ...editor.get('a')!, status: 'running' as StepStatus };
    editor.set(owned, editor.get('a'), true);
    // The reducer changes steps it created in this batch in place.
    (owned as { status: StepStatus }).status = 'success';
    editor.set(owned, owned, false);
    editor.set(step('c', 'failed'), undefined, true);
    const map = editor.finish();
    for (const status of statuses) expect(map.countOf(status)).toBe(recount(map, status));
    expect(map.countOf('success')).toBe(1);
  });

  it('shares everything with the map before but the changed steps, and leaves that map as it was', () => {
    const before = StepMap.of(Array.from({ length: 1000 }, (_, i) => step(`s${i}`, 'running')));
    const editor = editStepMap(before);
    editor.set(step('s5', 'success'), before.get('s5'), true);
    const after = editor.finish();
    expect(before.get('s5')?.status).toBe('running');
    expect(after.get('s5')?.status).toBe('success');
    expect(after.get('s6')).toBe(before.get('s6'));
    expect(before.countOf('running')).toBe(1000);
    expect(after.countOf('running')).toBe(999);
  });

  it('returns the same map when a batch changed nothing', () => {
    const before = StepMap.of([step('a', 'running')]);
    const editor = editStepMap(before);
    editor.set(before.get('a')!, before.get('a'), true);
    expect(editor.finish()).toBe(before);
  });

  it('counts statuses right over a real run', () => {
    const chunks = [
      mastraEvents.workflowStart('r', 'w'),
      mastraEvents.stepStart('a', { startedAt: 1, stepCallId: 'a1' }),
      mastraEvents.stepStart('b', { startedAt: 2, stepCallId: 'b1' }),
      mastraEvents.stepResult('a', { startedAt: 1, endedAt: 3, stepCallId: 'a1', output: 1 }),
      mastraEvents.stepSuspended('b', { startedAt: 2, stepCallId: 'b1', suspendPayload: { why: 'ok?' } }),
    ];
    let state = createRunState();
    for (const chunk of chunks) {
      const event = normalizeEvent(chunk);
      if (event.ok) state = reduceRunEvents(state, [event.value]);
      for (const status of statuses) expect(state.steps.countOf(status)).toBe(recount(state.steps, status));
    }
    expect(state.status).toBe('suspended');
  });
});

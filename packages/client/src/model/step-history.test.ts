import { loadManifest, readSnapshot, replayScenario } from '@stepline/test-support';
import { describe, expect, it } from 'vitest';
import { normalizeSnapshot } from '../wire/normalize-snapshot';
import { mergeSnapshot } from './run-reducer';
import { createRunState, type RunState } from './run-state';
import { stepHistoryMissing } from './step-history';

const kitchenSink = loadManifest().scenarios.find((candidate) => candidate.name === 'kitchen-sink')!;

function stored(state: RunState, moment = 'final'): RunState {
  const file = kitchenSink.snapshots.find((snapshot) => snapshot.moment === moment)!.file;
  const snapshot = normalizeSnapshot(readSnapshot(file));
  if (!snapshot.ok) throw snapshot.error;
  return mergeSnapshot(state, snapshot.value);
}

describe('stepHistoryMissing', () => {
  it('a page that read the stored run lost what steps wrote: every step that ran says so', () => {
    const state = stored(createRunState());
    expect(state.steps.get('report-progress')?.writes.length).toBe(0);
    expect(stepHistoryMissing(state, 'report-progress')).toBe(true);
    expect(stepHistoryMissing(state, 'process-item')).toBe(true);
    expect(stepHistoryMissing(state, 'no-such-step')).toBe(false);
  });

  it('a page that watched the run lost nothing, sleeps and foreach included (they carry no call id)', () => {
    const { state } = replayScenario(kitchenSink);
    for (const id of state.stepIds) expect([id, stepHistoryMissing(state, id)]).toEqual([id, false]);
    // Read back afterwards, the stored run adds nothing that hides it.
    const both = stored(state);
    for (const id of both.stepIds) expect([id, stepHistoryMissing(both, id)]).toEqual([id, false]);
  });
});

import { projectRun, readSnapshot, replayedScenarios, storedSnapshotOf } from '@stepline/test-support';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeSnapshot } from '../wire/normalize-snapshot';
import type { RunSnapshot, SnapshotStep } from './run-event';
import { mergeSnapshot, reduceRunEvents } from './run-reducer';
import { createRunState, type RunState } from './run-state';

// Mastra's stored run can time a step (a parallel branch) some milliseconds away from the stream's
// `workflow-step-start` for it, either way. Whichever is read first, the run must look the same.
const scenarios = replayedScenarios();

/** Every step's times moved by its own skew. */
function skewed(snapshot: RunSnapshot, skews: readonly number[]): RunSnapshot {
  const steps: Record<string, SnapshotStep> = {};
  Object.entries(snapshot.steps).forEach(([id, step], index) => {
    const skew = skews[index % skews.length]!;
    const shift = (time: number | undefined) => (time === undefined ? undefined : time + skew);
    const moved: Record<string, unknown> = { ...step };
    for (const key of ['startedAt', 'endedAt', 'suspendedAt', 'resumedAt'] as const) {
      if (step[key] !== undefined) moved[key] = shift(step[key]);
    }
    steps[id] = moved as unknown as SnapshotStep;
  });
  return { ...snapshot, steps };
}

/** What a person sees, plus how many executions (loop rounds) each step shows: a double shows here. */
function seen(state: RunState) {
  const executions: Record<string, number> = {};
  for (const id of state.stepIds) executions[id] = state.steps.get(id)!.executions.length;
  return { ...projectRun(state), executions };
}

describe('clock skew between the stored run and the stream', () => {
  it('merging a snapshot taken at any point, skewed up to ±1 s per step, before or after the events gives the clean stream’s run', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...scenarios),
        fc.nat(),
        fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 1, maxLength: 16 }),
        fc.boolean(),
        ({ events, clean }, a, skews, lateParallel) => {
          const at = a % (events.length + 1);
          const snapshot = skewed(
            storedSnapshotOf(reduceRunEvents(createRunState(), events.slice(0, at)), { lateParallel }),
            skews,
          );
          // The order `watch()` uses: the stored run first, then the stream's whole history.
          const before = reduceRunEvents(mergeSnapshot(createRunState(), snapshot), events);
          const after = mergeSnapshot(reduceRunEvents(createRunState(), events), snapshot);
          expect(seen(before)).toEqual(seen(clean));
          expect(seen(after)).toEqual(seen(clean));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('a real mid-parallel snapshot (branches timed 2 ms before the stream) read first gives each branch once', () => {
    const scenario = scenarios.find((candidate) => candidate.scenario.name === 'content-brief-approve')!;
    const file = scenario.scenario.snapshots.find((snapshot) => snapshot.moment === 'mid-parallel')!.file;
    const read = normalizeSnapshot(readSnapshot(file));
    if (!read.ok) throw read.error;
    const state = reduceRunEvents(mergeSnapshot(createRunState(), read.value), scenario.events);
    expect(seen(state)).toEqual(seen(scenario.clean));
    for (const branch of ['research-sources', 'research-competitors', 'research-audience']) {
      expect(state.steps.get(branch)?.executions).toHaveLength(1);
      expect(state.steps.get(branch)?.status).toBe('success');
    }
  });
});

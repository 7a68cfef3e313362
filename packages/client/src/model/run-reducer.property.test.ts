import {
  cutAt,
  projectRun,
  replayChunked,
  replayedScenarios,
  storedSnapshotOf,
} from '@stepline/test-support';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RunEvent, StepStatus } from './run-event';
import { mergeSnapshot, reduceRunEvents } from './run-reducer';
import { createRunState, type RunState } from './run-state';

// Properties over the real recorded runs: whatever the network and Mastra's observe do to the events,
// the state ends where the clean stream leads.
const scenarios = replayedScenarios();
const anyScenario = fc.constantFrom(...scenarios);
const runs = { numRuns: 150 };

/** Inserts copies of earlier events at later positions, as a replay would. */
function withDuplicates(events: readonly RunEvent[], picks: readonly [number, number][]): RunEvent[] {
  const result = [...events];
  for (const [from, offset] of picks) {
    if (result.length === 0) break;
    const source = from % result.length;
    const at = source + 1 + (offset % (result.length - source));
    result.splice(at, 0, result[source]!);
  }
  return result;
}

/** The step map keeps its status counts as it goes (they are private, so `toEqual` does not see them). */
function expectStatusCountsTrue(state: RunState): void {
  const counted = new Map<StepStatus, number>();
  for (const step of state.steps.values()) counted.set(step.status, (counted.get(step.status) ?? 0) + 1);
  for (const status of ['running', 'waiting', 'suspended', 'success', 'failed'] as const) {
    expect(state.steps.countOf(status), status).toBe(counted.get(status) ?? 0);
  }
}

describe('the run reducer on recorded runs', () => {
  it('reaches the same state for any split of the bytes into chunks', () => {
    fc.assert(
      fc.property(anyScenario, fc.array(fc.nat(), { maxLength: 40 }), ({ scenario }, points) => {
        const whole = replayChunked(scenario, (bytes) => [bytes]).state;
        const split = replayChunked(scenario, cutAt(points)).state;
        expect(split).toEqual(whole);
        expectStatusCountsTrue(split);
      }),
      runs,
    );
  });

  it('ignores duplicated events wherever they land after the original', () => {
    fc.assert(
      fc.property(
        anyScenario,
        fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 30 }),
        ({ events, clean }, picks) => {
          expect(reduceRunEvents(createRunState(), withDuplicates(events, picks))).toEqual(clean);
        },
      ),
      runs,
    );
  });

  it('ignores a replayed prefix, as Mastra observe sends one', () => {
    fc.assert(
      fc.property(anyScenario, fc.nat(), fc.nat(), ({ events, clean }, a, b) => {
        const upTo = a % (events.length + 1);
        const replayed = b % (upTo + 1);
        const stream = [...events.slice(0, upTo), ...events.slice(0, replayed), ...events.slice(upTo)];
        expect(reduceRunEvents(createRunState(), stream)).toEqual(clean);
      }),
      runs,
    );
  });

  it('applied one by one or in any batches, gives the same state', () => {
    fc.assert(
      fc.property(anyScenario, fc.array(fc.nat(), { maxLength: 20 }), ({ events, clean }, cuts) => {
        const points = [...new Set(cuts.map((cut) => cut % (events.length + 1)))].sort((x, y) => x - y);
        let state = createRunState();
        let last = 0;
        for (const point of [...points, events.length]) {
          state = reduceRunEvents(state, events.slice(last, point));
          last = point;
        }
        expect(state).toEqual(clean);
        expectStatusCountsTrue(state);
      }),
      runs,
    );
  });

  it('hydrated from a snapshot taken at any point, then fed the rest, shows the same run', () => {
    fc.assert(
      fc.property(anyScenario, fc.nat(), fc.nat(), ({ events, clean }, a, b) => {
        const at = a % (events.length + 1);
        const snapshot = storedSnapshotOf(reduceRunEvents(createRunState(), events.slice(0, at)));
        // The live stream may resume a little before the snapshot was taken: overlap is allowed.
        const resumeFrom = Math.max(0, at - (b % 5));
        const state = reduceRunEvents(mergeSnapshot(createRunState(), snapshot), events.slice(resumeFrom));
        expect(projectRun(state)).toEqual(projectRun(clean));
        expectStatusCountsTrue(state);
      }),
      runs,
    );
  });

  it('recovers parallel branches that Mastra stored late once the run is re-read at the end', () => {
    fc.assert(
      fc.property(anyScenario, fc.nat(), ({ events, clean }, a) => {
        const at = a % (events.length + 1);
        const lagging = storedSnapshotOf(reduceRunEvents(createRunState(), events.slice(0, at)), {
          lateParallel: true,
        });
        const live = reduceRunEvents(mergeSnapshot(createRunState(), lagging), events.slice(at));
        // A branch that finished before the snapshot and after nothing the stream still sends is only
        // known again from the snapshot re-read when the segment ends, as the run controller does.
        const reread = mergeSnapshot(live, storedSnapshotOf(clean));
        expect(projectRun(reread)).toEqual(projectRun(clean));
        expectStatusCountsTrue(reread);
      }),
      runs,
    );
  });

  it('never moves a step backwards when a snapshot from any earlier point arrives late', () => {
    fc.assert(
      fc.property(anyScenario, fc.nat(), ({ events, clean }, a) => {
        const at = a % (events.length + 1);
        const old = storedSnapshotOf(reduceRunEvents(createRunState(), events.slice(0, at)), {
          lateParallel: true,
        });
        expect(projectRun(mergeSnapshot(clean, old))).toEqual(projectRun(clean));
      }),
      runs,
    );
  });
});

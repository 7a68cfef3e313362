import {
  cutEvery,
  finalSnapshotOf,
  loadManifest,
  projectRun,
  type RecordedScenario,
  readSnapshot,
  replayChunked,
  replayScenario,
} from '@stepline/test-support';
import { describe, expect, it } from 'vitest';
import { normalizeSnapshot } from '../wire/normalize-snapshot';
import { mergeSnapshot } from './run-reducer';
import { selectSuspendedSteps } from './run-selectors';
import { createRunState, type RunState } from './run-state';

const manifest = loadManifest();
const scenarios = manifest.scenarios;

function hydrate(raw: unknown, state: RunState = createRunState()): RunState {
  const snapshot = normalizeSnapshot(raw);
  if (!snapshot.ok) throw snapshot.error;
  return mergeSnapshot(state, snapshot.value);
}

/**
 * Where the live stream and the server's final snapshot describe a run differently, and why. Each is a
 * fact about Mastra 1.71 observed in these recordings; the stream state is what Stepline shows.
 */
const knownDisagreements: Record<
  string,
  (live: ReturnType<typeof projectRun>, stored: ReturnType<typeof projectRun>) => void
> = {
  // A snapshot keeps only a loop's last iteration: `revise` ran in the first editorial round, not the last.
  'content-brief-revise-loop': (live, stored) => {
    expect(stored.steps['editorial-round.revise']).toBeUndefined();
    expect(live.steps['editorial-round.revise']?.status).toBe('success');
    delete live.steps['editorial-round.revise'];
  },
  // `bail()` arrives as a step result `bailed`; the server stores the same step as `success`.
  'content-brief-reject': (live, stored) => {
    expect(live.steps['editorial-decision']?.status).toBe('bailed');
    expect(stored.steps['editorial-decision']?.status).toBe('success');
    expect(live.steps['editorial-decision']?.output).toEqual(stored.steps['editorial-decision']?.output);
    live.steps['editorial-decision']!.status = 'success';
  },
  // Input that fails the schema: the stream finishes `failed`; the stored run never left `pending`.
  'invalid-input': (live, stored) => {
    expect(live.status).toBe('failed');
    expect(stored.status).toBe('pending');
    live.status = 'pending';
  },
};

describe.each(scenarios.map((scenario) => [scenario.name, scenario] as const))(
  'recorded run %s',
  (_name, scenario) => {
    const replay = replayScenario(scenario);

    it('reads every record without an error or an unknown event', () => {
      expect(replay.errors).toEqual([]);
      expect(replay.unknown).toEqual([]);
      expect(replay.events.length).toBeGreaterThan(0);
    });

    it('ends in the state the server stored at the end', () => {
      const live = projectRun(replay.state);
      const stored = projectRun(hydrate(finalSnapshotOf(scenario)));
      knownDisagreements[scenario.name]?.(live, stored);
      expect(live).toEqual(stored);
    });

    it('reaches the same state whatever the chunk size', () => {
      const whole = replayChunked(scenario, (bytes) => [bytes]).state;
      for (const size of [1, 2, 3, 5, 7, 13, 64, 257, 1024, 4096]) {
        const chunked = replayChunked(scenario, cutEvery(size));
        expect(chunked.errors).toEqual([]);
        expect(chunked.state).toEqual(whole);
      }
    });

    it('reaches the same state when hydrated from any recorded snapshot first', () => {
      const clean = projectRun(replay.state);
      for (const snapshot of scenario.snapshots) {
        const hydrated = hydrate(readSnapshot(snapshot.file));
        expect(projectRun(replayScenario(scenario, hydrated).state), snapshot.moment).toEqual(clean);
      }
    });

    it('does not move anything backwards when any recorded snapshot is merged last', () => {
      for (const snapshot of scenario.snapshots) {
        const merged = hydrate(readSnapshot(snapshot.file), replay.state);
        expect(projectRun(merged), snapshot.moment).toEqual(projectRun(replay.state));
      }
    });
  },
);

describe('what the recordings show', () => {
  const byName = (name: string): RecordedScenario => {
    const scenario = scenarios.find((candidate) => candidate.name === name);
    if (!scenario) throw new Error(`no recorded scenario ${name}`);
    return scenario;
  };

  it('keeps the review request on the nested step after it was approved', () => {
    const { state } = replayScenario(byName('content-brief-approve'));
    const review = state.steps.get('editorial-round.review')!;
    expect(review.status).toBe('success');
    expect(review.suspendPayload).toMatchObject({ reason: expect.any(String), draft: expect.any(String) });
    expect(review.resumePayload).toMatchObject({ decision: 'approve' });
    expect(review.parentId).toBe('editorial-round');
  });

  it('lists each editorial round of the revise loop as its own execution', () => {
    const { state } = replayScenario(byName('content-brief-revise-loop'));
    const round = state.steps.get('editorial-round')!;
    expect(round.executions.length).toBe(2);
    expect(round.executions.toArray().map((execution) => execution.iteration)).toEqual([1, 2]);
    expect(state.steps.get('editorial-round.review')!.executions.length).toBe(2);
  });

  it('shows one approval card per suspended leaf, not the nested container', () => {
    const scenario = byName('parallel-approvals');
    const firstSegmentOnly = { ...scenario, segments: scenario.segments.slice(0, 1) };
    const { state } = replayScenario(firstSegmentOnly);
    expect(state.status).toBe('suspended');
    expect(
      selectSuspendedSteps(state)
        .map((step) => step.id)
        .sort(),
    ).toEqual(['finance-approval', 'legal-approval']);

    const nested = replayScenario({
      ...byName('nested-approval'),
      segments: byName('nested-approval').segments.slice(0, 1),
    });
    const suspended = selectSuspendedSteps(nested.state);
    expect(suspended).toHaveLength(1);
    expect(suspended[0]!.id).toContain('.');
  });

  it('shows a suspended nested approval as suspended from the stored snapshot alone', () => {
    // Mastra stores the container `running` around its suspended step; a page reload must not say running.
    const scenario = byName('content-brief-approve');
    const suspended = scenario.snapshots.find((snapshot) => snapshot.moment === 'suspended')!;
    const state = hydrate(readSnapshot(suspended.file));
    expect(state.status).toBe('suspended');
    expect(state.steps.get('editorial-round')?.status).toBe('suspended');
    expect(selectSuspendedSteps(state).map((step) => step.id)).toEqual(['editorial-round.review']);
  });

  it('stays suspended when resuming one of two parallel approvals finishes the segment with success', () => {
    const scenario = byName('parallel-approvals');
    expect(scenario.segments[1]!.finishStatus).toBe('success');
    const { state } = replayScenario({ ...scenario, segments: scenario.segments.slice(0, 2) });
    expect(state.status).toBe('suspended');
    expect(selectSuspendedSteps(state)).toHaveLength(1);
  });

  it('counts foreach progress and keeps what a step wrote', () => {
    const { state } = replayScenario(byName('kitchen-sink'));
    const foreach = [...state.steps.values()].find((step) => step.progress !== undefined)!;
    expect(foreach.progress!.completedCount).toBe(foreach.progress!.totalCount);
    const writer = [...state.steps.values()].find((step) => step.writes.length > 0)!;
    expect(writer.writes.length).toBeGreaterThan(1);
    expect(state.data.length).toBeGreaterThan(0);
    expect([...state.steps.values()].filter((step) => step.hidden).length).toBeGreaterThan(0);
  });

  it('applies the duplicates of an observe opened mid-run exactly once', () => {
    const scenario = byName('content-brief-observe');
    expect(scenario.segments.some((segment) => segment.kind === 'observe-running')).toBe(true);
    const streamOnly = replayScenario({
      ...scenario,
      segments: scenario.segments.filter((segment) => !segment.kind.startsWith('observe')),
    });
    const withObserve = replayScenario(scenario);
    expect(withObserve.events.length).toBeGreaterThan(streamOnly.events.length);
    expect(withObserve.state).toEqual(streamOnly.state);
  });
});

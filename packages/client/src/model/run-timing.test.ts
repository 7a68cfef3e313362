import { loadManifest, replayScenario } from '@stepline/test-support';
import { describe, expect, it } from 'vitest';
import { PersistentList } from '../util/persistent-list';
import type { StepExecution } from './run-state';
import { runElapsedMs, selectRunTiming, selectStepTiming } from './run-timing';

function recorded(name: string, segments?: number) {
  const scenario = loadManifest().scenarios.find((candidate) => candidate.name === name)!;
  return replayScenario(
    segments === undefined ? scenario : { ...scenario, segments: scenario.segments.slice(0, segments) },
  ).state;
}

describe('selectStepTiming', () => {
  it('a resumed approval: the human wait is waiting, not work (issue 14: durations jumped after a resume)', () => {
    const review = recorded('content-brief-approve').steps.get('editorial-round.review')!;
    const timing = selectStepTiming(review);
    const [execution] = review.executions;
    expect(timing.waitedMs).toBe(execution!.resumedAt! - execution!.suspendedAt!);
    expect(timing.workMs).toBe(
      execution!.suspendedAt! - execution!.startedAt! + (execution!.endedAt! - execution!.resumedAt!),
    );
    expect(timing.workMs! + timing.waitedMs).toBe(review.endedAt! - review.startedAt!);
    expect(timing.waitingSince).toBeUndefined();
  });

  it('loop rounds add up', () => {
    const review = recorded('content-brief-revise-loop').steps.get('editorial-round.review')!;
    expect(review.executions).toHaveLength(2);
    const timing = selectStepTiming(review);
    const waits = review.executions
      .toArray()
      .map((execution) => execution.resumedAt! - execution.suspendedAt!);
    expect(timing.waitedMs).toBe(waits[0]! + waits[1]!);
  });

  it('a step that waits now: waiting since its suspension, counting to now', () => {
    const review = recorded('content-brief-approve', 1).steps.get('editorial-round.review')!;
    expect(review.status).toBe('suspended');
    const now = review.suspendedAt! + 180_000;
    const timing = selectStepTiming(review, now);
    expect(timing.waitingSince).toBe(review.suspendedAt);
    expect(timing.waitedMs).toBe(180_000);
    expect(timing.workMs).toBe(review.suspendedAt! - review.startedAt!);
  });

  it('a running step counts to now, never below zero; without now it has no work time yet', () => {
    const step = recorded('content-brief-approve').steps.get('outline')!;
    const running = {
      ...step,
      status: 'running' as const,
      endedAt: undefined,
      executions: PersistentList.empty<StepExecution>(),
    };
    expect(selectStepTiming(running).workMs).toBeUndefined();
    expect(selectStepTiming(running, step.startedAt! - 500).workMs).toBe(0);
    expect(selectStepTiming(running, step.startedAt! + 1500).workMs).toBe(1500);
  });
});

describe('run timing', () => {
  it("a waiting run's elapsed keeps growing (issue 14: it froze at the suspension)", () => {
    const run = recorded('content-brief-approve', 1);
    expect(run.status).toBe('suspended');
    const timing = selectRunTiming(run);
    const review = run.steps.get('editorial-round.review')!;
    expect(timing.waitingSince).toBe(review.suspendedAt);
    const later = timing.lastActivityAt! + 60_000;
    expect(runElapsedMs(timing, later)).toBe(later - timing.startedAt!);
  });

  it("never lags a finished step: a stale clock does not put the run's elapsed below the steps'", () => {
    const run = recorded('content-brief-approve', 1);
    const timing = selectRunTiming(run);
    expect(runElapsedMs(timing, timing.startedAt! + 1)).toBe(timing.lastActivityAt! - timing.startedAt!);
  });

  it('an ended run stops at its last step', () => {
    const run = recorded('always-fails');
    const timing = selectRunTiming(run);
    expect(timing.ended).toBe(true);
    expect(runElapsedMs(timing, timing.lastActivityAt! + 99_999)).toBe(
      run.steps.get('charge-card')!.endedAt! - run.steps.get('validate-order')!.startedAt!,
    );
  });
});

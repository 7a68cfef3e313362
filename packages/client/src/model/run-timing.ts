import { selectSuspendedSteps } from './run-selectors';
import { isTerminalRunStatus, type RunState } from './run-state';
import type { StepExecution, StepState } from './step-state';

/** How long a step worked and how long it waited for a person: the two are different kinds of time. */
export interface StepTiming {
  readonly startedAt: number | undefined;
  /**
   * Time spent working: from each start to its suspension (or end), and from each resume to the end.
   * Counts up to `now` while the step runs; `undefined` before it started, or while it runs without `now`.
   */
  readonly workMs: number | undefined;
  /** Time spent suspended, waiting for a person: to the resume, or to `now` while it still waits. */
  readonly waitedMs: number;
  /** The step waits for a person now, since this moment. */
  readonly waitingSince: number | undefined;
}

/**
 * A step's work and its human wait, apart. Mastra keeps a step's `startedAt` across a suspension, so
 * `endedAt - startedAt` of an approval is mostly the approver's lunch break: that is waiting, not work.
 * Loop rounds add up. Times are clamped at zero (the server's clock and `now` may disagree a little).
 *
 * @example
 * const { workMs, waitedMs } = selectStepTiming(run.steps.get('review')!, Date.now());
 * // workMs: 25, waitedMs: 180_000
 */
export function selectStepTiming(step: StepState, now?: number): StepTiming {
  const executions: readonly Pick<
    StepExecution,
    'status' | 'startedAt' | 'endedAt' | 'suspendedAt' | 'resumedAt'
  >[] = step.executions.length > 0 ? step.executions.toArray() : [step];
  let work: number | undefined;
  let waited = 0;
  let waitingSince: number | undefined;
  let started: number | undefined;
  const add = (from: number, to: number | undefined) => {
    if (to === undefined) return;
    work = (work ?? 0) + Math.max(0, to - from);
  };
  for (const execution of executions) {
    const { startedAt, endedAt, suspendedAt, resumedAt } = execution;
    if (startedAt === undefined) continue;
    if (started === undefined || startedAt < started) started = startedAt;
    const running = endedAt === undefined ? now : endedAt;
    if (suspendedAt === undefined || suspendedAt < startedAt) {
      add(startedAt, running);
      continue;
    }
    add(startedAt, suspendedAt);
    if (resumedAt !== undefined && resumedAt >= suspendedAt) {
      waited += resumedAt - suspendedAt;
      add(resumedAt, running);
    } else if (execution.status === 'suspended' || endedAt === undefined) {
      waitingSince = suspendedAt;
      if (now !== undefined) waited += Math.max(0, now - suspendedAt);
    }
  }
  return { startedAt: started, workMs: work, waitedMs: waited, waitingSince };
}

/** The run's span and whether it waits for a person. */
export interface RunTiming {
  /** The first step's start. */
  readonly startedAt: number | undefined;
  /** The latest end (or suspension) of any step. */
  readonly lastActivityAt: number | undefined;
  /** The earliest suspension among the approvals waiting now. */
  readonly waitingSince: number | undefined;
  /** The run has ended: its elapsed time stops at `lastActivityAt`. */
  readonly ended: boolean;
}

/**
 * When the run started, when anything last happened, and since when it waits for a person.
 *
 * @example
 * const timing = selectRunTiming(run);
 * const elapsed = runElapsedMs(timing, Date.now()); // keeps growing while the run waits
 */
export function selectRunTiming(run: RunState): RunTiming {
  let startedAt: number | undefined;
  let lastActivityAt: number | undefined;
  for (const id of run.stepIds) {
    const step = run.steps.get(id)!;
    if (step.startedAt !== undefined && (startedAt === undefined || step.startedAt < startedAt)) {
      startedAt = step.startedAt;
    }
    for (const at of [step.endedAt, step.suspendedAt, step.resumedAt]) {
      if (at !== undefined && (lastActivityAt === undefined || at > lastActivityAt)) lastActivityAt = at;
    }
  }
  let waitingSince: number | undefined;
  for (const step of selectSuspendedSteps(run)) {
    const at = step.suspendedAt;
    if (at !== undefined && (waitingSince === undefined || at < waitingSince)) waitingSince = at;
  }
  // A cancel ends the run after its last step event (the running step never reports): the stored run's
  // last write is the cancel, so the elapsed time is the run's real span and does not jump backwards.
  const canceledAt = run.status === 'canceled' ? run.facts.snapshotUpdatedAt : undefined;
  if (
    canceledAt !== undefined &&
    startedAt !== undefined &&
    (lastActivityAt === undefined || canceledAt > lastActivityAt)
  ) {
    lastActivityAt = canceledAt;
  }
  return { startedAt, lastActivityAt, waitingSince, ended: isTerminalRunStatus(run.status) };
}

/**
 * The run's elapsed time: to its last activity once it ended; while it runs or waits, to `now`, and
 * never less than what its steps already show (a step that finished after the last clock tick).
 *
 * @example
 * runElapsedMs(selectRunTiming(run), Date.now());
 */
export function runElapsedMs(timing: RunTiming, now: number | undefined): number | undefined {
  const { startedAt, lastActivityAt, ended } = timing;
  if (startedAt === undefined) return undefined;
  if (ended) return lastActivityAt === undefined ? undefined : Math.max(0, lastActivityAt - startedAt);
  const end = Math.max(now ?? Number.NEGATIVE_INFINITY, lastActivityAt ?? Number.NEGATIVE_INFINITY);
  return Number.isFinite(end) ? Math.max(0, end - startedAt) : undefined;
}

/** @example runTimingEqual(a, b) // for selector hooks */
export function runTimingEqual(a: RunTiming, b: RunTiming): boolean {
  return (
    a.startedAt === b.startedAt &&
    a.lastActivityAt === b.lastActivityAt &&
    a.waitingSince === b.waitingSince &&
    a.ended === b.ended
  );
}

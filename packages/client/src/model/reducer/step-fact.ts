import type { SerializedError, StepEventBase, StepStatus } from '../run-event';

/**
 * How far along a fact is, to order facts with the same timestamp: tens for the phase, units to break ties
 * between statuses of one phase in a fixed order, so merging is the same whichever fact came first (the
 * stream says `bailed` where the stored snapshot says `success` for the same moment).
 */
export const rankOf: Record<StepStatus, number> = {
  pending: 0,
  // Any status Stepline knows wins a tie with one it does not.
  unknown: 1,
  waiting: 10,
  running: 20,
  paused: 30,
  suspended: 31,
  success: 40,
  skipped: 41,
  bailed: 42,
  tripwire: 43,
  canceled: 44,
  failed: 45,
};

/** Statuses whose output is the step's result: `bail(result)` ends a run early with one. */
export function keepsOutput(status: StepStatus | undefined): boolean {
  return status === 'success' || status === 'bailed';
}

/** What one event or snapshot says about one execution. Every field is always present: one object shape. */
export interface StepFact {
  status: StepStatus | undefined;
  at: number;
  stepCallId: string | undefined;
  iteration: number | undefined;
  input: unknown;
  output: unknown;
  error: SerializedError | undefined;
  suspendPayload: unknown;
  suspendedChildPath: readonly string[] | undefined;
  resumePayload: unknown;
  startedAt: number | undefined;
  endedAt: number | undefined;
  suspendedAt: number | undefined;
  resumedAt: number | undefined;
}

/**
 * One fact object for every step of a snapshot (see `blankFact`): a fact is read while it is applied and
 * never kept (executions copy what they need).
 */
const scratchFact: StepFact = {
  status: undefined,
  at: 0,
  stepCallId: undefined,
  iteration: undefined,
  input: undefined,
  output: undefined,
  error: undefined,
  suspendPayload: undefined,
  suspendedChildPath: undefined,
  resumePayload: undefined,
  startedAt: undefined,
  endedAt: undefined,
  suspendedAt: undefined,
  resumedAt: undefined,
};

/**
 * The fields every step event carries; the caller fills in what its event type adds. A new object per
 * event, not the scratch fact refilled: that one lives long enough to be in V8's old generation, and each
 * young value written into it (the call id, the input, the times: five or so per event) took the write
 * barrier's slow path, which cost more than a short-lived object does (callgrind: 1% of the reducer's
 * instructions).
 */
export function stepFact(event: StepEventBase, status: StepStatus, at: number): StepFact {
  return {
    status,
    at,
    stepCallId: event.stepCallId,
    iteration: event.iteration,
    input: event.input,
    output: undefined,
    error: undefined,
    suspendPayload: undefined,
    suspendedChildPath: undefined,
    resumePayload: event.resumePayload,
    startedAt: event.startedAt,
    endedAt: undefined,
    suspendedAt: undefined,
    resumedAt: event.resumedAt,
  };
}

/**
 * The scratch fact as it is, for a caller that writes every field itself: a snapshot's step (a literal
 * per stored step was an allocation per step on every read of a stored run).
 */
export function blankFact(): StepFact {
  return scratchFact;
}

/** A loop's next iteration repeats the previous resume time, so the later of the two is the start. */
export function startTime(event: StepEventBase): number {
  return Math.max(event.resumedAt ?? -Infinity, event.startedAt ?? -Infinity);
}

import type { RunStatus, StepStatus } from './run-event';
import type { StepState } from './step-state';

/**
 * Whether a step (or a run) is still going, so its duration still grows: running, or waiting on a
 * `.sleep()`. A suspended step is not: it waits on a person, and its time stops at the suspension.
 * @example
 * const live = isStepActive(step.status);
 */
export function isStepActive(status: StepStatus | RunStatus): boolean {
  return status === 'running' || status === 'waiting';
}

/**
 * The one definition of "this step awaits a decision": it is suspended, and it is not a nested
 * workflow's container suspended only because a step inside it is (`suspendedChildPath`, which the
 * normalizer sets). Resume it by its `id` (`outer.inner` for a nested step).
 * @example
 * if (stepAwaitsDecision(step)) showApprovalCard(step.id, step.suspendPayload);
 */
export function stepAwaitsDecision(step: StepState): boolean {
  return step.status === 'suspended' && step.suspendedChildPath === undefined;
}

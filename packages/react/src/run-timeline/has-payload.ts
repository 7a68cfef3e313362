import type { StepState } from '@stepline/client';

/**
 * Whether a step (or one round of it) has anything the inspector shows. Apart from the row's module so
 * the lazy round rows can ask without importing the row (and, through it, their own loader).
 */
export function hasPayload(step: StepState): boolean {
  return (
    step.input !== undefined ||
    step.output !== undefined ||
    step.error !== undefined ||
    step.suspendPayload !== undefined ||
    step.resumePayload !== undefined ||
    // A loop round's view holds the writes of that round only (`stepAtExecution`).
    (step.writes !== undefined && step.writes.length > 0)
  );
}

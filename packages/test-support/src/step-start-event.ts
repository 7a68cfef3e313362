import type { StepStartEvent } from '@stepline/client';

/**
 * A normalized `step-start` event with every field a test does not care about left empty: `stepCallId`
 * is the step id and `startedAt` 1 unless given.
 *
 * @example
 * reduceRunEvents(createRunState(), [stepStartEvent('write', { stepCallId: 'c1' })]);
 */
export function stepStartEvent(
  stepId: string,
  fields: Partial<Omit<StepStartEvent, 'type' | 'stepId'>> = {},
): StepStartEvent {
  return {
    type: 'step-start',
    stepId,
    stepCallId: stepId,
    iteration: undefined,
    hidden: false,
    startedAt: 1,
    input: undefined,
    resumePayload: undefined,
    resumedAt: undefined,
    ...fields,
  };
}

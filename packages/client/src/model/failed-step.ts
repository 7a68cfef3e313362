import type { RunState, StepState } from './run-state';

/**
 * The one rule for "which failed step explains the run's error": of the failed steps that carry an
 * error, the one that ended last (a later start breaks a tie, and a step with no end time counts as
 * ending first). The reducer takes the run's error from it when the finish carried none, and a view
 * names it.
 * @example
 * const culprit = selectFailedStep(state);
 * if (culprit) console.log(`${culprit.id} failed: ${culprit.error?.message}`);
 */
export function selectFailedStep(state: RunState): StepState | undefined {
  let failedStep: StepState | undefined;
  for (const id of state.stepIds) {
    const step = state.steps.get(id)!;
    if (step.status !== 'failed' || step.error === undefined) continue;
    if (!failedStep || (step.endedAt ?? 0) >= (failedStep.endedAt ?? 0)) failedStep = step;
  }
  return failedStep;
}

import type { RunDraft } from './run-draft';
import { applyStepFact } from './step-executions';
import { stepFact } from './step-fact';

/**
 * A canceled run runs nothing: a step still `running` or `waiting` in it (its result never came, or the
 * stored run was written before the cancel) is `canceled`, not running with its clock ticking for ever.
 * Applied as a fact at the step's own latest time, so it wins that tie by rank and a replayed start of
 * the same execution does not bring it back; whichever came first, the cancel or the steps, the state is
 * the same. Costs nothing unless the canceled run still has such steps.
 */
export function cancelRunningSteps(draft: RunDraft): void {
  if (!draft.mayHaveActiveSteps()) return;
  for (const id of draft.current.stepIds) {
    const step = draft.getStep(id)!;
    if (step.status !== 'running' && step.status !== 'waiting') continue;
    const latest = step.executions.at(-1);
    if (!latest) continue;
    const fact = stepFact(
      {
        stepId: id,
        stepCallId: undefined,
        iteration: latest.iteration,
        hidden: step.hidden,
        startedAt: latest.startedAt,
        input: undefined,
        resumePayload: undefined,
        resumedAt: undefined,
      },
      'canceled',
      latest.statusAt,
    );
    applyStepFact(draft, { stepId: id, hidden: step.hidden }, fact);
  }
}

import type { RunState, StepState } from './run-state';
import { stepAwaitsDecision } from './step-activity';
import { groupOverlappingSteps } from './step-groups';

/**
 * Selectors read a `RunState` and return parts a view needs. They are pure and cheap; wrap them in a
 * memo (or a selector hook) when a list is large.
 */

export interface VisibleStepsOptions {
  /** Include Mastra's own `.map()` / `.sleep()` steps. Default false. */
  readonly includeHidden?: boolean;
  /** Only the children of this container (undefined: top-level steps). `'*'`: every level. */
  readonly parentId?: string | '*';
}

/**
 * The steps a timeline shows, in start order.
 * @example
 * for (const step of selectSteps(state)) console.log(step.id, step.status);
 */
export function selectSteps(state: RunState, options: VisibleStepsOptions = {}): StepState[] {
  const parent = options.parentId;
  const steps: StepState[] = [];
  for (const id of state.stepIds) {
    const step = state.steps.get(id)!;
    if (step.hidden && !options.includeHidden) continue;
    if (parent !== '*' && step.parentId !== parent) continue;
    steps.push(step);
  }
  return steps;
}

/**
 * Steps waiting for a human (see `stepAwaitsDecision`): suspended leaves, not the nested-workflow
 * containers that Mastra also marks suspended around them. Resume each by its `id` (`outer.inner` for a
 * nested step).
 * @example
 * const [approval] = selectSuspendedSteps(state);
 * if (approval) showApprovalCard(approval.id, approval.suspendPayload);
 */
export function selectSuspendedSteps(state: RunState): StepState[] {
  const suspended: StepState[] = [];
  for (const id of state.stepIds) {
    const step = state.steps.get(id)!;
    if (stepAwaitsDecision(step)) suspended.push(step);
  }
  return suspended;
}

/**
 * Groups sibling steps that ran side by side. Mastra sends no event for a `.parallel()` block, so
 * branches are recognised the way a person would: a sibling that started before the others ended.
 * Returns groups in start order; a step that ran alone is a group of one.
 * @example
 * for (const group of selectStepGroups(state)) renderRow(group.length > 1 ? 'parallel' : 'step', group);
 */
export function selectStepGroups(state: RunState, options: VisibleStepsOptions = {}): StepState[][] {
  return groupOverlappingSteps(selectSteps(state, options));
}

/**
 * How long a step took, or has taken so far when `now` is given and it is still going.
 * @example
 * selectStepDuration(step, Date.now()); // 1234
 */
export function selectStepDuration(step: StepState, now?: number): number | undefined {
  if (step.startedAt === undefined) return undefined;
  if (step.endedAt !== undefined) return step.endedAt - step.startedAt;
  return now === undefined ? undefined : Math.max(0, now - step.startedAt);
}

import type { PlanRow, StepExecution, StepState } from '@stepline/client';
import type { ReactNode } from 'react';
import { InspectorStore } from './inspector-store';
import { LazyStepInspector } from './lazy-step-inspector';
import { useOpenFailingStep } from './open-failing-step';
import { StepIterations } from './step-iterations';

/**
 * The timeline's step details: the inspector a row's name opens (input, output, error and writes as JSON
 * trees; the failing step opened by itself) and a step's rounds. Opt-in (`RunTimeline.Root details`), so
 * a timeline without them ships none of their code; `<WorkflowRun>` passes them.
 */
export interface StepDetailsPart {
  /** @internal The inspector panel, drawn beside the list. */
  readonly Inspector: (props: {
    readonly store: InspectorStore;
    readonly renderInspector?: ((step: StepState) => ReactNode) | undefined;
  }) => ReactNode;
  /** @internal A step's rounds: a toggle and, once opened, one row per execution. */
  readonly Rounds: (props: {
    readonly executions: readonly StepExecution[];
    readonly label: string;
  }) => ReactNode;
  /** @internal Which step the inspector shows, one per timeline. */
  readonly createStore: () => InspectorStore;
  /** @internal Opens the failing step of a failed run: a hook, called on every render of the timeline. */
  readonly useOpenFailingStep: (
    inspector: InspectorStore | undefined,
    rows: readonly PlanRow[] | undefined,
    enabled?: boolean,
  ) => void;
}

/**
 * The step inspector and a step's rounds, for `RunTimeline.Root`. Their code (with the JSON tree) still
 * loads on demand, in a chunk of its own, the first time a step is opened.
 *
 * @example
 * import { stepDetails } from '@stepline/react/inspector';
 * <RunTimeline.Root details={stepDetails} />
 */
export const stepDetails: StepDetailsPart = {
  Inspector: LazyStepInspector,
  Rounds: StepIterations,
  createStore: () => new InspectorStore(),
  useOpenFailingStep,
};

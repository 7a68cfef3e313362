import type { StepState } from '@stepline/client';
import { type ComponentType, createContext, type ReactNode, useContext } from 'react';
import type { StatusPresentation } from '../components/format';
import type { StepLabeler } from '../components/step-labels';
import type { InspectorStore } from './inspector-store';
import type { StepDetailsPart } from './step-details-part';

/** What a `renderStep` function gets for one step. */
export interface StepRenderProps {
  readonly step: StepState;
  /** The human label (your `stepLabels`, the workflow's description, or the readable name). */
  readonly label: string;
  readonly status: StatusPresentation;
  /** 0 for top-level steps, 1 inside a nested workflow, … */
  readonly depth: number;
  /** What the timeline shows by default: return it wrapped, extended, or not at all. */
  readonly defaultContent: ReactNode;
}

export type RenderStep = (props: StepRenderProps) => ReactNode;

export interface TimelineConfig {
  readonly labelOf: StepLabeler;
  readonly renderStep: RenderStep | undefined;
  readonly showHiddenSteps: boolean;
  /** Nested workflows the user collapsed (all are expanded by default). */
  readonly collapsed: ReadonlySet<string>;
  readonly toggleNested: (stepId: string) => void;
  /** Rows are flat (the plan's rows): nested steps are rows of their own, not lists inside their container. */
  readonly flat: boolean;
  /** The step the inspector shows; rows subscribe to whether it is theirs. Undefined without `details`. */
  readonly inspector: InspectorStore | undefined;
  /** The inspector and a step's rounds (`@stepline/react/inspector`), when the app opted in. */
  readonly details: StepDetailsPart | undefined;
  /** What draws an agent's answer under its row (`StepAgentOutput`), when the app opted in. */
  readonly agentOutput: ComponentType<AgentOutputSlotProps> | undefined;
}

/** What the timeline gives the component drawing a step's agent answer (`agentOutput`). */
export interface AgentOutputSlotProps {
  readonly step: StepState;
  /** The row's label, with its round in a loop. */
  readonly label: string;
}

export const TimelineContext = /* @__PURE__ */ createContext<TimelineConfig | undefined>(undefined);

export function useTimelineConfig(): TimelineConfig {
  const config = useContext(TimelineContext);
  if (!config)
    throw new Error('RunTimeline.Step and RunTimeline.Group must be rendered inside <RunTimeline.Root>.');
  return config;
}

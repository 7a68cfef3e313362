import type { AgentTranscript, StepState } from '@stepline/client';
import { createContext, type ReactNode, useContext } from 'react';

/** What a `renderAgentOutput` function gets for one step that streamed agent output. */
export interface AgentOutputRenderProps {
  readonly step: StepState;
  readonly label: string;
  /** The agent calls of the execution shown (usually one), in order. Empty after a reload of a finished run. */
  readonly transcripts: readonly AgentTranscript[];
  /** The stored output's text, for a run opened after it ended (no transcript exists then). */
  readonly storedText: string | undefined;
  /** The default rendering: return it wrapped, extended, or not at all. */
  readonly defaultContent: ReactNode;
}

/**
 * Renders a step's agent output your own way (markdown, say: Stepline bundles no markdown parser).
 * @example
 * <WorkflowRun renderAgentOutput={({ transcripts }) => <Markdown>{transcripts.at(-1)?.text}</Markdown>} … />
 */
export type RenderAgentOutput = (props: AgentOutputRenderProps) => ReactNode;

export const AgentOutputContext = /* @__PURE__ */ createContext<RenderAgentOutput | undefined>(undefined);

export function useRenderAgentOutput(): RenderAgentOutput | undefined {
  return useContext(AgentOutputContext);
}

import type { AgentTranscript } from './agent-transcript';
import type { StepExecution, StepState } from './run-state';

const none: readonly AgentTranscript[] = [];

/**
 * The agent calls one execution of a step streamed (default: the latest execution, the one a timeline
 * row shows). The array is the state's own, so it keeps its identity until the transcripts change: safe
 * as a `useSyncExternalStore` snapshot.
 * @example
 * const [answer] = selectStepTranscripts(state.steps.get('write-story')!);
 * console.log(answer?.text, answer?.status);
 */
export function selectStepTranscripts(
  step: StepState | undefined,
  execution?: StepExecution,
): readonly AgentTranscript[] {
  const chosen = execution ?? step?.executions[step.executions.length - 1];
  return chosen?.transcripts ?? none;
}

/**
 * The text of a step's stored output (`createStep(agent)` and most agent steps return `{text}`), for a
 * run opened after it ended: Mastra's snapshot keeps only the output, never the chunks. Undefined when
 * the output has no text.
 * @example
 * const text = selectStepTranscripts(step).length === 0 ? selectStoredOutputText(step) : undefined;
 */
export function selectStoredOutputText(step: StepState | undefined): string | undefined {
  const output = step?.output;
  if (typeof output === 'string') return output;
  if (typeof output !== 'object' || output === null) return undefined;
  const text = (output as Record<string, unknown>).text;
  return typeof text === 'string' ? text : undefined;
}

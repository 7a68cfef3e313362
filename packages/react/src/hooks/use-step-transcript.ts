import {
  type AgentTranscript,
  type StepExecution,
  selectStepTranscripts,
  selectStoredOutputText,
} from '@stepline/client';
import { useRunStep } from '../run-scope';

export interface StepTranscript {
  /** The agent calls of the step's latest execution (or of `execution`), in order. */
  readonly transcripts: readonly AgentTranscript[];
  /** The answer so far: the last agent call's text, or the stored output's text once no transcript exists. */
  readonly text: string | undefined;
  /** True while the last agent call still streams. */
  readonly streaming: boolean;
}

/**
 * One step's agent output for a custom UI: re-renders when that step changes, not when another does.
 * Inside `<WorkflowRun>` or `<RunScope>`.
 *
 * @example
 * function Answer() {
 *   const { text, streaming } = useStepTranscript('write-story');
 *   return <p aria-busy={streaming}>{text}</p>;
 * }
 */
export function useStepTranscript(stepId: string, execution?: StepExecution): StepTranscript {
  const step = useRunStep(stepId);
  const transcripts = selectStepTranscripts(step, execution);
  const last = transcripts[transcripts.length - 1];
  return {
    transcripts,
    text: last ? last.text : selectStoredOutputText(step),
    streaming: last?.status === 'streaming',
  };
}

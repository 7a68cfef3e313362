import {
  type AgentTranscript,
  type StepExecution,
  selectStepTranscripts,
  selectStoredOutputText,
  selectWrittenText,
  type WrittenText,
} from '@stepline/client';
import { useRef } from 'react';
import { useRunStep } from '../run-scope';

export interface StepTranscript {
  /** The agent calls of the step's latest execution (or of `execution`), in order. */
  readonly transcripts: readonly AgentTranscript[];
  /**
   * The answer so far: the last agent call's text; for a step that writes its tokens itself
   * (`writer.write(token)`), those joined; else the stored output's text once the run has one.
   */
  readonly text: string | undefined;
  /** True while the last agent call (or the token-writing step) still streams. */
  readonly streaming: boolean;
  /**
   * Set when the answer may be another same-named step's (Mastra names output by the last segment of
   * the step id): the ids of those steps. See `AgentTranscript.ambiguousAmong`.
   */
  readonly ambiguousAmong: readonly string[] | undefined;
}

/**
 * One step's agent output for a custom UI: re-renders when that step changes, not when another does.
 * Inside `<WorkflowRun>` or `<RunScope>`. Its cost per token does not grow with the answer.
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
  // A cache, not state: the same writes always give the same text, read from where the last render stopped.
  const written = useRef<WrittenText | undefined>(undefined);
  if (last) {
    return {
      transcripts,
      text: last.text,
      streaming: last.status === 'streaming',
      ambiguousAmong: last.ambiguousAmong,
    };
  }
  const tokens = step ? selectWrittenText(step.writes, written.current) : undefined;
  written.current = tokens;
  if (step && tokens?.text !== undefined) {
    return {
      transcripts,
      text: tokens.text,
      streaming: step.status === 'running',
      ambiguousAmong: step.writesAmbiguousAmong,
    };
  }
  return { transcripts, text: selectStoredOutputText(step), streaming: false, ambiguousAmong: undefined };
}

import {
  type AppendOnlyList,
  type StepState,
  selectStepTranscripts,
  selectStoredOutputText,
  selectWrittenText,
  type WrittenText,
} from '@stepline/client';
import { useRef } from 'react';
import { lazyPart, useLazyPart } from '../components/lazy-part';
import { useRenderAgentOutput } from './agent-output-context';
import type { DefaultAgentOutputProps } from './default-agent-output';

// The answer's parts (transcript, tool calls, reasoning, text blocks) load when a row first has an answer
// to show: a timeline of workflows without agents never fetches them.
const answer = /* @__PURE__ */ lazyPart(() => import('./default-agent-output'));

/**
 * The agent output of a timeline row: the transcripts of the step's latest execution, or, for a run
 * opened after it ended (Mastra stores no chunks), the stored answer of an agent step. `null` for steps
 * that streamed no agent output.
 */
export function StepAgentOutput({ step, label }: { step: StepState; label: string }) {
  const render = useRenderAgentOutput();
  const transcripts = selectStepTranscripts(step);
  const written = useWrittenText(step.writes);
  const streamedText = transcripts.length === 0 ? written.text : undefined;
  const storedText = transcripts.length === 0 ? (streamedText ?? storedAgentAnswer(step)) : undefined;
  if (transcripts.length === 0 && storedText === undefined) return null;
  const defaultContent = (
    <DefaultAgentOutput
      transcripts={transcripts}
      storedText={storedText}
      streaming={streamedText !== undefined && step.status === 'running'}
      writtenAmong={streamedText === undefined ? undefined : step.writesAmbiguousAmong}
      label={label}
    />
  );
  return render ? render({ step, label, transcripts, storedText, defaultContent }) : defaultContent;
}

function DefaultAgentOutput(props: DefaultAgentOutputProps) {
  const loaded = useLazyPart(answer);
  if (loaded) return <loaded.DefaultAgentOutput {...props} />;
  // The answer's box, busy until its parts are loaded (and in the server's HTML).
  return (
    <section className="stepline-agent-output" aria-label={`Answer of ${props.label}`} aria-busy="true" />
  );
}

/**
 * A stored `{text}` output is what `createStep(agent)` returns: shown as the answer when no transcript
 * was streamed to this page. Any other output shape stays in the step's details.
 */
function storedAgentAnswer(step: StepState): string | undefined {
  // A step that wrote its text itself (`writer.write(token)`) shows its writes; the output would repeat them.
  if (step.writes.length > 0) return undefined;
  const output = step.output;
  if (typeof output !== 'object' || output === null || Array.isArray(output)) return undefined;
  if (Object.keys(output).length !== 1) return undefined;
  return selectStoredOutputText(step);
}

/**
 * The text-stream pattern (`writer.write(token)` per token), joined, read incrementally from the previous
 * render's result: a token costs the same at the end of a long answer as at its start.
 */
function useWrittenText(writes: AppendOnlyList<unknown>): WrittenText {
  // A cache, not state: the same writes always give the same result.
  const previous = useRef<WrittenText | undefined>(undefined);
  const written = selectWrittenText(writes, previous.current);
  previous.current = written;
  return written;
}

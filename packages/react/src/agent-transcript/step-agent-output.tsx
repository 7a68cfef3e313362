import {
  type AgentTranscript,
  type StepState,
  selectStepTranscripts,
  selectStoredOutputText,
} from '@stepline/client';
import { useRef } from 'react';
import { useRenderAgentOutput } from './agent-output-context';
import { AgentTranscriptView } from './agent-transcript-view';
import { useStickToBottom } from './stick-to-bottom';

/**
 * The agent output of a timeline row: the transcripts of the step's latest execution, or, for a run
 * opened after it ended (Mastra stores no chunks), the stored answer of an agent step. `null` for steps
 * that streamed no agent output.
 */
export function StepAgentOutput({ step, label }: { step: StepState; label: string }) {
  const render = useRenderAgentOutput();
  const transcripts = selectStepTranscripts(step);
  const storedText = transcripts.length === 0 ? storedAgentAnswer(step) : undefined;
  if (transcripts.length === 0 && storedText === undefined) return null;
  const defaultContent = (
    <DefaultAgentOutput transcripts={transcripts} storedText={storedText} label={label} />
  );
  return render ? render({ step, label, transcripts, storedText, defaultContent }) : defaultContent;
}

function DefaultAgentOutput({
  transcripts,
  storedText,
  label,
}: {
  transcripts: readonly AgentTranscript[];
  storedText: string | undefined;
  label: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const last = transcripts[transcripts.length - 1];
  useStickToBottom(box, last ? `${last.text.length}:${last.parts.length}` : storedText);
  return (
    <section className="stepline-agent-output" aria-label={`Answer of ${label}`} ref={box}>
      {transcripts.map((transcript) => (
        <AgentTranscriptView key={transcript.agentRunId} transcript={transcript} />
      ))}
      {storedText !== undefined && (
        <div className="stepline-transcript" data-status="done">
          <p className="stepline-transcript__text" data-state="done">
            {storedText}
          </p>
        </div>
      )}
    </section>
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

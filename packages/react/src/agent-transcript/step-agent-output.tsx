import {
  type AgentTranscript,
  type AppendOnlyList,
  type StepState,
  selectStepTranscripts,
  selectStoredOutputText,
  selectWrittenText,
  type WrittenText,
} from '@stepline/client';
import { useRef } from 'react';
import { useRenderAgentOutput } from './agent-output-context';
import { AgentTranscriptView } from './agent-transcript-view';
import { AmbiguousNote } from './ambiguous-note';
import { TextBlocksView } from './text-blocks-view';

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

function DefaultAgentOutput({
  transcripts,
  storedText,
  streaming,
  writtenAmong,
  label,
}: {
  transcripts: readonly AgentTranscript[];
  storedText: string | undefined;
  streaming: boolean;
  /** The streamed text came from writes that may be another same-named step's. */
  writtenAmong: readonly string[] | undefined;
  label: string;
}) {
  // The box scrolls with `flex-direction: column-reverse` around one inner block: the browser keeps it
  // at the bottom while text streams in (and where the reader put it once they scroll up), with no
  // script reading the layout on every token. A box that scrolls takes the keyboard focus, or a keyboard
  // user cannot read the start of a long answer (axe: scrollable-region-focusable).
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard to scroll
    <section className="stepline-agent-output" aria-label={`Answer of ${label}`} tabIndex={0}>
      <div className="stepline-agent-output__content">
        {transcripts.map((transcript) => (
          <AgentTranscriptView key={transcript.agentRunId} transcript={transcript} />
        ))}
        {storedText !== undefined && (
          <div
            className="stepline-transcript"
            data-status={streaming ? 'streaming' : 'done'}
            data-ambiguous={writtenAmong ? '' : undefined}
          >
            {writtenAmong && <AmbiguousNote among={writtenAmong} />}
            <p className="stepline-transcript__text" data-state={streaming ? 'streaming' : 'done'}>
              <TextBlocksView
                text={storedText}
                after={streaming && <span className="stepline-transcript__caret" aria-hidden="true" />}
              />
            </p>
          </div>
        )}
      </div>
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

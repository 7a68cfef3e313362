import type { AgentTranscript } from '@stepline/client';
import { AgentTranscriptView } from './agent-transcript-view';
import { AmbiguousNote } from './ambiguous-note';
import { TextBlocksView } from './text-blocks-view';

/** What a row's answer box holds by default (`defaultContent` of `renderAgentOutput`). */
export interface DefaultAgentOutputProps {
  readonly transcripts: readonly AgentTranscript[];
  readonly storedText: string | undefined;
  readonly streaming: boolean;
  /** The streamed text came from writes that may be another same-named step's. */
  readonly writtenAmong: readonly string[] | undefined;
  readonly label: string;
}

/**
 * A row's agent answer: its transcripts, or the stored or written text. A chunk of its own (see
 * step-agent-output.tsx): a timeline whose runs have no agent steps never loads it.
 */
export function DefaultAgentOutput({
  transcripts,
  storedText,
  streaming,
  writtenAmong,
  label,
}: DefaultAgentOutputProps) {
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

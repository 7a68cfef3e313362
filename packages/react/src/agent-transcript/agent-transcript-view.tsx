import type { AgentTranscript } from '@stepline/client';
import { memo } from 'react';
import { visuallyHidden } from '../components/visually-hidden';
import { AmbiguousNote } from './ambiguous-note';
import { ReasoningPart } from './reasoning-part';
import { ToolCallCard } from './tool-call-card';
import { TranscriptText } from './transcript-text';
import { UsageLine } from './usage-line';

// A part that did not change keeps its object (the reducer copies only the part a chunk touches), so
// while the answer streams, tool cards and finished parts are not rendered again: a large tool result is
// not turned into text again per token.
const TextPart = /* @__PURE__ */ memo(TranscriptText);
const ReasoningView = /* @__PURE__ */ memo(ReasoningPart);
const ToolCallView = /* @__PURE__ */ memo(ToolCallCard);

/** One agent call: its parts in order (reasoning collapsed, tool calls as cards, text with a caret), then usage. */
export function AgentTranscriptView({ transcript }: { transcript: AgentTranscript }) {
  return (
    <div
      className="stepline-transcript"
      data-status={transcript.status}
      data-ambiguous={transcript.ambiguousAmong ? '' : undefined}
    >
      {transcript.ambiguousAmong && <AmbiguousNote among={transcript.ambiguousAmong} />}
      {transcript.parts.toArray().map((part, index) => {
        // Parts only ever append, so a position is a stable key.
        const key = `${index}`;
        switch (part.type) {
          case 'text':
            return <TextPart key={key} part={part} />;
          case 'reasoning':
            return <ReasoningView key={key} part={part} />;
          case 'tool-call':
            return <ToolCallView key={key} part={part} />;
          default:
            return null;
        }
      })}
      {transcript.status === 'streaming' && transcript.parts.length === 0 && (
        <p className="stepline-transcript__text" data-state="streaming">
          <span className="stepline-transcript__caret" aria-hidden="true" />
          <span className="stepline-sr-only" style={visuallyHidden}>
            Waiting for the answer
          </span>
        </p>
      )}
      <UsageLine usage={transcript.usage} finishReason={transcript.finishReason} />
    </div>
  );
}

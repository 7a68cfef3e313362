import type { TranscriptTextPart } from '@stepline/client';

/** Answer text as it streams, with a caret while the part is open. Plain text: markdown is the app's choice. */
export function TranscriptText({ part }: { part: TranscriptTextPart }) {
  return (
    <p className="stepline-transcript__text" data-state={part.streaming ? 'streaming' : 'done'}>
      {part.text}
      {part.streaming && <span className="stepline-transcript__caret" aria-hidden="true" />}
    </p>
  );
}

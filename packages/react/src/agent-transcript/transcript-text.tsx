import type { TranscriptTextPart } from '@stepline/client';
import { TextBlocksView } from './text-blocks-view';

/**
 * Answer text as it streams, with a caret while the part is open. Plain text: markdown is the app's
 * choice. Laid out in blocks, so a token costs the same at the end of a long answer as at its start.
 */
export function TranscriptText({ part }: { part: TranscriptTextPart }) {
  return (
    <p className="stepline-transcript__text" data-state={part.streaming ? 'streaming' : 'done'}>
      <TextBlocksView
        text={part.text}
        after={part.streaming && <span className="stepline-transcript__caret" aria-hidden="true" />}
      />
    </p>
  );
}

import type { TranscriptTextPart } from '@stepline/client';
import { TextBlocksView } from './text-blocks-view';

/** The model's reasoning, collapsed: open it to read. */
export function ReasoningPart({ part }: { part: TranscriptTextPart }) {
  return (
    <details className="stepline-transcript__reasoning" data-state={part.streaming ? 'streaming' : 'done'}>
      <summary>{part.streaming ? 'Thinking…' : 'Reasoning'}</summary>
      <p className="stepline-transcript__reasoning-text">
        <TextBlocksView text={part.text} />
      </p>
    </details>
  );
}

import { splitTextBlocks, type TextBlocks } from '@stepline/client';
import { memo, type ReactNode, useRef } from 'react';

/**
 * Text that grows token by token, as blocks (`splitTextBlocks`): closed blocks are memoized by their text
 * and never touched again, so a new token re-renders and re-lays out only the last block, however long
 * the answer. The blocks read exactly as the whole text; `after` (a caret) follows the last one.
 */
export function TextBlocksView({ text, after }: { text: string; after?: ReactNode }) {
  const blocks = useTextBlocks(text);
  return (
    <>
      {blocks.closed.map((block, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: closed blocks only ever append
        <ClosedBlock key={index} text={block} />
      ))}
      <span className="stepline-text-block">
        {blocks.open}
        {after}
      </span>
    </>
  );
}

const ClosedBlock = memo(function ClosedBlock({ text }: { text: string }) {
  return <span className="stepline-text-block">{text}</span>;
});

/** The blocks of a growing text, cut incrementally from the previous render's. */
function useTextBlocks(text: string): TextBlocks {
  // A cache, not state: any render computes the same blocks for the same text, so a render React throws
  // away leaves nothing wrong behind (at worst the next call cuts from the start).
  const previous = useRef<TextBlocks | undefined>(undefined);
  const blocks = splitTextBlocks(text, previous.current);
  previous.current = blocks;
  return blocks;
}

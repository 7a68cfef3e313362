import type { AppendOnlyList } from '@stepline/client';
import { useState } from 'react';
import { toJsonText } from '../components/json-view';

export const writesShown = 20;

export function StepWrites({ writes, label }: { writes: AppendOnlyList<unknown>; label: string }) {
  const [all, setAll] = useState(false);
  // The latest few, copied from the list (O(shown)); all of them once asked for.
  const shown = all || writes.length <= writesShown ? writes.toArray() : writes.slice(-writesShown);
  const hiddenCount = writes.length - shown.length;
  return (
    <div className="stepline-writes">
      <ol className="stepline-writes__list" aria-label={`Output written by ${label}`}>
        {shown.map((write, index) => (
          // Writes only ever append, so a position is a stable key.
          // biome-ignore lint/suspicious/noArrayIndexKey: append-only list
          <li key={hiddenCount + index} className="stepline-writes__item">
            {writeText(write)}
          </li>
        ))}
      </ol>
      {hiddenCount > 0 && (
        <button
          type="button"
          className="stepline-button stepline-writes__show-all"
          onClick={() => setAll(true)}
        >
          Show {hiddenCount} earlier {hiddenCount === 1 ? 'message' : 'messages'}
        </button>
      )}
    </div>
  );
}

/** A `writer.write()` value as one line of text: a string as is, `{message}` by its message, else JSON. */
export function writeText(write: unknown): string {
  if (typeof write === 'string') return write;
  if (
    typeof write === 'object' &&
    write !== null &&
    typeof (write as { message?: unknown }).message === 'string'
  ) {
    return (write as { message: string }).message;
  }
  return toJsonText(write, 0);
}

import type { CSSProperties } from 'react';

/**
 * Inline styles that hide text from sight but not from assistive technology. Used with the
 * `stepline-sr-only` class on text that must stay hidden even without the stylesheet (`unstyled`, or an
 * app that brings its own CSS): a live region or a legend shown as plain text would be noise.
 */
export const visuallyHidden: CSSProperties = {
  position: 'absolute',
  width: 1,
  height: 1,
  padding: 0,
  margin: -1,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  clipPath: 'inset(50%)',
  whiteSpace: 'nowrap',
  border: 0,
};

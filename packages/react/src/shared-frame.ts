/**
 * One animation frame request for every subscriber that wants the next frame. Each
 * `requestAnimationFrame` callback is its own task to React: a page with a hundred subscribed rows asking
 * for a hundred frames committed a hundred times per frame. Called from one callback, their updates are
 * batched into one render and one commit.
 */
const waiting = new Set<() => void>();
let requested = false;

function runFrame(): void {
  requested = false;
  const callbacks = [...waiting];
  waiting.clear();
  for (const callback of callbacks) callback();
}

/**
 * Calls `callback` at the next animation frame (a 16 ms timer where there are no frames: tests, Node),
 * together with every other callback waiting for it. Returns a cancel function.
 *
 * @example
 * const cancel = onNextFrame(() => setVisible(store.getSnapshot()));
 */
export function onNextFrame(callback: () => void): () => void {
  // A wrapper per call, so the same function scheduled twice is two entries and one cancel removes one.
  const entry = () => callback();
  waiting.add(entry);
  if (!requested) {
    requested = true;
    if (typeof requestAnimationFrame === 'function') requestAnimationFrame(runFrame);
    else setTimeout(runFrame, 16);
  }
  return () => {
    waiting.delete(entry);
  };
}

import { frameScheduler } from '@stepline/client';
import { flushSync } from 'react-dom';

let configured = false;

/**
 * Gives the client's frame lane (`frameScheduler`) the page's animation frames, once per page: from then
 * on every run store and connection of the page delivers at most once per frame, all in one commit, and a
 * change of a run's status at once. React adds no scheduling of its own on top. Not on the server, where
 * nothing subscribes.
 *
 * A frame's deliveries run inside `flushSync`: the stores' subscribers (`useSyncExternalStore`) render at
 * React's sync priority, but a component's own state set in the same frame (the windowed timeline's row
 * heights, the announcer's message) would get the default priority and a commit of its own, a second
 * commit in the frame. Inside `flushSync` both are one render and one commit, at the end of the callback.
 */
export function usePageFrames(): void {
  if (configured || typeof document === 'undefined') return;
  configured = true;
  frameScheduler.setFrameRequest((callback) => {
    // Looked up at every request: tests (and some embedders) replace the frame functions later.
    if (typeof requestAnimationFrame === 'function') {
      const id = requestAnimationFrame(() => flushSync(callback));
      return () => cancelAnimationFrame(id);
    }
    // No frames (an old embedder, a test DOM): a 60 Hz timer stands in for them.
    const timer = setTimeout(() => flushSync(callback), 16);
    return () => clearTimeout(timer);
  });
}

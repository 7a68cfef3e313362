import { frameScheduler } from '@stepline/client';
import { useSyncExternalStore } from 'react';

/**
 * One clock for every live duration on the page: it ticks once a second while something shows a running
 * step, and not at all otherwise. Rendering reads it through `useSyncExternalStore`, whose server snapshot
 * is `undefined`, so the server and the hydrating client agree and the time appears after hydration.
 */
const listeners = new Set<() => void>();
let now = 0;
let timer: ReturnType<typeof setInterval> | undefined;

function tick(): void {
  // At the next frame, with the run's own updates: a second tick landing between two frames would be a
  // commit of its own.
  frameScheduler.schedule(() => {
    now = Date.now();
    for (const listener of [...listeners]) listener();
  });
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (timer === undefined) {
    // `now` is what the first render read (fresh within the second): changing it here would make React
    // render every live duration a second time right after mounting it.
    timer = setInterval(tick, 1000);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== undefined) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

function getSnapshot(): number {
  // Nobody is subscribed yet (first render): read the clock, but keep the value stable for this second.
  if (timer === undefined && Date.now() - now >= 1000) now = Date.now();
  return now;
}

function getServerSnapshot(): undefined {
  return undefined;
}

const noSubscribe = () => () => {};
const noTime = () => undefined;

/**
 * `Date.now()`, refreshed at most once a second while `active`; `undefined` on the server and during
 * hydration.
 * @example
 * const now = useNow(step.status === 'running');
 */
export function useNow(active: boolean): number | undefined {
  return useSyncExternalStore(
    active ? subscribe : noSubscribe,
    active ? getSnapshot : noTime,
    getServerSnapshot,
  );
}

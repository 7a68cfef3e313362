import { frameScheduler } from '@stepline/client';
import { useSyncExternalStore } from 'react';

/**
 * The clock's `Intl.DateTimeFormat`s, and their warm-up off the page's main thread.
 *
 * Why a warm-up at all: the first `Intl.DateTimeFormat` a renderer process makes is far dearer than the
 * ones after it. V8 builds the set of locales that have date formats once per process, opening every
 * locale's ICU data to do so: 15–20 ms of CPU in Chromium on a fast machine, several times that on a
 * phone or a busy one, in one piece that no script can split; every later formatter costs ~0.2 ms.
 * That set is shared by every thread of the process, so a throwaway worker can pay for it: the main
 * thread then makes its own formatters in well under a millisecond. Where a worker cannot start (a
 * Content-Security-Policy without `blob:` workers, Trusted Types, no `Worker` at all) or does not help
 * (an engine whose caches are per thread), the formatters are made in idle time instead, still a task of
 * their own rather than part of a commit.
 */

const formatOptions = {
  time: { hour: '2-digit', minute: '2-digit' },
  timeWithSeconds: { hour: '2-digit', minute: '2-digit', second: '2-digit' },
  weekday: { weekday: 'short' },
  dayAndMonth: { day: 'numeric', month: 'short' },
} satisfies Record<string, Intl.DateTimeFormatOptions>;

export type ClockFormatShape = keyof typeof formatOptions;

const formatters: { [shape in ClockFormatShape]?: Intl.DateTimeFormat } = {};

/**
 * The formatter of one shape, made when first asked for (`toLocaleTimeString(locale, options)` would
 * build a new one on every call). Called before the warm-up ended, it pays the locale load itself.
 */
export function clockFormatter(shape: ClockFormatShape): Intl.DateTimeFormat {
  formatters[shape] ??= new Intl.DateTimeFormat(undefined, formatOptions[shape]);
  return formatters[shape];
}

let state: 'cold' | 'warming' | 'ready' = 'cold';
const listeners = new Set<() => void>();

// What the worker runs: any date formatter builds the set. A number formatter too: the numbers an
// approval shows (`toLocaleString`) have a set of their own, 2–30 ms more on the page the first time.
const workerSource = 'postMessage(Intl.DateTimeFormat().format()+(0).toLocaleString())';

/**
 * Starts the clock's warm-up, once per page: after it, showing a time costs well under a millisecond.
 * Components that show times call it through `useClockFormats`; the run header calls it when it mounts,
 * while the run is still being read, so the times are ready when they are first shown.
 */
export function prepareClockFormats(): void {
  // Only ever called from effects and subscriptions, so never on the server.
  if (state !== 'cold') return;
  state = 'warming';
  let url = '';
  try {
    // No `Worker`, `Blob` or object URLs, or a policy that refuses the worker: thrown here or reported
    // by `onerror` (browsers differ), and then idle time it is.
    url = URL.createObjectURL(new Blob([workerSource], { type: 'text/javascript' }));
    const worker = new Worker(url);
    // Once, whichever comes first: an answer, an error, or the give-up timer. The state alone cannot
    // tell: after an error it stays 'warming' until the idle-time fallback ran.
    const settle = (warmed: boolean) => {
      clearTimeout(patience);
      worker.onmessage = worker.onerror = null;
      worker.terminate();
      URL.revokeObjectURL(url);
      if (warmed) makeNow();
      else makeInIdleTime();
    };
    // A worker that neither answers nor fails (a stub of an environment) is given up on, late enough
    // for a slow phone's to answer first.
    const patience = setTimeout(settle, 5000, false);
    worker.onmessage = () => settle(true);
    worker.onerror = (event) => {
      event.preventDefault();
      settle(false);
    };
  } catch {
    if (url) URL.revokeObjectURL(url);
    makeInIdleTime();
  }
}

function makeInIdleTime(): void {
  // Safari before 18 has no requestIdleCallback.
  if (typeof requestIdleCallback === 'function') requestIdleCallback(makeNow, { timeout: 1000 });
  else setTimeout(makeNow, 0);
}

function makeNow(): void {
  clockFormatter('time');
  clockFormatter('timeWithSeconds');
  state = 'ready';
  // With the page's next frame: a commit of its own between two frames would be a second one in a frame.
  frameScheduler.schedule(() => {
    for (const listener of [...listeners]) listener();
  });
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  prepareClockFormats();
  return () => listeners.delete(listener);
}

const isReady = () => state === 'ready';
const notOnServer = () => false;

/**
 * Whether a clock time can be shown without loading the locale's data inside a commit: `false` on the
 * server, while hydrating and until the warm-up ended (it starts on the first subscription), then `true`.
 * What shows a time shows its placeholder while this is `false`, as it does before hydration.
 *
 * @example
 * const ready = useClockFormats();
 * return ready ? formatClockTime(startedAt) : '—';
 */
export function useClockFormats(): boolean {
  return useSyncExternalStore(subscribe, isReady, notOnServer);
}

/**
 * The page's frame schedule for run views: one animation frame request for every subscriber, and at most
 * one delivery per frame.
 *
 * Each `requestAnimationFrame` callback is its own task to React: a page with a hundred subscribed rows
 * asking for a hundred frames committed a hundred times per frame. Called from one callback, their updates
 * are batched into one render and one commit. A change that should not wait (the run's status) goes at
 * once, taking everything waiting with it, unless the page already updated in this frame: then it joins
 * the next one, a frame later at most.
 */
const waiting = new Set<() => void>();
let requested = false;
/** Something was delivered since the current frame began. */
let deliveredThisFrame = false;
/** An urgent delivery is under way in this task: other urgent changes of this task join it. */
let deliveringNow = false;

/** Hidden tabs get no animation frames, but their timers still run (throttled): a run must not stall. */
const hiddenTabFallbackMs = 1_000;

function requestFrame(): void {
  if (requested) return;
  requested = true;
  let frameId: number | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const run = () => {
    if (frameId !== undefined) cancelAnimationFrame(frameId);
    clearTimeout(timer);
    requested = false;
    startFrame();
  };
  if (typeof requestAnimationFrame === 'function') {
    frameId = requestAnimationFrame(run);
    timer = setTimeout(run, hiddenTabFallbackMs);
  } else {
    // Tests and Node: a 60 Hz timer stands in for frames.
    timer = setTimeout(run, 16);
  }
}

function startFrame(): void {
  deliveredThisFrame = false;
  if (waiting.size > 0) deliverWaiting();
}

function deliverWaiting(): void {
  const callbacks = [...waiting];
  waiting.clear();
  deliveredThisFrame = true;
  // The next frame tells when this one is over.
  requestFrame();
  for (const callback of callbacks) callback();
}

function enqueue(callback: () => void): () => void {
  // A wrapper per call, so the same function scheduled twice is two entries and one cancel removes one.
  const entry = () => callback();
  waiting.add(entry);
  requestFrame();
  return () => {
    waiting.delete(entry);
  };
}

/**
 * Calls `callback` at the next animation frame, together with every other callback waiting for it, or at
 * once while an urgent delivery is under way in this task (it lands in that same commit). Returns a cancel
 * function when it has to wait.
 *
 * @example
 * const cancel = onNextFrame(() => setVisible(store.getSnapshot()));
 */
export function onNextFrame(callback: () => void): (() => void) | undefined {
  if (deliveringNow) {
    callback();
    return undefined;
  }
  return enqueue(callback);
}

/**
 * Calls `callback` now, with every callback waiting for the next frame, when the page has not updated in
 * this frame yet; otherwise at the next frame. Returns a cancel function when it had to wait.
 *
 * @example
 * const pending = nowOrNextFrame(deliverStatusChange);
 */
export function nowOrNextFrame(callback: () => void): (() => void) | undefined {
  if (deliveredThisFrame && !deliveringNow) return enqueue(callback);
  if (!deliveringNow) {
    // Every view a store notifies in this task goes now too: React renders them all in one commit, in a
    // microtask. After that the frame counts as updated.
    deliveringNow = true;
    queueMicrotask(() => {
      deliveringNow = false;
    });
  }
  waiting.add(callback);
  deliverWaiting();
  return undefined;
}

import { requestFrame } from './raf-counter.ts';

/**
 * Animation frames as the page sees them: a `requestAnimationFrame` loop records each frame's start time,
 * and commits are put in the frame whose interval (this frame's start up to the next one's) holds them.
 */
export interface FrameClock {
  /** Stops the loop; the start times of the frames seen. */
  stop(): number[];
}

export function startFrameClock(): FrameClock {
  const frames: number[] = [];
  let running = true;
  const tick = () => {
    if (!running) return;
    // When this callback runs, not the callback's timestamp: Chromium stamps a frame with its scheduled
    // begin time, which can be later than \`performance.now()\` in the frame's own callbacks, and a commit
    // made in this frame would then count in the one before.
    frames.push(performance.now());
    requestFrame(tick);
  };
  requestFrame(tick);
  return {
    stop() {
      running = false;
      return frames;
    },
  };
}

/** How many of `times` fall in each frame interval; times before the first frame count in a bucket of their own. */
export function countPerFrame(frames: readonly number[], times: readonly number[]): number[] {
  const counts = new Array<number>(frames.length + 1).fill(0);
  let frame = -1;
  for (const time of [...times].sort((a, b) => a - b)) {
    while (frame + 1 < frames.length && frames[frame + 1]! <= time) frame++;
    counts[frame + 1]!++;
  }
  return counts;
}

/** The index of the frame whose interval holds `time`; -1 before the first frame. */
export function frameOf(frames: readonly number[], time: number): number {
  let low = 0;
  let high = frames.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (frames[middle]! <= time) low = middle + 1;
    else high = middle;
  }
  return low - 1;
}

export function nextFrames(count: number): Promise<void> {
  return new Promise((resolve) => {
    let left = count;
    const step = () => (--left <= 0 ? resolve() : requestFrame(step));
    requestFrame(step);
  });
}

/** The next frame, then a task after it: the frame holding the latest DOM has been produced. */
export function afterNextPaint(): Promise<void> {
  return new Promise((resolve) =>
    requestFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve();
      channel.port2.postMessage(undefined);
    }),
  );
}

/** Resolves once `condition` holds, checked after every DOM mutation under `root` (and at once). */
export function whenDom(root: Node, condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  return new Promise((resolve, reject) => {
    if (condition()) {
      resolve();
      return;
    }
    const timer = setTimeout(() => {
      observer.disconnect();
      reject(new Error(`The DOM did not reach the expected state within ${timeoutMs} ms.`));
    }, timeoutMs);
    const observer = new MutationObserver(() => {
      if (!condition()) return;
      observer.disconnect();
      clearTimeout(timer);
      resolve();
    });
    observer.observe(root, { childList: true, subtree: true, attributes: true, characterData: true });
  });
}

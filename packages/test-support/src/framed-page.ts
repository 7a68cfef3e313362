import { createFrameScheduler, type FrameScheduler } from '@stepline/client';

/** A frame scheduler on a page whose animation frames come only when the test calls `runFrame`. */
export interface FramedPage {
  readonly frames: FrameScheduler;
  /** The frame callbacks asked for and not run yet. */
  readonly requests: (() => void)[];
  /** Runs the frame that was asked for, as the browser would at its next paint. */
  runFrame(): void;
}

/**
 * A page whose frames run only when the test says so: what a store or a binding does between two frames
 * can be looked at, without timers.
 *
 * @example
 * const { frames, runFrame } = framedPage();
 * const store = createRunStore({ frames });
 * runFrame();
 */
export function framedPage(): FramedPage {
  const frames = createFrameScheduler();
  const requests: (() => void)[] = [];
  frames.setFrameRequest((callback) => {
    requests.push(callback);
    return () => {};
  });
  const runFrame = () => {
    for (const callback of requests.splice(0)) callback();
  };
  return { frames, requests, runFrame };
}

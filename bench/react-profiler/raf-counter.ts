/**
 * Counts the `requestAnimationFrame` calls the page makes (the library's frame throttle), by wrapping the
 * browser's function before anything else runs. The harness's own frame clock uses the unwrapped one.
 */
const native = window.requestAnimationFrame.bind(window);
let calls = 0;

window.requestAnimationFrame = (callback: FrameRequestCallback) => {
  calls++;
  return native(callback);
};

/** `requestAnimationFrame` as the browser has it, uncounted. */
export const requestFrame: (callback: FrameRequestCallback) => number = native;

/** Calls made through `window.requestAnimationFrame` so far. */
export function animationFrameRequests(): number {
  return calls;
}

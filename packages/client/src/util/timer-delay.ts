/**
 * The longest delay `setTimeout` honours: 2^31-1 ms (about 24.8 days). A longer one overflows and fires
 * after 1 ms, which turns any "wait a long time" into a hot loop.
 */
export const maxTimerDelayMs = 2 ** 31 - 1;

/** A delay `setTimeout` will really wait: not negative, not NaN, not past the overflow. */
export function clampTimerDelay(ms: number): number {
  if (!(ms > 0)) return 0;
  return Math.min(ms, maxTimerDelayMs);
}

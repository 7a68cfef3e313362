import { SteplineError } from '../util/stepline-error';
import { clampTimerDelay } from '../util/timer-delay';

/**
 * When each signal `withDeadline` gave to its read gives up (a `Date.now()` time), while that read is
 * going on. A read of the stored run is bounded twice: by the controller's `readTimeoutMs` and, inside
 * it, by the transport's `timeoutMs`. When the outer limit comes first (or at the same time), the inner
 * one could only fire after the read was given up, so it is not set: no second `AbortController`, timer
 * and race per read (three reads per run attached).
 */
const deadlines = new WeakMap<AbortSignal, number>();

/**
 * Runs one read with a time limit: past `timeoutMs` its signal aborts and the promise rejects with a
 * `network` error, even when the read ignores the signal (a stalled proxy, a client library that takes
 * none). `outer` aborting aborts the read too. `timeoutMs` of 0 (or not finite) means no limit.
 *
 * @example
 * const snapshot = await withDeadline(15_000, 'GET /workflows/w/runs/r1', signal, (bounded) =>
 *   transport.getRun(run, { signal: bounded }),
 * );
 */
export async function withDeadline<T>(
  timeoutMs: number,
  what: string,
  outer: AbortSignal | undefined,
  read: (signal: AbortSignal) => Promise<T>,
  context: { readonly runId?: string } = {},
): Promise<T> {
  const limited = timeoutMs > 0 && Number.isFinite(timeoutMs);
  const outerDeadline = outer && deadlines.get(outer);
  // Within a read that gives up no later than this one would: its limit and its abort are this one's.
  if (limited && outerDeadline !== undefined && outerDeadline <= Date.now() + timeoutMs) return read(outer!);
  const controller = new AbortController();
  const onAbort = () => controller.abort(outer?.reason);
  if (outer?.aborted) controller.abort(outer.reason);
  else outer?.addEventListener('abort', onAbort, { once: true });
  if (!limited) {
    try {
      return await read(controller.signal);
    } finally {
      outer?.removeEventListener('abort', onAbort);
    }
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new SteplineError(
        'network',
        `${what} did not answer within ${timeoutMs} ms; it was given up.`,
        context.runId === undefined ? {} : { runId: context.runId },
      );
      // Rejected first, so the caller sees the time limit rather than the abort it causes.
      reject(error);
      controller.abort(error);
    }, clampTimerDelay(timeoutMs));
  });
  deadlines.set(controller.signal, Date.now() + timeoutMs);
  try {
    return await Promise.race([read(controller.signal), expired]);
  } finally {
    clearTimeout(timer);
    outer?.removeEventListener('abort', onAbort);
    // A signal kept past its read bounds nothing any more.
    deadlines.delete(controller.signal);
  }
}

import { SteplineError } from '../util/stepline-error';
import { clampTimerDelay } from '../util/timer-delay';

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
  const controller = new AbortController();
  const onAbort = () => controller.abort(outer?.reason);
  if (outer?.aborted) controller.abort(outer.reason);
  else outer?.addEventListener('abort', onAbort, { once: true });
  if (!(timeoutMs > 0) || !Number.isFinite(timeoutMs)) {
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
  try {
    return await Promise.race([read(controller.signal), expired]);
  } finally {
    clearTimeout(timer);
    outer?.removeEventListener('abort', onAbort);
  }
}

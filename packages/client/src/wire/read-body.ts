import { SteplineError } from '../util/stepline-error';

/**
 * Reads a response body to its end, handing over each piece as it arrives. A body that breaks off becomes
 * a `network` error and one closed by `signal` an `aborted` error, after every piece that arrived before
 * was delivered.
 *
 * @example
 * await readBody(response.body!, (bytes) => parser.push(bytes), signal);
 */
export async function readBody<T>(
  body: ReadableStream<T>,
  onValue: (value: T) => void,
  signal: AbortSignal | undefined,
): Promise<void> {
  const reader = body.getReader();
  const onAbort = () => void reader.cancel().catch(() => {});
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    for (;;) {
      let result: Awaited<ReturnType<typeof reader.read>>;
      try {
        result = await reader.read();
      } catch (cause) {
        if (signal?.aborted)
          throw new SteplineError('aborted', 'The stream was closed by the client.', { cause });
        throw new SteplineError(
          'network',
          `The stream broke off: ${(cause as Error)?.message ?? String(cause)}`,
          {
            cause,
          },
        );
      }
      if (result.done) break;
      onValue(result.value);
    }
    if (signal?.aborted) throw new SteplineError('aborted', 'The stream was closed by the client.');
  } finally {
    signal?.removeEventListener('abort', onAbort);
    reader.releaseLock();
  }
}

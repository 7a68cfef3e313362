// Steps stand in for real work with a short wait. Like real work that honours the run's abort signal
// (a fetch with `signal`), the wait rejects with an AbortError when the run is canceled, so the
// canceled step ends `failed` on the stream right away instead of finishing its work.
export function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const abort = () => {
      clearTimeout(timer);
      reject(new DOMException('The run was canceled', 'AbortError'));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', abort);
      resolve();
    }, ms);
    if (signal?.aborted) abort();
    else signal?.addEventListener('abort', abort, { once: true });
  });
}

/**
 * Resolves once `predicate` holds for the value a subscribable holds, checking on every change; rejects
 * with what it last saw after `timeoutMs`. Tests wait on state, never on the clock.
 */
export function waitFor<T>(
  source: { subscribe(listener: () => void): () => void; getSnapshot(): T },
  predicate: (value: T) => boolean,
  timeoutMs = 15_000,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const value = source.getSnapshot();
      if (!predicate(value)) return false;
      cleanup();
      resolve(value);
      return true;
    };
    const unsubscribe = source.subscribe(() => void check());
    const timer = setTimeout(() => {
      cleanup();
      const seen = source.getSnapshot() as { status?: unknown };
      reject(new Error(`waitFor timed out after ${timeoutMs} ms; last status: ${String(seen?.status)}`));
    }, timeoutMs);
    function cleanup() {
      clearTimeout(timer);
      unsubscribe();
    }
    check();
  });
}

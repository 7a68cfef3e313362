import { useRef, useSyncExternalStore } from 'react';

/**
 * `useSyncExternalStore` with a selector: the component re-renders only when the selected part changes.
 * The last answer is kept for the last snapshot, so React sees a stable value between changes, and an
 * answer `isEqual` to the previous one keeps the previous one's identity.
 *
 * @example
 * const status = useSelectedSnapshot(store.subscribe, store.getSnapshot, (run) => run.status);
 */
export function useSelectedSnapshot<S, T>(
  subscribe: (onChange: () => void) => () => void,
  getSnapshot: () => S,
  selector: (snapshot: S) => T,
  isEqual: (a: T, b: T) => boolean = Object.is,
): T {
  const cache = useRef<{ snapshot: S; value: T } | undefined>(undefined);
  const select = () => {
    const snapshot = getSnapshot();
    const cached = cache.current;
    if (cached && cached.snapshot === snapshot) return cached.value;
    const value = selector(snapshot);
    if (cached && isEqual(cached.value, value)) {
      cache.current = { snapshot, value: cached.value };
      return cached.value;
    }
    cache.current = { snapshot, value };
    return value;
  };
  return useSyncExternalStore(subscribe, select, select);
}

import { useRef, useSyncExternalStore } from 'react';

/**
 * `useSyncExternalStore` with a selector: the component re-renders only when the selected part changes.
 * The answer is kept for the snapshot and for what the selector reads besides the snapshot: `deps` when
 * given (`[stepId]`), else the selector itself. Keyed by the snapshot alone, a selector that closes over
 * a prop answered for the old prop until the store changed (`useRunStep('a')`, then `useRunStep('b')`,
 * gave step `a` again); keyed by the selector alone, an inline selector would run on every render. An
 * answer `isEqual` to the previous one keeps the previous one's identity.
 *
 * @example
 * const status = useSelectedSnapshot(store.subscribe, store.getSnapshot, (run) => run.status);
 * const step = useSelectedSnapshot(store.subscribe, store.getSnapshot, (run) => run.steps.get(id), Object.is, [id]);
 */
export function useSelectedSnapshot<S, T>(
  subscribe: (onChange: () => void) => () => void,
  getSnapshot: () => S,
  selector: (snapshot: S) => T,
  isEqual: (a: T, b: T) => boolean = Object.is,
  deps?: readonly unknown[],
): T {
  const cache = useRef<{ snapshot: S; key: readonly unknown[] | ((snapshot: S) => T); value: T } | undefined>(
    undefined,
  );
  const key = deps ?? selector;
  const select = () => {
    const snapshot = getSnapshot();
    const cached = cache.current;
    if (cached && cached.snapshot === snapshot && sameKey(cached.key, key)) return cached.value;
    const value = selector(snapshot);
    if (cached && isEqual(cached.value, value)) {
      cache.current = { snapshot, key, value: cached.value };
      return cached.value;
    }
    cache.current = { snapshot, key, value };
    return value;
  };
  return useSyncExternalStore(subscribe, select, select);
}

function sameKey<S, T>(
  a: readonly unknown[] | ((snapshot: S) => T),
  b: readonly unknown[] | ((snapshot: S) => T),
): boolean {
  if (a === b) return true;
  if (typeof a === 'function' || typeof b === 'function') return false;
  return a.length === b.length && a.every((value, index) => Object.is(value, b[index]));
}

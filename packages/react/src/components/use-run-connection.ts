import type { ConnectionState } from '@stepline/client';
import { useRef, useSyncExternalStore } from 'react';
import { useRunController } from '../run-scope';

/**
 * Part of the connection of the run in scope (live, reconnecting (attempt n), polling, offline…, a cancel
 * or resumes in flight). The component re-renders only when that part changes: `lastEventAt` moves with
 * every network chunk, so select what you show.
 * @example
 * const status = useRunConnection((connection) => connection.status);
 */
export function useRunConnection<T = ConnectionState>(
  selector: (connection: ConnectionState) => T = (connection) => connection as T,
  isEqual: (a: T, b: T) => boolean = Object.is,
): T {
  const controller = useRunController('useRunConnection');
  const cache = useRef<{ state: ConnectionState; value: T } | undefined>(undefined);
  const select = () => {
    const state = controller.connection.getSnapshot();
    const cached = cache.current;
    if (cached && cached.state === state) return cached.value;
    const value = selector(state);
    if (cached && isEqual(cached.value, value)) {
      cache.current = { state, value: cached.value };
      return cached.value;
    }
    cache.current = { state, value };
    return value;
  };
  return useSyncExternalStore(controller.connection.subscribe, select, select);
}

import type { ConnectionState } from '@stepline/client';
import { useRunController } from '../run-scope';
import { useSelectedSnapshot } from './use-selected-snapshot';

/**
 * Part of the connection of the run in scope (live, reconnecting (attempt n), polling, offline…, a cancel
 * or resumes in flight). The component re-renders only when that part changes.
 * @example
 * const status = useRunConnection((connection) => connection.status);
 */
export function useRunConnection<T = ConnectionState>(
  selector: (connection: ConnectionState) => T = (connection) => connection as T,
  isEqual: (a: T, b: T) => boolean = Object.is,
): T {
  const controller = useRunController('useRunConnection');
  // The connection store delivers through the client's frame lane: at once, or with the frame's commit
  // when the page already updated in this frame.
  return useSelectedSnapshot(
    controller.connection.subscribe,
    controller.connection.getSnapshot,
    selector,
    isEqual,
  );
}

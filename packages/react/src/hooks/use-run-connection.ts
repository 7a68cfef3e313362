import type { ConnectionState } from '@stepline/client';
import { throttledSubscriptions } from '../frame-throttled-subscribe';
import { useRunController } from '../run-scope';
import { useSelectedSnapshot } from './use-selected-snapshot';

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
  // Through the page's frame schedule like the run itself: a status change goes at once (or with the
  // frame's commit), and a connection change is never a commit of its own in the middle of a frame.
  const subscribe = throttledSubscriptions(controller).connection;
  return useSelectedSnapshot(subscribe, controller.connection.getSnapshot, selector, isEqual);
}

import type { ConnectionState, RunController, RunState } from '@stepline/client';
import { nowOrNextFrame, onNextFrame } from './shared-frame';

type Subscribe = (onChange: () => void) => () => void;

/**
 * Wraps a run store's `subscribe` so React commits at most once per animation frame under an event flood,
 * while a change of the run's status (or of anything `isUrgent` says) is delivered at once when the page
 * has not updated in this frame yet, and at the next frame otherwise. Every subscription shares one frame
 * schedule (`shared-frame`), so all views of a page update in the same commit.
 *
 * @example
 * const subscribe = frameThrottledSubscribe(store.subscribe, store.getSnapshot);
 * useSyncExternalStore(subscribe, store.getSnapshot, store.getSnapshot);
 */
export function frameThrottledSubscribe<T = RunState>(
  subscribe: Subscribe,
  getSnapshot: () => T,
  isUrgent: (previous: T, next: T) => boolean = runStatusChanged as unknown as (
    previous: T,
    next: T,
  ) => boolean,
): Subscribe {
  return (onChange) => {
    let delivered = getSnapshot();
    let cancelFrame: (() => void) | undefined;
    const deliver = () => {
      cancelFrame = undefined;
      delivered = getSnapshot();
      onChange();
    };
    const unsubscribe = subscribe(() => {
      const next = getSnapshot();
      if (next === delivered) return;
      if (isUrgent(delivered, next)) {
        // At once, unless the page already updated in this frame: a frame later at most.
        cancelFrame?.();
        cancelFrame = nowOrNextFrame(deliver);
        return;
      }
      // `deliver` may run at once (joining an urgent delivery of this task); it clears `cancelFrame` itself.
      if (cancelFrame === undefined) cancelFrame = onNextFrame(deliver);
    });
    return () => {
      cancelFrame?.();
      unsubscribe();
    };
  };
}

function runStatusChanged(previous: RunState, next: RunState): boolean {
  return previous.status !== next.status;
}

/** Everything but `lastEventAt` (which moves with every network chunk) is worth a render at once. */
export function connectionChanged(previous: ConnectionState, next: ConnectionState): boolean {
  return (
    previous.status !== next.status ||
    previous.attempt !== next.attempt ||
    previous.error !== next.error ||
    previous.cancelling !== next.cancelling ||
    previous.resuming !== next.resuming
  );
}

const throttled = new WeakMap<RunController, { run: Subscribe; connection: Subscribe }>();

/**
 * A run controller's two subscriptions through the page's frame schedule: the run (its status at once)
 * and the connection (everything but `lastEventAt` at once). One pair per controller, for every hook.
 *
 * @example
 * const run = useSyncExternalStore(throttledSubscriptions(controller).run, controller.store.getSnapshot);
 */
export function throttledSubscriptions(controller: RunController): { run: Subscribe; connection: Subscribe } {
  let subscriptions = throttled.get(controller);
  if (!subscriptions) {
    subscriptions = {
      run: frameThrottledSubscribe(controller.store.subscribe, controller.store.getSnapshot),
      connection: frameThrottledSubscribe(
        controller.connection.subscribe,
        controller.connection.getSnapshot,
        connectionChanged,
      ),
    };
    throttled.set(controller, subscriptions);
  }
  return subscriptions;
}

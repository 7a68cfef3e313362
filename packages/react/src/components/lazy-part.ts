import { frameScheduler } from '@stepline/client';
import { useEffect, useSyncExternalStore } from 'react';

/** A module loaded on first use or ahead of it (`preload`), readable synchronously once loaded. */
export interface LazyPart<T> {
  readonly preload: () => Promise<T>;
  readonly get: () => T | undefined;
  /** What the last try to load it failed with (a chunk gone after a deploy, the network down); cleared by the next try. */
  readonly failure: () => unknown;
  /** Called once the module has loaded, when a try fails, and when a failed one is tried again. */
  readonly subscribe: (listener: () => void) => () => void;
}

/**
 * A module loaded on first use or ahead of it (`preload`), readable synchronously once loaded: a part
 * mounted after that renders at once instead of showing its fallback for a tick.
 *
 * @example
 * const jsonTree = lazyPart(() => import('./json-tree'));
 * jsonTree.preload(); // when it will likely be needed
 * const loaded = jsonTree.get(); // the module, or undefined
 */
export function lazyPart<T>(load: () => Promise<T>): LazyPart<T> {
  let loaded: T | undefined;
  let pending: Promise<T> | undefined;
  let failure: unknown;
  const listeners = new Set<() => void>();
  const notify = () => {
    for (const listener of [...listeners]) listener();
  };
  const preload = () => {
    if (pending) return pending;
    pending = load().then(
      (module) => {
        loaded = module;
        notify();
        return module;
      },
      (error: unknown) => {
        // A failed download (a deploy replaced the chunk, the network dropped) may be tried again; until
        // then whoever waits for the part is told, instead of showing its stand-in for ever.
        pending = undefined;
        failure = error ?? new Error('The part did not load');
        notify();
        throw error;
      },
    );
    if (failure !== undefined) {
      failure = undefined;
      notify();
    }
    return pending;
  };
  const subscribe = (listener: () => void) => {
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  };
  return { preload, get: () => loaded, failure: () => failure, subscribe };
}

/**
 * The part's module once loaded (fetched when this mounts), `undefined` until then: the caller draws a
 * stand-in meanwhile. `undefined` on the server and while hydrating, so the server's HTML (the stand-in)
 * and the first client render agree; no Suspense boundary, so nothing is switched to client rendering.
 */
export function useLazyPart<T>(part: LazyPart<T>): T | undefined {
  const loaded = useSyncExternalStore(framed(part), part.get, notLoaded);
  useEffect(() => {
    part.preload().catch(() => {});
  }, [part]);
  return loaded;
}

const notLoaded = () => undefined;

/**
 * Why the part's last try to load failed, `undefined` while none did (or a new try is under way): the
 * caller shows it with a way to try again (`part.preload()`), as a part that will not come must not
 * leave its stand-in ("Loading…") up for good.
 */
export function useLazyPartFailure(part: LazyPart<unknown>): unknown {
  return useSyncExternalStore(framed(part), part.failure, notLoaded);
}

const framedSubscribes = /* @__PURE__ */ new WeakMap<
  LazyPart<unknown>,
  (listener: () => void) => () => void
>();

/**
 * The part's subscribe, its news delivered in the page's frame lane: the part drawn in place of its
 * stand-in joins the run's commit of that frame instead of being a commit of its own (under a flood,
 * a second commit in the frame).
 */
function framed<T>(part: LazyPart<T>): (listener: () => void) => () => void {
  let subscribe = framedSubscribes.get(part);
  if (!subscribe) {
    subscribe = (listener) => {
      let cancel: (() => void) | undefined;
      const unsubscribe = part.subscribe(() => {
        cancel = frameScheduler.schedule(listener);
      });
      return () => {
        unsubscribe();
        cancel?.();
      };
    };
    framedSubscribes.set(part, subscribe);
  }
  return subscribe;
}

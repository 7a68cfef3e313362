/**
 * A module loaded on first use or ahead of it (`preload`), readable synchronously once loaded: a part
 * mounted after that renders at once instead of showing its fallback for a tick.
 *
 * @example
 * const jsonTree = lazyPart(() => import('./json-tree'));
 * jsonTree.preload(); // when it will likely be needed
 * const loaded = jsonTree.get(); // the module, or undefined
 */
export function lazyPart<T>(load: () => Promise<T>): {
  readonly preload: () => Promise<T>;
  readonly get: () => T | undefined;
} {
  let loaded: T | undefined;
  let pending: Promise<T> | undefined;
  const preload = () => {
    pending ??= load().then(
      (module) => {
        loaded = module;
        return module;
      },
      (error: unknown) => {
        // A failed download (a deploy replaced the chunk, the network dropped) may be tried again.
        pending = undefined;
        throw error;
      },
    );
    return pending;
  };
  return { preload, get: () => loaded };
}

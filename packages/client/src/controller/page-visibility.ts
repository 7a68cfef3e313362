/**
 * Whether the page is shown, for a controller that stops polling while nobody can see it. Browsers give
 * it through `document.visibilityState`; Node and workers have no page, so nothing is ever hidden there.
 */
export interface PageVisibility {
  isHidden(): boolean;
  /** Called whenever the visibility changes; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
}

/**
 * The page's own visibility when there is a `document`, else undefined (always visible).
 * @example
 * const visibility = documentVisibility();
 * visibility?.subscribe(() => console.log(visibility.isHidden() ? 'hidden' : 'shown'));
 */
export function documentVisibility(): PageVisibility | undefined {
  // Described by shape: the client is built without the DOM's types.
  const doc = (globalThis as { document?: VisibilityDocument }).document;
  if (!doc || typeof doc.addEventListener !== 'function' || !('visibilityState' in doc)) return undefined;
  return {
    isHidden: () => doc.visibilityState === 'hidden',
    subscribe(listener) {
      doc.addEventListener('visibilitychange', listener);
      return () => doc.removeEventListener('visibilitychange', listener);
    },
  };
}

interface VisibilityDocument {
  readonly visibilityState: string;
  addEventListener(type: 'visibilitychange', listener: () => void): void;
  removeEventListener(type: 'visibilitychange', listener: () => void): void;
}

import { lazy, Suspense, useState } from 'react';
import type { JsonTreeProps } from './json-tree';
import { lazyPart } from './lazy-part';

// The JSON tree is only drawn after a click (the inspector, a round's payloads) or once a run failed, never
// on the server: its code is a chunk of its own, outside a run view's first load, fetched once the page
// is idle (`preloadJsonTree`) or when first drawn.
const jsonTree = /* @__PURE__ */ lazyPart(() => import('./json-tree'));
const JsonTreeChunk = /* @__PURE__ */ lazy(() =>
  jsonTree.preload().then((module) => ({ default: module.JsonTree })),
);

/** Fetches the JSON tree's chunk when the browser is idle. */
export function preloadJsonTree(): void {
  const idle = typeof requestIdleCallback === 'function' ? requestIdleCallback : setTimeout;
  idle(() => void jsonTree.preload().catch(() => {}));
}

/** `JsonTree`, loaded on first use; its label shows while the code loads. */
export function LazyJsonTree(props: JsonTreeProps) {
  // Chosen once per tree: switching from the lazy element to the loaded one would remount it (and fold it).
  const [loaded] = useState(jsonTree.get);
  if (loaded) return <loaded.JsonTree {...props} />;
  return (
    <Suspense
      fallback={
        <section className="stepline-json stepline-json--tree" aria-busy="true">
          <div className="stepline-json__head">
            <h4 className="stepline-json__label">{props.label}</h4>
          </div>
        </section>
      }
    >
      <JsonTreeChunk {...props} />
    </Suspense>
  );
}

import { lazy, Suspense } from 'react';
import type { JsonTreeProps } from './json-tree';

// The JSON tree is only drawn after a click (the inspector, a round's payloads) or once a run failed, never
// on the server: its code is a chunk of its own, so a view of runs does not load it before that.
const JsonTreeChunk = /* @__PURE__ */ lazy(() =>
  import('./json-tree').then((module) => ({ default: module.JsonTree })),
);

/** `JsonTree`, loaded on first use; its label shows while the code loads. */
export function LazyJsonTree(props: JsonTreeProps) {
  return (
    <Suspense fallback={<p className="stepline-json__label">{props.label}</p>}>
      <JsonTreeChunk {...props} />
    </Suspense>
  );
}

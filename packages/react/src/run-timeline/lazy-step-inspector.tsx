import type { StepState } from '@stepline/client';
import { type ReactNode, useEffect, useSyncExternalStore } from 'react';
import { useLazyPart } from '../components/lazy-part';
import type { InspectorStore } from './inspector-store';
import { preloadStepDetails, stepDetails } from './lazy-step-details';

// The inspector (with its JSON trees) shows only once a person opens a step, or a run failed: it is in
// the timeline's lazy chunk, fetched once the page is idle or when first opened.

interface StepInspectorProps {
  readonly store: InspectorStore;
  readonly renderInspector?: ((step: StepState) => ReactNode) | undefined;
}

/** The step inspector, loaded on first use; nothing while no step is inspected. */
export function LazyStepInspector(props: StepInspectorProps) {
  const { store } = props;
  const open = useSyncExternalStore(store.subscribe, () => store.getSelected() !== undefined, closed);
  useEffect(() => {
    const idle = typeof requestIdleCallback === 'function' ? requestIdleCallback : setTimeout;
    idle(preloadStepDetails);
  }, []);
  return open ? <InspectorSlot {...props} /> : null;
}

function InspectorSlot(props: StepInspectorProps) {
  const loaded = useLazyPart(stepDetails);
  if (loaded) return <loaded.StepInspector {...props} />;
  // The panel's own box, so the list is laid out beside it (or under the sheet) once, not twice.
  return (
    <div className="stepline-inspector" role="status" aria-busy="true">
      <p className="stepline-inspector__note">Loading the step’s details…</p>
    </div>
  );
}

const closed = () => false;

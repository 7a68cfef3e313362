import { useSyncExternalStore } from 'react';

/**
 * Which step the inspector shows. Kept outside React state so that selecting a step re-renders the two
 * rows whose selection changed and the inspector, not every row of the list.
 */
export class InspectorStore {
  #selected: string | undefined;
  readonly #listeners = new Set<() => void>();

  subscribe = (listener: () => void) => {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  };

  getSelected = () => this.#selected;

  select(stepId: string | undefined) {
    if (stepId === this.#selected) return;
    this.#selected = stepId;
    for (const listener of [...this.#listeners]) listener();
  }
}

export function useInspectedStep(store: InspectorStore | undefined): string | undefined {
  return useSyncExternalStore(store?.subscribe ?? noSubscribe, store?.getSelected ?? nothing, nothing);
}

/** Whether `stepId` is the one inspected: a row re-renders when this flips, not when another row is picked. */
export function useIsInspected(store: InspectorStore | undefined, stepId: string): boolean {
  const isSelected = () => store?.getSelected() === stepId;
  return useSyncExternalStore(store?.subscribe ?? noSubscribe, isSelected, never);
}

const noSubscribe = () => () => {};
const nothing = () => undefined;
const never = () => false;

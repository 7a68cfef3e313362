import { useSyncExternalStore } from 'react';

/**
 * Which step the inspector shows. Kept outside React state so that selecting a step re-renders the two
 * rows whose selection changed and the inspector, not every row of the list.
 */
export class InspectorStore {
  #selected: string | undefined;
  #focus = true;
  readonly #listeners = new Set<() => void>();

  subscribe = (listener: () => void) => {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  };

  getSelected = () => this.#selected;

  /** The latest selection asked for focus (a person picked the step). */
  wantsFocus = () => this.#focus;

  /** `focus: false` opens it without moving focus (the view opening the failing step by itself). */
  select(stepId: string | undefined, options: { readonly focus?: boolean } = {}) {
    if (stepId === this.#selected) return;
    this.#selected = stepId;
    this.#focus = options.focus ?? true;
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

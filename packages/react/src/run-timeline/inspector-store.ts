import { useSyncExternalStore } from 'react';

/** What the inspector shows: a step, or one round of it (a loop's row). */
export interface InspectorSelection {
  /** The row it was opened from (focus goes back there); the step id for a step outside loops. */
  readonly rowKey: string;
  readonly stepId: string;
  /** The round's execution (`StepExecution.key`), for a row of a loop's round. */
  readonly execution?: string | undefined;
  readonly round?: number | undefined;
}

/**
 * Which step the inspector shows. Kept outside React state so that selecting a step re-renders the two
 * rows whose selection changed and the inspector, not every row of the list.
 */
export class InspectorStore {
  #selected: InspectorSelection | undefined;
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

  /**
   * A step id selects the step as a whole; a selection names a row (a loop's round). `focus: false` opens
   * it without moving focus (the view opening the failing step by itself).
   */
  select(selection: InspectorSelection | string | undefined, options: { readonly focus?: boolean } = {}) {
    const next = typeof selection === 'string' ? { rowKey: selection, stepId: selection } : selection;
    if (next?.rowKey === this.#selected?.rowKey) return;
    this.#selected = next;
    this.#focus = options.focus ?? true;
    for (const listener of [...this.#listeners]) listener();
  }
}

export function useInspectedStep(store: InspectorStore | undefined): InspectorSelection | undefined {
  return useSyncExternalStore(store?.subscribe ?? noSubscribe, store?.getSelected ?? nothing, nothing);
}

/** Whether the row `rowKey` is the one inspected: a row re-renders when this flips, not when another is picked. */
export function useIsInspected(store: InspectorStore | undefined, rowKey: string): boolean {
  const isSelected = () => store?.getSelected()?.rowKey === rowKey;
  return useSyncExternalStore(store?.subscribe ?? noSubscribe, isSelected, never);
}

const noSubscribe = () => () => {};
const nothing = () => undefined;
const never = () => false;

import { type TrieEdit, type TrieNode, trieForEach, trieGet, trieSet } from '../util/hash-trie';
import type { StepStatus } from './run-event';
import type { StepState } from './step-state';

export type StepStatusCounts = Readonly<Record<StepStatus, number>>;

const noSteps: StepStatusCounts = {
  pending: 0,
  running: 0,
  waiting: 0,
  suspended: 0,
  paused: 0,
  success: 0,
  failed: 0,
  bailed: 0,
  canceled: 0,
  skipped: 0,
  tripwire: 0,
  unknown: 0,
};

/**
 * A run's steps by full id: an immutable `ReadonlyMap` that a new state shares with the one before it,
 * all but the steps that changed. Adding or changing a step costs the same in a run of 10 steps as in one
 * of 10,000, where copying a plain record would cost a full copy per batch of events.
 *
 * Iteration is in no particular order (the same for the same ids); `state.stepIds` holds the start order,
 * and `selectSteps(state)` the steps in it. `JSON.stringify` gives a plain `{ [id]: step }` record.
 *
 * @example
 * const review = state.steps.get('editorial-round.review');
 * if (review?.status === 'suspended') showApproval(review.suspendPayload);
 */
export interface StepMap extends ReadonlyMap<string, StepState> {
  /** How many steps have this status now, without a pass over them. */
  countOf(status: StepStatus): number;
  /** A plain record, for `JSON.stringify` and logs. */
  toJSON(): Record<string, StepState>;
}

/** The steps of a run nothing is known about yet. */
export function emptyStepMap(): StepMap {
  return PersistentStepMap.empty;
}

export const StepMap: {
  /** The steps of a run nothing is known about yet. */
  readonly empty: StepMap;
  /**
   * A map of the given steps, e.g. to build a state by hand in a test or a story.
   * @example
   * const state = { ...createRunState(), steps: StepMap.of([outline, draft]), stepIds: ['outline', 'draft'] };
   */
  of(steps: Iterable<StepState> | Readonly<Record<string, StepState>>): StepMap;
} = {
  get empty() {
    return PersistentStepMap.empty;
  },
  of(steps) {
    const editor = new StepMapEditor(PersistentStepMap.empty);
    const values = Symbol.iterator in steps ? steps : Object.values(steps);
    for (const step of values as Iterable<StepState>) {
      const existing = editor.get(step.id);
      editor.set(step, existing, existing === undefined);
    }
    return editor.finish();
  },
};

/** The reducer's way to change a map within one batch of events. */
export function editStepMap(map: StepMap): StepMapEditor {
  // A map built some other way (by hand, in a test) is copied into a trie first.
  return new StepMapEditor(
    map instanceof PersistentStepMap ? map : (StepMap.of(map.values()) as PersistentStepMap),
  );
}

class PersistentStepMap implements StepMap {
  static readonly empty = new PersistentStepMap(undefined, 0, noSteps);

  readonly #root: TrieNode<StepState> | undefined;
  readonly #size: number;
  readonly #counts: StepStatusCounts;

  constructor(root: TrieNode<StepState> | undefined, size: number, counts: StepStatusCounts) {
    this.#root = root;
    this.#size = size;
    this.#counts = counts;
  }

  /** The trie, for the editor of the next batch (one accessor per part: this runs once per batch). */
  static rootOf(map: PersistentStepMap): TrieNode<StepState> | undefined {
    return map.#root;
  }

  static countsOf(map: PersistentStepMap): StepStatusCounts {
    return map.#counts;
  }

  get size(): number {
    return this.#size;
  }

  get(id: string): StepState | undefined {
    return trieGet(this.#root, id);
  }

  has(id: string): boolean {
    return this.get(id) !== undefined;
  }

  countOf(status: StepStatus): number {
    return this.#counts[status];
  }

  forEach(fn: (step: StepState, id: string, map: ReadonlyMap<string, StepState>) => void, thisArg?: unknown) {
    trieForEach(this.#root, (step, id) => fn.call(thisArg, step, id, this));
  }

  *entries(): MapIterator<[string, StepState]> {
    const entries: [string, StepState][] = [];
    trieForEach(this.#root, (step, id) => entries.push([id, step]));
    yield* entries;
  }

  *keys(): MapIterator<string> {
    for (const [id] of this.entries()) yield id;
  }

  *values(): MapIterator<StepState> {
    for (const [, step] of this.entries()) yield step;
  }

  [Symbol.iterator](): MapIterator<[string, StepState]> {
    return this.entries();
  }

  get [Symbol.toStringTag](): string {
    return 'StepMap';
  }

  toJSON(): Record<string, StepState> {
    const record: Record<string, StepState> = {};
    trieForEach(this.#root, (step, id) => {
      record[id] = step;
    });
    return record;
  }
}

/**
 * Changes to a `StepMap` within one batch of events: the trie's nodes created by this editor are changed
 * in place, and the status counts are settled once at the end, from each touched step's status before and
 * after (the reducer changes the steps it owns in place, so a step's status may change after `set`).
 */
export class StepMapEditor {
  readonly #edit: TrieEdit = {};
  readonly #base: PersistentStepMap;
  #root: TrieNode<StepState> | undefined;
  #size: number;
  /**
   * Each step set in this batch, with its status before: id, status, id, status… An array, not a map: a
   * batch of one event (a stream read one event at a time) paid a map per batch. Made by the first set,
   * at its size: an empty array's first push reserved 16 slots, most of a one-event batch's allocation.
   */
  #touched: (string | StepStatus | undefined)[] | undefined;

  constructor(base: PersistentStepMap) {
    this.#base = base;
    this.#root = PersistentStepMap.rootOf(base);
    this.#size = base.size;
  }

  get(id: string): StepState | undefined {
    return trieGet(this.#root, id);
  }

  /**
   * `existing`: what the map holds for this id now (the caller has looked it up). `first`: this editor
   * has not set this id before (the reducer knows it without a set of ids: a step it set is one it owns).
   */
  set(step: StepState, existing: StepState | undefined, first: boolean): void {
    if (first) {
      if (this.#touched === undefined) this.#touched = [step.id, existing?.status];
      else this.#touched.push(step.id, existing?.status);
    }
    this.#root = trieSet(this.#root, this.#edit, step.id, step);
    if (existing === undefined) this.#size++;
  }

  finish(): PersistentStepMap {
    if (this.#root === PersistentStepMap.rootOf(this.#base)) return this.#base;
    const baseCounts = PersistentStepMap.countsOf(this.#base);
    // The counts are copied only when a status changed: a batch that only adds to running steps keeps them.
    let counts: Record<StepStatus, number> | undefined;
    const touched = this.#touched;
    for (let i = 0; touched !== undefined && i < touched.length; i += 2) {
      const before = touched[i + 1] as StepStatus | undefined;
      const after = this.get(touched[i]!)!.status;
      if (after === before) continue;
      counts ??= { ...baseCounts };
      if (before !== undefined) counts[before]--;
      counts[after]++;
    }
    return new PersistentStepMap(this.#root, this.#size, counts ?? baseCounts);
  }
}

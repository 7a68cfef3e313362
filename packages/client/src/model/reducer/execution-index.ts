import type { PersistentList } from '../../util/persistent-list';
import type { StepExecution } from '../run-state';

/**
 * What finding a fact's execution asks of a step's executions before it searches them: is this call id on
 * one of them, and how many could a new call id join (without a call id: from a stored run or a
 * `.foreach()`; or suspended: a resume). Without it, each round of a fast loop walked back through every
 * round started within the clock-skew tolerance (750 rounds of a loop that turns every 2 ms) for none.
 *
 * Only a step whose search went long has one (a loop turning faster than the tolerance): keeping one for
 * every step cost more than the searches it saves. Kept beside each list, as the content index is: an
 * older state keeps its own counts. One set of call ids grows with a step from state to state, so a list may see call
 * ids it does not hold (of a later state, or of another reduced from the same state): that only sends a
 * search the long way; a call id said to be absent is absent. A persistent set would copy nodes per id.
 */
export interface ExecutionIndex {
  readonly callIds: Set<string>;
  free: number;
}

const indexes = new WeakMap<PersistentList<StepExecution>, ExecutionIndex>();

/**
 * Executions within the tolerance a step's search walks before the step gets an index. So a list shorter
 * than this has none (a list grows or keeps its length from state to state), and is not looked up: most
 * steps run a few times, and two WeakMap lookups per event were a few percent of a step event's cost.
 */
export const searchedWithoutIndex = 32;

/** 1 if a fact with a new call id may join the execution, else 0. */
export function isFree(execution: StepExecution): number {
  return execution.callIds.length === 0 || execution.suspendedAt !== undefined ? 1 : 0;
}

/**
 * A batch's indexes by step id, changed in place as the batch goes and kept beside each step's last list
 * at its end: one WeakMap entry per step and batch (a WeakMap entry per event cost 11% of a run's time).
 */
export class BatchExecutionIndexes {
  /** Made by the first index the batch changes: most batches change none. */
  #byStep: Map<string, [PersistentList<StepExecution>, ExecutionIndex]> | undefined;

  /** The index of a step's executions, if the step has one. */
  get(stepId: string, executions: PersistentList<StepExecution>): ExecutionIndex | undefined {
    if (executions.length < searchedWithoutIndex) return undefined;
    const entry = this.#byStep?.get(stepId);
    return entry?.[0] === executions ? entry[1] : indexes.get(executions);
  }

  /** Gives a step an index from now on. */
  start(stepId: string, executions: PersistentList<StepExecution>): ExecutionIndex {
    const index: ExecutionIndex = { callIds: new Set(), free: 0 };
    for (const execution of executions) {
      for (const callId of execution.callIds) index.callIds.add(callId);
      index.free += isFree(execution);
    }
    this.#byStep ??= new Map();
    this.#byStep.set(stepId, [executions, index]);
    return index;
  }

  /** `next` is `previous` with one execution added or changed: gaining `callId`, its `free` changed by `free`. */
  update(
    stepId: string,
    previous: PersistentList<StepExecution>,
    next: PersistentList<StepExecution>,
    callId: string | undefined,
    free: number,
  ): void {
    if (previous.length < searchedWithoutIndex) return;
    let entry = this.#byStep?.get(stepId);
    if (entry?.[0] !== previous) {
      const index = indexes.get(previous);
      if (index === undefined) return;
      entry = [next, { ...index }];
      this.#byStep ??= new Map();
      this.#byStep.set(stepId, entry);
    }
    entry[0] = next;
    if (callId !== undefined) entry[1].callIds.add(callId);
    entry[1].free += free;
  }

  finish(): void {
    if (this.#byStep) for (const [executions, index] of this.#byStep.values()) indexes.set(executions, index);
  }
}

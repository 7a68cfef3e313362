import type { PersistentList } from '../../util/persistent-list';
import type { StepExecution } from '../run-state';

/**
 * What finding a fact's execution asks of a step's executions before it searches them: is this call id on
 * one of them, and how many could a new call id join (without a call id: from a stored run or a
 * `.foreach()`; or suspended: a resume). Without it, each round of a fast loop walked back through every
 * round started within the clock-skew tolerance (750 rounds of a loop that turns every 2 ms) for none.
 *
 * Kept beside each list, as the content index is: an older state keeps its own counts; a list built by
 * hand is indexed once. One set of call ids grows with a step from state to state, so a list may see call
 * ids it does not hold (of a later state, or of another reduced from the same state): that only sends a
 * search the long way; a call id said to be absent is absent. A persistent set would copy nodes per id.
 */
interface ExecutionIndex {
  readonly callIds: Set<string>;
  readonly free: number;
}

const indexes = new WeakMap<PersistentList<StepExecution>, ExecutionIndex>();

export function executionIndex(executions: PersistentList<StepExecution>): ExecutionIndex {
  let index = indexes.get(executions);
  if (!index) {
    const callIds = new Set<string>();
    let free = 0;
    for (const execution of executions) {
      for (const callId of execution.callIds) callIds.add(callId);
      free += isFree(execution);
    }
    index = { callIds, free };
    indexes.set(executions, index);
  }
  return index;
}

/** 1 if a fact with a new call id may join the execution, else 0. */
export function isFree(execution: StepExecution): number {
  return execution.callIds.length === 0 || execution.suspendedAt !== undefined ? 1 : 0;
}

/** `next` is `previous` with one execution added or changed: gaining `callId`, its `free` changed by `free`. */
export function indexExecutions(
  previous: PersistentList<StepExecution>,
  next: PersistentList<StepExecution>,
  callId: string | undefined,
  free: number,
): void {
  const { callIds, free: before } = executionIndex(previous);
  if (callId !== undefined) callIds.add(callId);
  indexes.set(next, { callIds, free: before + free });
}

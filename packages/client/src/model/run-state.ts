import { AppendOnlyList } from '../util/append-only-list';
import { PersistentList } from '../util/persistent-list';
import type { RunDataEvent, RunStatus, SerializedError } from './run-event';
import { emptyStepMap, type StepMap } from './step-map';

export type { StepExecution, StepProgress, StepProgressItem, StepState } from './step-state';

/** Facts about the run as a whole that the run status is derived from. */
export interface RunFacts {
  readonly started: boolean;
  readonly canceled: boolean;
  readonly paused: boolean;
  /**
   * A finish without a status was seen (the legacy prefix-less `finish` carries none): the run is over,
   * and its status is read from its steps.
   */
  readonly ended: boolean;
  /**
   * Each status a `workflow-finish` claimed, with the first result and error that came with it. Mastra
   * infers a segment's status from that segment alone, so these are weighed against the steps.
   */
  readonly finishes: Readonly<Partial<Record<RunStatus, RunFinishFact>>>;
  /** The status of the newest snapshot merged in, and when the server last wrote it. */
  readonly snapshotStatus: RunStatus | undefined;
  readonly snapshotUpdatedAt: number | undefined;
}

export interface RunFinishFact {
  readonly result: unknown;
  readonly error: SerializedError | undefined;
}

export interface RunState {
  readonly runId: string | undefined;
  readonly workflowId: string | undefined;
  readonly status: RunStatus;
  readonly input: unknown;
  readonly result: unknown;
  readonly error: SerializedError | undefined;
  /** Every step by full id: `state.steps.get('review')`. */
  readonly steps: StepMap;
  /**
   * Step ids in the order the steps started. A persistent list: a new step costs O(log n) wherever it
   * starts, not a copy of the others.
   */
  readonly stepIds: PersistentList<string>;
  /**
   * Custom `data-*` chunks, in order, each distinct chunk once. An append-only list: a new chunk costs
   * O(1), not a copy of the others.
   */
  readonly data: AppendOnlyList<RunDataEvent>;
  readonly facts: RunFacts;
}

/**
 * The state of a run nothing is known about yet.
 * @example
 * const state = reduceRunEvents(createRunState({ runId }), events);
 */
export function createRunState(init: { runId?: string; workflowId?: string } = {}): RunState {
  return {
    runId: init.runId,
    workflowId: init.workflowId,
    status: 'pending',
    input: undefined,
    result: undefined,
    error: undefined,
    steps: emptyStepMap(),
    stepIds: PersistentList.empty(),
    data: AppendOnlyList.empty(),
    facts: {
      started: false,
      canceled: false,
      paused: false,
      ended: false,
      finishes: {},
      snapshotStatus: undefined,
      snapshotUpdatedAt: undefined,
    },
  };
}

/** Statuses after which a run changes only through an outside action (resume, restart). */
export function isTerminalRunStatus(status: RunStatus): boolean {
  return (
    status === 'success' ||
    status === 'failed' ||
    status === 'canceled' ||
    status === 'bailed' ||
    status === 'tripwire'
  );
}

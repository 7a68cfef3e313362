import type { RunSnapshot } from '../model/run-event';
import type { SteplineError } from '../util/stepline-error';

/** What to list across workflows (`GET …/runs` of the Stepline route). */
export interface RunsAcrossWorkflowsQuery {
  /** 0-based. */
  readonly page?: number;
  /** At most 100. Default 50. */
  readonly perPage?: number;
  readonly status?: string;
  readonly resourceId?: string;
  /** Only these of the route's workflows. Default: every workflow the route serves. */
  readonly workflowIds?: readonly string[];
}

/** A workflow whose runs could not be listed; the others' runs are listed all the same. */
export interface WorkflowListFailure {
  readonly workflowId: string;
  /** `network` (Mastra unreachable), `not-found` (Mastra has no such workflow), `auth`, `http`. */
  readonly error: SteplineError;
}

/** A page of runs of several workflows: needs a decision (suspended) first, then the newest. */
export interface RunsAcrossWorkflows {
  /** Every run names its `workflowId`. */
  readonly runs: RunSnapshot[];
  /** Runs stored for the workflows that answered. */
  readonly total: number;
  /** Entries that could not be read (each error says why); left out so they do not hide the others. */
  readonly skipped?: readonly SteplineError[];
  readonly page: number;
  readonly perPage: number;
  /** Workflows whose list failed, in the route's order; empty when every workflow answered. */
  readonly failures: readonly WorkflowListFailure[];
}

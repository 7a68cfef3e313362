// What the run model knows about one step. Its own file so the step map and the run state can both
// use it without importing each other.
import { AppendOnlyList } from '../util/append-only-list';
import { lastDot } from '../util/last-dot';
import { PersistentList } from '../util/persistent-list';
import type { AgentTranscript } from './agent-transcript';
import type { SerializedError, StepStatus } from './run-event';

/**
 * One execution of a step: the only one for most steps, one per iteration in a loop. A suspend and its
 * resume are the same execution (Mastra keeps `startedAt` across a resume), so the approval's suspend
 * payload stays on it after the step has moved on.
 */
export interface StepExecution {
  /** Stable within a run: Mastra's first `stepCallId`, else the start time. */
  readonly key: string;
  /** Every `stepCallId` Mastra gave this execution (a resume gets a new one). */
  readonly callIds: readonly string[];
  /** `metadata.iterationCount` for loop iterations. */
  readonly iteration: number | undefined;
  readonly status: StepStatus;
  readonly input: unknown;
  /** Set only by a successful result: a failed attempt never shows an output. */
  readonly output: unknown;
  readonly error: SerializedError | undefined;
  readonly suspendPayload: unknown;
  /** Comes with `suspendPayload`: see `StepState.suspendedChildPath`. */
  readonly suspendedChildPath: readonly string[] | undefined;
  readonly resumePayload: unknown;
  readonly startedAt: number | undefined;
  readonly endedAt: number | undefined;
  readonly suspendedAt: number | undefined;
  readonly resumedAt: number | undefined;
  /** The agent calls this execution streamed, in the order they started (usually one). */
  readonly transcripts: readonly AgentTranscript[];
  /**
   * How many of the step's `writes` there were when this execution started: a loop round's `writer`
   * output is the step's writes from here up to the next round's (see `stepAtExecution`).
   */
  readonly writesFrom: number;
  /** When the fact that set `status` happened, and how far along it is: together they order facts. */
  readonly statusAt: number;
  readonly statusRank: number;
}

/** `.foreach()` progress: counts, and each finished item. */
export interface StepProgress {
  readonly completedCount: number;
  readonly totalCount: number;
  /**
   * Each item's result by its index (`items.at(3)`), `undefined` for an item not reported yet. A
   * persistent list: one more item costs O(log n), not a copy of the others (a plain object copied per
   * progress event made a foreach over 40,000 items take minutes).
   */
  readonly items: PersistentList<StepProgressItem | undefined>;
  /** How many of `items` failed: what a progress bar says without reading every item. */
  readonly failedCount: number;
}

export interface StepProgressItem {
  readonly status: 'success' | 'failed' | 'suspended';
  readonly output: unknown;
}

export interface StepState {
  /** Full id: `container.inner` for steps of nested workflows. */
  readonly id: string;
  /** The container's id for a nested step, else undefined. */
  readonly parentId: string | undefined;
  /** The last segment of the id. */
  readonly name: string;
  /** 0 for top-level steps, 1 inside one nested workflow, and so on. */
  readonly depth: number;
  /** Mastra's own steps (`.map()`, `.sleep()`): kept in the state, hidden from a timeline by default. */
  readonly hidden: boolean;
  /** The latest execution's status. */
  readonly status: StepStatus;
  /**
   * In start order. Loops have several; everything else one. A persistent list: a new iteration costs
   * O(log n), not a copy of the others.
   */
  readonly executions: PersistentList<StepExecution>;
  readonly input: unknown;
  readonly output: unknown;
  readonly error: SerializedError | undefined;
  /** The latest suspend payload of any execution, kept after the resume. */
  readonly suspendPayload: unknown;
  /**
   * Set on a nested workflow's container while it is suspended because a step inside it is: that step's
   * path inside the container. Such a container awaits no decision itself (see `stepAwaitsDecision`).
   */
  readonly suspendedChildPath: readonly string[] | undefined;
  readonly resumePayload: unknown;
  readonly startedAt: number | undefined;
  readonly endedAt: number | undefined;
  readonly suspendedAt: number | undefined;
  readonly resumedAt: number | undefined;
  readonly progress: StepProgress | undefined;
  /**
   * What the step wrote with `writer.write()` (agent chunks excepted: they build transcripts), in order.
   * Identified by position when the stream's order is known (a value written twice is kept twice), else
   * each distinct value once. An append-only list: a new write costs O(1), not a copy of the others.
   */
  readonly writes: AppendOnlyList<unknown>;
  /** How many writes of each output stream (`OutputPosition.stream`) are in `writes`. */
  readonly writeCounts: Readonly<Record<string, number>>;
  /**
   * Set when some of `writes` may be another step's: several running steps had this one's name, and a
   * `writer.write` value names its step only by name. The ids of those steps; undefined when every write
   * could only be this step's.
   */
  readonly writesAmbiguousAmong: readonly string[] | undefined;
}

/**
 * A step nothing has been reported of yet: what the reducer starts a step from, and what a view shows for
 * a step it knows only from the workflow's plan. One literal, so a new `StepState` field is added once.
 *
 * @example
 * const pending = createStepState('editorial-round.review', false); // { name: 'review', depth: 1, status: 'pending', … }
 */
export function createStepState(id: string, hidden: boolean): StepState {
  const leafDot = lastDot(id);
  // Dots counted, not `split`: an array and a string per segment for every new step (a run's hydration
  // makes one per stored step).
  let depth = 0;
  for (let dot = leafDot; dot !== -1; dot = dot === 0 ? -1 : id.lastIndexOf('.', dot - 1)) depth++;
  return {
    id,
    parentId: leafDot === -1 ? undefined : id.slice(0, leafDot),
    name: id.slice(leafDot + 1),
    depth,
    hidden,
    status: 'pending',
    executions: PersistentList.empty(),
    input: undefined,
    output: undefined,
    error: undefined,
    suspendPayload: undefined,
    suspendedChildPath: undefined,
    resumePayload: undefined,
    startedAt: undefined,
    endedAt: undefined,
    suspendedAt: undefined,
    resumedAt: undefined,
    progress: undefined,
    writes: AppendOnlyList.empty(),
    writeCounts: {},
    writesAmbiguousAmong: undefined,
  };
}

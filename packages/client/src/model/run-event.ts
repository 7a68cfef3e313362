import type { AgentChunk } from './agent-chunk';

/**
 * The typed events Stepline derives from Mastra's wire chunks. Whatever Mastra version or endpoint sent
 * them (1.x `workflow-*` events, the prefix-less legacy names, the 0.x `watch` snapshot), the reducer sees
 * only these.
 *
 * Naming rule: `<noun>-<what happened>`, with the nouns `run` and `step` and Mastra's own verbs, so that
 * `workflow-step-suspended` on the wire reads as `step-suspended` here.
 *
 * Adding an event type: add it here and follow the type errors; they point to the other three files.
 * 1. `model/run-event.ts` (here): its interface, named by the rule above, and a member of `RunEvent`.
 * 2. `wire/normalize-event.ts`: its wire types in `wireTypesOf`, and its case in `normalizeEvent`'s switch
 *    (the only place that knows Mastra's names).
 * 3. `model/run-reducer.ts`: its case in `applyEvent` (logic of its own goes in `model/reducer/`).
 * 4. `testing/mastra-events.ts`: a builder for its wire chunk in `mastraEvents`, and its `exampleChunkOf`
 *    entry; `mastra-events.test.ts` then checks that the example normalizes to the new type.
 */

/** Every status a step can have in a snapshot or on the wire. */
export type StepStatus =
  | 'pending'
  | 'running'
  | 'waiting'
  | 'suspended'
  | 'paused'
  | 'success'
  | 'failed'
  | 'bailed'
  | 'canceled'
  | 'skipped'
  | 'tripwire'
  /**
   * A status this version of Stepline does not know (a newer Mastra's): the step is shown as such, and
   * nothing else about the run changes.
   */
  | 'unknown';

/** Every status a run can have. `pending` is a run the client knows of but has seen nothing from. */
export type RunStatus =
  | 'pending'
  | 'running'
  | 'waiting'
  | 'suspended'
  | 'paused'
  | 'success'
  | 'failed'
  | 'bailed'
  | 'canceled'
  | 'tripwire';

/**
 * The statuses a step result can carry: the ones after which a step does nothing more without an outside
 * action, and `unknown` for a result whose status this version of Stepline does not know.
 */
export type StepResultStatus =
  | 'success'
  | 'failed'
  | 'bailed'
  | 'canceled'
  | 'skipped'
  | 'tripwire'
  | 'unknown';

export interface SerializedError {
  readonly message: string;
  readonly name?: string;
  readonly stack?: string;
  readonly code?: string;
  /** Anything else the server attached (details, cause). */
  readonly details?: unknown;
}

/** The fields every step event has, wherever Mastra put them. */
export interface StepEventBase {
  /** The step's full id. Steps of nested workflows are `container.inner`. */
  readonly stepId: string;
  /** Mastra's id of one execution of the step; a loop gives each iteration a new one. */
  readonly stepCallId: string | undefined;
  /** `metadata.iterationCount` of loop iterations (1, 2, 3…). */
  readonly iteration: number | undefined;
  /** Internal steps (`.map()`, `.sleep()`, `__trigger__`) are marked, not dropped. */
  readonly hidden: boolean;
  readonly startedAt: number | undefined;
  readonly input: unknown;
  readonly resumePayload: unknown;
  readonly resumedAt: number | undefined;
}

export interface RunStartEvent {
  readonly type: 'run-start';
  readonly runId: string | undefined;
  readonly workflowId: string | undefined;
}

export interface StepStartEvent extends StepEventBase {
  readonly type: 'step-start';
}

export interface StepResultEvent extends StepEventBase {
  readonly type: 'step-result';
  readonly status: StepResultStatus;
  readonly output: unknown;
  readonly error: SerializedError | undefined;
  readonly endedAt: number | undefined;
  /**
   * Agent calls whose step this result settles (`createOutputPositions`): a step that succeeded has seen
   * its agent call finish, so when two same-named steps' calls were told apart only by start order, the
   * first to end says which call was its. Each names where its chunks went so far and where they belong.
   */
  readonly agentCalls?: readonly AgentCallPlacement[] | undefined;
}

/** One execution of a step, as output is attributed to it. */
export interface OutputTarget {
  readonly stepId: string;
  readonly stepCallId: string | undefined;
}

/** Where an agent call's transcript belongs, once the stream has told. */
export interface AgentCallPlacement {
  readonly agentRunId: string;
  /** Where its chunks were given so far. */
  readonly from: OutputTarget;
  /** Where they belong (the same as `from` when the guess was right). */
  readonly to: OutputTarget;
  /** Still not told apart from another call of the same steps: `to` is the likeliest, not a certainty. */
  readonly ambiguous: boolean;
}

export interface StepSuspendedEvent extends StepEventBase {
  readonly type: 'step-suspended';
  readonly suspendPayload: unknown;
  /**
   * Set on a nested workflow's container that is suspended because a step inside it is: that step's
   * path inside the container (`['manager-approval']`). The container awaits no decision itself; the
   * inner step (`container.manager-approval`) does.
   */
  readonly suspendedChildPath: readonly string[] | undefined;
  readonly suspendedAt: number | undefined;
}

/** A `.sleep()` or `.sleepUntil()` step waiting for its time. */
export interface StepWaitingEvent extends StepEventBase {
  readonly type: 'step-waiting';
}

/** One item of a `.foreach()` finished. */
export interface StepProgressEvent {
  readonly type: 'step-progress';
  readonly stepId: string;
  readonly hidden: boolean;
  readonly completedCount: number;
  readonly totalCount: number;
  readonly currentIndex: number;
  readonly iterationStatus: 'success' | 'failed' | 'suspended';
  readonly iterationOutput: unknown;
}

/**
 * Something a step wrote with `writer.write()`, or a chunk of an agent the step ran (`createStep(agent)`,
 * `fullStream.pipeTo(writer)`): Mastra names the step (by the last segment of its id) but gives no id.
 */
export interface StepOutputEvent {
  readonly type: 'step-output';
  /** The step's full id when known: from the chunk, or from the order of the stream (`createOutputPositions`). */
  readonly stepId: string | undefined;
  readonly stepName: string | undefined;
  readonly output: unknown;
  /** The chunk in typed form when an agent call streamed it; its text goes to a transcript, not to `writes`. */
  readonly agentChunk?: AgentChunk | undefined;
  /** Mastra's id of the execution that wrote it, when the order of the stream told. */
  readonly stepCallId?: string | undefined;
  /**
   * Where the chunk stands in its stream, counted from the start of the stream segment. Two chunks with
   * the same content at different positions are two chunks (a repeated token); the same position twice
   * is a replay. Undefined when the order is unknown: then equal writes count as one, as before.
   */
  readonly position?: OutputPosition | undefined;
  /**
   * Set when several running steps have this name (two nested workflows' `draft`, parallel branches of
   * one step) and the stream did not tell which of them wrote this: Mastra names the step only by the
   * last segment of its id. The chunk went to one of them by the order of the stream; these are all of
   * them. The same array for every chunk of one such group.
   */
  readonly ambiguousAmong?: readonly OutputTarget[] | undefined;
}

/** The n-th chunk (from 0) of one output stream: an agent call, or one execution's `writer.write` values. */
export interface OutputPosition {
  readonly stream: string;
  readonly index: number;
}

/** A custom `data-*` chunk from `writer.custom()`. */
export interface RunDataEvent {
  readonly type: 'run-data';
  /** The chunk type as sent, e.g. `data-progress`. */
  readonly name: string;
  readonly data: unknown;
  readonly stepId: string | undefined;
}

export interface RunCanceledEvent {
  readonly type: 'run-canceled';
}

export interface RunPausedEvent {
  readonly type: 'run-paused';
}

export interface RunFinishEvent {
  readonly type: 'run-finish';
  /**
   * What Mastra inferred from this stream segment only. It can be wrong for the run as a whole (resuming
   * one of two parallel approvals says `success`): the reducer weighs it against the steps.
   * Undefined for legacy `finish` records, which carry no status.
   */
  readonly status: RunStatus | undefined;
  readonly result: unknown;
  readonly error: SerializedError | undefined;
}

/** A whole run state at once: the 0.x `watch` event, or a snapshot read over HTTP. */
export interface RunSnapshotEvent {
  readonly type: 'run-snapshot';
  readonly snapshot: RunSnapshot;
}

/** A chunk of a type Stepline does not know. Passed to `onUnknown`, never applied, never a throw. */
export interface UnknownRunEvent {
  readonly type: 'unknown';
  readonly rawType: string | undefined;
  readonly raw: unknown;
  /**
   * Set when the chunk is about another run than the one being followed (it names this run id): it is
   * not applied, whatever its type.
   */
  readonly otherRunId?: string;
}

export type RunEvent =
  | RunStartEvent
  | StepStartEvent
  | StepResultEvent
  | StepSuspendedEvent
  | StepWaitingEvent
  | StepProgressEvent
  | StepOutputEvent
  | RunDataEvent
  | RunCanceledEvent
  | RunPausedEvent
  | RunFinishEvent
  | RunSnapshotEvent
  | UnknownRunEvent;

export type RunEventType = RunEvent['type'];

/** One step as a snapshot describes it (`GET /workflows/:id/runs/:runId` → `steps[stepId]`). */
export interface SnapshotStep {
  readonly status: StepStatus;
  /** One of Mastra's own steps (`.map()`, `.sleep()`): set by the normalizer, the only code that knows their names. */
  readonly hidden?: boolean;
  /** `metadata.iterationCount`: snapshots keep only a loop's last iteration. */
  readonly iteration?: number;
  readonly input?: unknown;
  readonly output?: unknown;
  readonly error?: SerializedError;
  readonly suspendPayload?: unknown;
  /** See `StepSuspendedEvent.suspendedChildPath`. */
  readonly suspendedChildPath?: readonly string[];
  readonly resumePayload?: unknown;
  readonly startedAt?: number;
  readonly endedAt?: number;
  readonly suspendedAt?: number;
  readonly resumedAt?: number;
}

/** A run as stored by the server, normalized. */
export interface RunSnapshot {
  readonly runId: string | undefined;
  readonly workflowId: string | undefined;
  readonly status: RunStatus;
  readonly input: unknown;
  readonly result: unknown;
  readonly error: SerializedError | undefined;
  /** In the server's insertion order. */
  readonly steps: Readonly<Record<string, SnapshotStep>>;
  readonly createdAt: number | undefined;
  readonly updatedAt: number | undefined;
}

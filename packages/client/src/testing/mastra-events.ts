import type { RunEventType } from '../model/run-event';

/**
 * Builders for Mastra 1.x wire chunks, so tests do not hand-write wire JSON. Each builder returns exactly
 * the shape `@mastra/core` 1.71 / `@mastra/server` 1.67 send (checked against `fixtures/recorded/` in
 * `mastra-events.test.ts`), keys in the server's order, optional fields left out rather than `undefined`.
 *
 * `runId` is optional everywhere: the mock fetch fills in its scripted run's id, so scripts stay short.
 * Timestamps default to a clock that never goes backwards and never repeats, so events built one after the
 * other are ordered the way the server would have timed them. An end time (`suspendedAt`, `endedAt`) left
 * out next to a given `startedAt`/`resumedAt` defaults to 1 ms after it instead, so a hand-written timeline
 * (`startedAt: 1000`) is not overtaken by a default from the wall clock.
 */

/** One record of a Mastra run stream: `{type, runId, from, payload}`, or `{type, runId, from, data}` for `data-*`. */
export interface MastraChunk {
  readonly type: string;
  readonly runId?: string;
  readonly from?: 'WORKFLOW' | 'USER';
  readonly payload?: unknown;
  readonly [key: string]: unknown;
}

export interface ChunkOptions {
  /** The envelope's `runId`. Left out when not given; `createMockMastraFetch` fills it in. */
  readonly runId?: string;
}

/** Fields Mastra repeats on every event of one step execution. */
export interface StepExecutionOptions extends ChunkOptions {
  /** Mastra's id of this execution. Default `call-<id>` (`call-<id>-<iteration>` in loops); `null` leaves it out, as Mastra does for `.foreach()`. */
  readonly stepCallId?: string | null;
  /** The step's input (`payload` on the wire). */
  readonly payload?: unknown;
  readonly startedAt?: number;
  /** Loop iteration: becomes `metadata.iterationCount`. */
  readonly iteration?: number;
  /** Extra `metadata`, merged with the iteration count. */
  readonly metadata?: Readonly<Record<string, unknown>>;
  /** Set on the events a resume re-emits. */
  readonly resumePayload?: unknown;
  readonly resumedAt?: number;
}

export type StepResultStatus = 'success' | 'failed' | 'bailed' | 'canceled' | 'skipped' | 'tripwire';

/** A step error as Mastra serializes it. A string or an `Error` becomes `{message, name}`. */
export type MastraErrorInput = string | Error | { readonly message: string; readonly [key: string]: unknown };

export interface StepResultOptions extends StepExecutionOptions {
  /** Default: `failed` when `error` is given, else `success`. */
  readonly status?: StepResultStatus;
  readonly output?: unknown;
  readonly error?: MastraErrorInput;
  readonly endedAt?: number;
}

export interface StepSuspendedOptions extends StepExecutionOptions {
  readonly suspendPayload?: unknown;
  readonly suspendedAt?: number;
}

export interface StepWaitingOptions extends ChunkOptions {
  readonly payload?: unknown;
  readonly startedAt?: number;
}

export interface StepProgressOptions extends ChunkOptions {
  readonly completedCount: number;
  readonly totalCount: number;
  readonly currentIndex: number;
  /** Default `success`. */
  readonly iterationStatus?: 'success' | 'failed' | 'suspended';
  readonly iterationOutput?: unknown;
}

export type RunFinishStatus =
  | 'success'
  | 'failed'
  | 'suspended'
  | 'canceled'
  | 'bailed'
  | 'waiting'
  | 'paused'
  | 'tripwire';

export interface WorkflowFinishOptions extends ChunkOptions {
  /** The run's result: `finalWorkflowResult`, which Mastra sends on success (and for a bail). */
  readonly result?: unknown;
  /**
   * An error raised before any step ran (invalid input, a refused resume): `metadata.error` and
   * `metadata.errorMessage`. A string gives `{error: {}, errorMessage}`, as Mastra sends for refusals that
   * are not schema errors. Leave it out when a step threw: Mastra puts that error on the step result only.
   */
  readonly error?: MastraErrorInput;
}

/** Token usage Mastra attaches to every `workflow-finish`; all zero for workflows without an LLM. */
const zeroUsage = {
  inputTokens: 0,
  outputTokens: 0,
  totalTokens: 0,
  cachedInputTokens: 0,
  cacheCreationInputTokens: 0,
  reasoningTokens: 0,
} as const;

let lastTimestamp = 0;

/** `Date.now()`, but strictly increasing, so default timestamps order events as they were built. */
function now(): number {
  lastTimestamp = Math.max(Date.now(), lastTimestamp + 1);
  return lastTimestamp;
}

/** 1 ms after the latest given time, or the clock when none was given. */
function after(...times: (number | undefined)[]): number {
  const given = times.filter((time): time is number => time !== undefined);
  return given.length === 0 ? now() : Math.max(...given) + 1;
}

function envelope(
  type: string,
  runId: string | undefined,
  from: 'WORKFLOW' | 'USER',
): Record<string, unknown> {
  return runId === undefined ? { type, from } : { type, runId, from };
}

/** Adds `key: value` unless the value is undefined, keeping insertion order (the server's key order). */
function put(record: Record<string, unknown>, key: string, value: unknown): void {
  if (value !== undefined) record[key] = value;
}

function defaultCallId(id: string, iteration: number | undefined): string {
  return iteration === undefined ? `call-${id}` : `call-${id}-${iteration}`;
}

function metadataOf(options: StepExecutionOptions): Record<string, unknown> | undefined {
  if (options.iteration === undefined && options.metadata === undefined) return undefined;
  return {
    ...(options.iteration === undefined ? {} : { iterationCount: options.iteration }),
    ...options.metadata,
  };
}

/**
 * The fields every step event starts with, in Mastra's order:
 * `stepName, id, stepCallId, payload, startedAt, status, metadata, resumePayload, resumedAt`.
 */
function stepHead(
  id: string,
  options: StepExecutionOptions,
  status: string,
  startedAt: number | undefined,
): Record<string, unknown> {
  const payload: Record<string, unknown> = { stepName: id, id };
  if (options.stepCallId !== null)
    put(payload, 'stepCallId', options.stepCallId ?? defaultCallId(id, options.iteration));
  put(payload, 'payload', options.payload);
  put(payload, 'startedAt', startedAt);
  payload.status = status;
  put(payload, 'metadata', metadataOf(options));
  put(payload, 'resumePayload', options.resumePayload);
  put(payload, 'resumedAt', options.resumedAt);
  return payload;
}

/**
 * Serializes an error the way Mastra does: `{message, name}` for a thrown `Error`, anything else as given.
 * @example
 * toMastraError('Card declined'); // { message: 'Card declined', name: 'Error' }
 */
export function toMastraError(error: MastraErrorInput): Record<string, unknown> {
  if (typeof error === 'string') return { message: error, name: 'Error' };
  if (error instanceof Error) return { message: error.message, name: error.name };
  return { ...error };
}

function chunk(
  type: string,
  options: ChunkOptions,
  payload: unknown,
  from: 'WORKFLOW' | 'USER' = 'WORKFLOW',
): MastraChunk {
  const record = envelope(type, options.runId, from);
  record.payload = payload;
  return record as MastraChunk;
}

/**
 * `workflow-start`: the first record of every `stream` and `resume-stream` segment.
 * @example
 * mastraEvents.workflowStart('run-1', 'content-brief');
 * // {type: 'workflow-start', runId: 'run-1', from: 'WORKFLOW', payload: {workflowId: 'content-brief'}}
 */
function workflowStart(runId: string | undefined, workflowId: string): MastraChunk {
  return chunk('workflow-start', runId === undefined ? {} : { runId }, { workflowId });
}

/**
 * `workflow-step-start`. Nested steps are `container.inner`.
 * @example
 * mastraEvents.stepStart('outline', { payload: { topic: 'Solar' }, startedAt: 1000 });
 */
function stepStart(id: string, options: StepExecutionOptions = {}): MastraChunk {
  return chunk('workflow-step-start', options, stepHead(id, options, 'running', options.startedAt ?? now()));
}

/**
 * `workflow-step-result`: `success` with an `output`, `failed` with an `error`, or `bailed`, `canceled`…
 * `startedAt` and `payload` are sent only when given (Mastra leaves them out for `.sleep()` and `.foreach()`).
 * @example
 * mastraEvents.stepResult('outline', { payload: { topic: 'Solar' }, startedAt: 1000, output: { sections: 3 } });
 * mastraEvents.stepResult('charge-card', { error: 'Card declined' }); // status 'failed'
 */
function stepResult(id: string, options: StepResultOptions = {}): MastraChunk {
  const status = options.status ?? (options.error === undefined ? 'success' : 'failed');
  const payload = stepHead(id, options, status, options.startedAt);
  if (options.error !== undefined) payload.error = toMastraError(options.error);
  else put(payload, 'output', options.output);
  payload.endedAt = options.endedAt ?? after(options.startedAt, options.resumedAt);
  return chunk('workflow-step-result', options, payload);
}

/**
 * `workflow-step-suspended`: the step waits for a resume. For a nested suspend Mastra sends the leaf first,
 * then the container with `suspendPayload.__workflow_meta = {runId, path}`.
 * @example
 * mastraEvents.stepSuspended('approve', { payload: { amount: 1250 }, suspendPayload: { reason: 'Over limit' } });
 */
function stepSuspended(id: string, options: StepSuspendedOptions = {}): MastraChunk {
  const startedAt = options.startedAt ?? now();
  const payload = stepHead(id, options, 'suspended', startedAt);
  put(payload, 'suspendPayload', options.suspendPayload);
  payload.suspendedAt = options.suspendedAt ?? after(startedAt, options.resumedAt);
  return chunk('workflow-step-suspended', options, payload);
}

/**
 * `workflow-step-waiting`: a `.sleep()` started. It has no `stepCallId`; a `stepResult` with
 * `stepCallId: null` ends it.
 * @example
 * mastraEvents.stepWaiting('cool-down', { payload: { items: 5 } });
 */
function stepWaiting(id: string, options: StepWaitingOptions = {}): MastraChunk {
  const payload: Record<string, unknown> = { stepName: id, id };
  put(payload, 'payload', options.payload);
  payload.startedAt = options.startedAt ?? now();
  payload.status = 'waiting';
  return chunk('workflow-step-waiting', options, payload);
}

/**
 * `workflow-step-progress`: one item of a `.foreach()` finished (in completion order).
 * @example
 * mastraEvents.stepProgress('process-item', { completedCount: 1, totalCount: 5, currentIndex: 0, iterationOutput: 'done' });
 */
function stepProgress(id: string, options: StepProgressOptions): MastraChunk {
  const payload: Record<string, unknown> = {
    stepName: id,
    id,
    completedCount: options.completedCount,
    totalCount: options.totalCount,
    currentIndex: options.currentIndex,
    iterationStatus: options.iterationStatus ?? 'success',
  };
  put(payload, 'iterationOutput', options.iterationOutput);
  return chunk('workflow-step-progress', options, payload);
}

/**
 * `workflow-step-output`: what a step wrote with `writer.write()`. It names the step but has no `id`, and
 * comes `from: 'USER'`.
 * @example
 * mastraEvents.stepOutput('report-progress', { message: 'warming up 1/3' }, { runId: 'run-1' });
 */
function stepOutput(stepName: string, output: unknown, options: ChunkOptions = {}): MastraChunk {
  const payload: Record<string, unknown> = { stepName, output };
  put(payload, 'runId', options.runId);
  return chunk('workflow-step-output', options, payload, 'USER');
}

/**
 * One chunk of an agent call that a step streams (`createStep(agent)`, or `agent.stream()` piped into the
 * step's writer), as Mastra 1.71 wraps it: a `workflow-step-output` whose `output` is
 * `{type, runId: <agent call id>, from: 'AGENT', payload}`. Types: `start`, `step-start`, `text-start`,
 * `text-delta` (`{id, text}`), `text-end`, `reasoning-*`, `tool-call` (`{toolCallId, toolName, args}`),
 * `tool-result` (`{…, result}`), `tool-error` (`{…, error}`), `step-finish`, `finish`
 * (`{stepResult: {reason}, output: {usage}}`).
 * @example
 * mastraEvents.agentChunk('write-story', 'agent-1', 'text-delta', { id: 'txt-0', text: ' cat' }, { runId: 'run-1' });
 */
function agentChunk(
  stepName: string,
  agentRunId: string,
  type: string,
  payload: Readonly<Record<string, unknown>> = {},
  options: ChunkOptions = {},
): MastraChunk {
  return stepOutput(stepName, { type, runId: agentRunId, from: 'AGENT', payload }, options);
}

/**
 * A custom `data-*` chunk from `writer.custom()`: the body is in `data`, there is no `payload`.
 * @example
 * mastraEvents.data('data-progress', { phase: 'warm-up', done: 1, total: 3 });
 */
function data(type: `data-${string}`, body: unknown, options: ChunkOptions = {}): MastraChunk {
  const record = envelope(type, options.runId, 'WORKFLOW');
  record.data = body;
  return record as MastraChunk;
}

/**
 * `workflow-canceled`, sent after the running step ends when the run was canceled.
 * @example
 * [mastraEvents.workflowCanceled(), mastraEvents.workflowFinish('canceled')];
 */
function workflowCanceled(options: ChunkOptions = {}): MastraChunk {
  return chunk('workflow-canceled', options, {});
}

/**
 * `workflow-paused`.
 * @example
 * mastraEvents.workflowPaused({ runId: 'run-1' });
 */
function workflowPaused(options: ChunkOptions = {}): MastraChunk {
  return chunk('workflow-paused', options, {});
}

/**
 * `workflow-finish`: the last record of a segment. `status` is what Mastra inferred from that segment
 * (`suspended` when it stopped at an approval).
 * @example
 * mastraEvents.workflowFinish('success', { result: { url: 'https://example.com' } });
 * mastraEvents.workflowFinish('failed', { error: 'This workflow run was not suspended' });
 */
function workflowFinish(status: RunFinishStatus, options: WorkflowFinishOptions = {}): MastraChunk {
  const metadata: Record<string, unknown> = {};
  if (options.error !== undefined) {
    metadata.error = typeof options.error === 'string' ? {} : toMastraError(options.error);
    metadata.errorMessage = typeof options.error === 'string' ? options.error : options.error.message;
  }
  const payload: Record<string, unknown> = {
    workflowStatus: status,
    metadata,
    output: { usage: { ...zeroUsage } },
  };
  put(payload, 'finalWorkflowResult', options.result);
  return chunk('workflow-finish', options, payload);
}

/**
 * A whole step that ran and finished: `[stepStart, stepResult]` sharing call id, input and start time.
 * @example
 * const events = [
 *   mastraEvents.workflowStart('run-1', 'content-brief'),
 *   ...mastraEvents.step('outline', { payload: { topic: 'Solar' }, output: { sections: 3 } }),
 *   mastraEvents.workflowFinish('success', { result: { sections: 3 } }),
 * ];
 */
function step(id: string, options: StepResultOptions = {}): [MastraChunk, MastraChunk] {
  const startedAt = options.startedAt ?? now();
  return [stepStart(id, { ...options, startedAt }), stepResult(id, { ...options, startedAt })];
}

/**
 * Builders for every Mastra 1.x workflow event. See each function for its fields.
 * @example
 * const events = [
 *   mastraEvents.workflowStart('run-1', 'approval'),
 *   mastraEvents.stepStart('review', { payload: { amount: 1250 }, startedAt: 1000 }),
 *   mastraEvents.stepSuspended('review', { payload: { amount: 1250 }, startedAt: 1000, suspendPayload: { reason: 'Over limit' } }),
 *   mastraEvents.workflowFinish('suspended'),
 * ];
 */
export const mastraEvents = {
  workflowStart,
  stepStart,
  stepResult,
  stepSuspended,
  stepWaiting,
  stepProgress,
  stepOutput,
  agentChunk,
  data,
  workflowCanceled,
  workflowPaused,
  workflowFinish,
  step,
} as const;

/**
 * For every run event type, an example of the wire chunk it is read from, built with the builders above:
 * the test-side row of the table a new event type is added to (`wireTypesOf` in the normalizer is the
 * wire side). A type without an entry is a type error here; `mastra-events.test.ts` normalizes each
 * example and checks it becomes its event type. `null`: nothing on Mastra 1.x's wire makes it (a snapshot
 * comes over HTTP; `unknown` is whatever Stepline does not know).
 */
export const exampleChunkOf: { readonly [K in RunEventType]: (() => MastraChunk) | null } = {
  'run-start': () => workflowStart('run-1', 'content-brief'),
  'step-start': () => stepStart('outline'),
  'step-result': () => stepResult('outline', { output: { sections: 3 } }),
  'step-suspended': () => stepSuspended('review', { suspendPayload: { reason: 'Over limit' } }),
  'step-waiting': () => stepWaiting('cool-down'),
  'step-progress': () =>
    stepProgress('translate-item', { completedCount: 1, totalCount: 2, currentIndex: 0 }),
  'step-output': () => stepOutput('report-progress', { message: 'warming up' }),
  'run-data': () => data('data-progress', { done: 1, total: 3 }),
  'run-canceled': () => workflowCanceled(),
  'run-paused': () => workflowPaused(),
  'run-finish': () => workflowFinish('success'),
  'run-snapshot': null,
  unknown: null,
};

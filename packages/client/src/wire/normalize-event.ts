import type { RunEvent, RunEventType } from '../model/run-event';
import { assertNever } from '../util/assert-never';
import { err, ok, type Result } from '../util/result';
import { invalidInput, SteplineError } from '../util/stepline-error';
import { isInternalStepId } from './internal-steps';
import { normalizeAgentChunk } from './normalize-agent-chunk';
import { normalizeSnapshotState } from './normalize-snapshot';
import { isCancelAbort, isCount, isRunStatus, isStepResultStatus } from './wire-statuses';
import { asRecord, toOptionalString, toSerializedError, toTimestamp } from './wire-values';
import { readSuspendPayload } from './workflow-meta';

/**
 * Every run event type and the wire types it is read from: the one table a new event type starts from.
 * Mastra 1.x prefixes workflow events with `workflow-`; older servers and the `/stream-legacy` route send
 * the same events without it. `run-data` is every `data-*` type; `unknown` is everything else. A new member
 * of `RunEvent` is a type error here until it names its wire types.
 */
export const wireTypesOf = {
  'run-start': ['workflow-start', 'start'],
  'step-start': ['workflow-step-start', 'step-start'],
  'step-result': ['workflow-step-result', 'step-result'],
  'step-suspended': ['workflow-step-suspended', 'step-suspended'],
  'step-waiting': ['workflow-step-waiting', 'step-waiting'],
  'step-progress': ['workflow-step-progress', 'step-progress'],
  'step-output': ['workflow-step-output', 'step-output'],
  'run-data': [],
  'run-canceled': ['workflow-canceled'],
  'run-paused': ['workflow-paused'],
  'run-finish': ['workflow-finish', 'finish'],
  // 0.x `/watch` sent the whole state each time: {currentStep, workflowState: {status, steps, ...}}.
  'run-snapshot': ['watch'],
  unknown: [],
} as const satisfies { readonly [K in RunEventType]: readonly string[] };

const eventTypeOfWire: ReadonlyMap<string, RunEventType> = new Map(
  Object.entries(wireTypesOf).flatMap(([eventType, wireTypes]) =>
    wireTypes.map((wireType): [string, RunEventType] => [wireType, eventType as RunEventType]),
  ),
);

type StepEventType = 'step-start' | 'step-result' | 'step-suspended' | 'step-waiting';

/**
 * Turns one parsed wire chunk into a typed run event.
 *
 * - Known types with a shape that would corrupt the state (a step event without an id) are errors.
 * - Unknown types are `{type: 'unknown'}` events: the caller hands them to `onUnknown`.
 *
 * @example
 * const event = normalizeEvent({ type: 'workflow-step-start', runId: 'r1', from: 'WORKFLOW',
 *   payload: { id: 'outline', stepCallId: 'c1', status: 'running', startedAt: 1, payload: {} } });
 * if (event.ok && event.value.type === 'step-start') console.log(event.value.stepId); // 'outline'
 */
export function normalizeEvent(chunk: unknown): Result<RunEvent, SteplineError> {
  const event = toRunEvent(chunk);
  return event instanceof SteplineError ? err(event) : ok(event);
}

/**
 * `normalizeEvent` without a result object per event, for the chunks -> events loop: the event, or the
 * error that says why the chunk cannot be one.
 */
export function toRunEvent(chunk: unknown): RunEvent | SteplineError {
  try {
    return readEvent(chunk);
  } catch (cause) {
    // The readers are iterative and depth-capped; this is the last line that keeps one hostile record
    // (a getter that throws, a stack overflow) from taking the rest of its batch down with it.
    return unreadable(cause, chunk);
  }
}

/**
 * The run a wire chunk names: the envelope's `runId`, or for the legacy `start` / `finish` records their
 * payload's. Undefined when it names none (then it is taken to be about the run being read).
 *
 * @example
 * chunkRunId({ type: 'workflow-step-start', runId: 'r1', payload: { id: 'a' } }); // 'r1'
 */
export function chunkRunId(chunk: unknown): string | undefined {
  const record = asRecord(chunk);
  if (!record) return undefined;
  const own = toOptionalString(record.runId);
  if (own !== undefined || (record.type !== 'start' && record.type !== 'finish')) return own;
  return toOptionalString(asRecord(record.payload)?.runId);
}

function readEvent(chunk: unknown): RunEvent | SteplineError {
  const record = asRecord(chunk);
  const type = record?.type;
  if (record === undefined || typeof type !== 'string' || type === '') {
    return invalid('A stream record has no `type`; it is not a Mastra event.', chunk);
  }
  const payload = record.payload;
  // The two types most of a stream is, compared first: the table's lookup hashed each record's fresh
  // type text (JSON.parse does not intern values), every event.
  const eventType =
    type === 'workflow-step-start'
      ? 'step-start'
      : type === 'workflow-step-result'
        ? 'step-result'
        : (eventTypeOfWire.get(type) ?? (type.startsWith('data-') ? 'run-data' : 'unknown'));

  // Exhaustive over `RunEvent`: a new event type is a type error here until it is read from the wire.
  switch (eventType) {
    case 'run-start': {
      const start = asRecord(payload);
      return {
        type: 'run-start',
        runId: toOptionalString(record.runId) ?? toOptionalString(start?.runId),
        workflowId: toOptionalString(start?.workflowId),
      };
    }
    case 'step-start':
    case 'step-result':
    case 'step-suspended':
    case 'step-waiting':
      return normalizeStepEvent(eventType, type, payload, chunk);
    case 'step-progress':
      return normalizeProgress(type, payload, chunk);
    case 'step-output': {
      // `writer.write()` output: `{stepName, output}` with no id. Old servers nested the id in the payload.
      const output = asRecord(payload) ?? {};
      const written = 'output' in output ? output.output : payload;
      return {
        type: 'step-output',
        stepId: toOptionalString(output.id) ?? toOptionalString(output.stepId),
        stepName: toOptionalString(output.stepName),
        output: written,
        agentChunk: normalizeAgentChunk(written),
        // Filled in by `createOutputPositions`, which reads the stream in order.
        stepCallId: undefined,
        position: undefined,
      };
    }
    case 'run-data':
      return {
        type: 'run-data',
        name: type,
        data: 'data' in record ? record.data : payload,
        stepId: toOptionalString(record.stepId) ?? toOptionalString(asRecord(record.metadata)?.stepId),
      };
    case 'run-finish':
      return normalizeFinish(payload, chunk);
    case 'run-canceled':
      return { type: 'run-canceled' };
    case 'run-paused':
      return { type: 'run-paused' };
    case 'run-snapshot': {
      const state = asRecord(asRecord(payload)?.workflowState);
      if (!state) return invalid(`A \`${type}\` event has no \`workflowState\`.`, chunk);
      const snapshot = normalizeSnapshotState({ ...state, runId: record.runId ?? state.runId });
      return snapshot.ok ? { type: 'run-snapshot', snapshot: snapshot.value } : snapshot.error;
    }
    case 'unknown':
      return { type: 'unknown', rawType: type, raw: chunk };
    default:
      return assertNever(eventType, 'The normalizer has no case for an event type');
  }
}

function normalizeProgress(type: string, payload: unknown, chunk: unknown): RunEvent | SteplineError {
  const step = asRecord(payload);
  const stepId = toOptionalString(step?.id);
  const completedCount = step?.completedCount;
  const totalCount = step?.totalCount;
  const currentIndex = step?.currentIndex;
  const iterationStatus = step?.iterationStatus;
  if (
    stepId === undefined ||
    !isCount(completedCount) ||
    !isCount(totalCount) ||
    !isCount(currentIndex) ||
    (iterationStatus !== 'success' && iterationStatus !== 'failed' && iterationStatus !== 'suspended')
  ) {
    return invalid(`A \`${type}\` event has no valid step id or counts.`, chunk);
  }
  return {
    type: 'step-progress',
    stepId,
    hidden: isInternalStepId(stepId),
    completedCount,
    totalCount,
    currentIndex,
    iterationStatus,
    iterationOutput: step!.iterationOutput,
  };
}

function normalizeStepEvent(
  eventType: StepEventType,
  type: string,
  payload: unknown,
  chunk: unknown,
): RunEvent | SteplineError {
  const step = asRecord(payload);
  const stepId = toOptionalString(step?.id);
  if (stepId === undefined) {
    return invalid(`A \`${type}\` event has no step id; it cannot be placed on a step.`, chunk);
  }
  const fields = step!;
  const iteration = asRecord(fields.metadata)?.iterationCount;
  // Each event is built as one literal with the same fields in the same order: this runs for every event.
  const stepCallId = toOptionalString(fields.stepCallId);
  const iterationCount = typeof iteration === 'number' && Number.isInteger(iteration) ? iteration : undefined;
  const hidden = isInternalStepId(stepId);
  const startedAt = toTimestamp(fields.startedAt);
  const input = fields.payload;
  const resumePayload = fields.resumePayload;
  const resumedAt = toTimestamp(fields.resumedAt);

  switch (eventType) {
    case 'step-start':
    case 'step-waiting':
      return {
        type: eventType,
        stepId,
        stepCallId,
        iteration: iterationCount,
        hidden,
        startedAt,
        input,
        resumePayload,
        resumedAt,
      };
    case 'step-suspended':
      return {
        type: 'step-suspended',
        stepId,
        stepCallId,
        iteration: iterationCount,
        hidden,
        startedAt,
        input,
        resumePayload,
        resumedAt,
        ...suspendParts(fields.suspendPayload),
        suspendedAt: toTimestamp(fields.suspendedAt),
      };
    case 'step-result': {
      // A result status Stepline does not know (a newer Mastra's) degrades the step to `unknown`.
      const known = isStepResultStatus(fields.status) ? fields.status : 'unknown';
      const status = known === 'failed' && isCancelAbort(fields.error) ? 'canceled' : known;
      return {
        type: 'step-result',
        stepId,
        stepCallId,
        iteration: iterationCount,
        hidden,
        startedAt,
        input,
        resumePayload,
        resumedAt,
        status,
        output: status === 'success' || status === 'bailed' ? fields.output : undefined,
        error: toSerializedError(fields.error),
        endedAt: toTimestamp(fields.endedAt),
      };
    }
  }
}

/** The payload and the typed container path, in the field order of every suspended event. */
function suspendParts(raw: unknown): {
  suspendPayload: unknown;
  suspendedChildPath: readonly string[] | undefined;
} {
  const { payload, childPath } = readSuspendPayload(raw);
  return { suspendPayload: payload, suspendedChildPath: childPath };
}

function normalizeFinish(payload: unknown, chunk: unknown): RunEvent | SteplineError {
  const finish = payload === undefined || payload === null ? {} : asRecord(payload);
  const status = finish?.workflowStatus;
  if (!finish || (status !== undefined && !isRunStatus(status))) {
    return invalid('A `workflow-finish` event has an unknown status.', chunk);
  }
  const metadata = asRecord(finish.metadata);
  const error =
    toSerializedError(finish.error) ??
    (metadata && (metadata.error !== undefined || metadata.errorMessage !== undefined)
      ? toSerializedError(metadata)
      : undefined);
  return {
    type: 'run-finish',
    status,
    result: finish.finalWorkflowResult ?? finish.result,
    error,
  };
}

function unreadable(cause: unknown, chunk: unknown): SteplineError {
  const error = invalid(
    `A stream record could not be read (${(cause as Error)?.name ?? 'error'}); it was skipped.`,
    chunk,
  );
  return new SteplineError(error.code, error.message, {
    cause,
    ...(error.input === undefined ? {} : { input: error.input }),
  });
}

function invalid(message: string, chunk: unknown, stepId?: string): SteplineError {
  return invalidInput('invalid-event', message, chunk, stepId);
}

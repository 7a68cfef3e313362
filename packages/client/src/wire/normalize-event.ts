import type { RunEvent } from '../model/run-event';
import { err, ok, type Result } from '../util/result';
import { invalidInput, type SteplineError } from '../util/stepline-error';
import { isInternalStepId } from './internal-steps';
import { normalizeSnapshotState } from './normalize-snapshot';
import { isCount, isRunStatus, isStepResultStatus } from './wire-statuses';
import { asRecord, toOptionalString, toSerializedError, toTimestamp } from './wire-values';

type StepKind = 'start' | 'result' | 'suspended' | 'waiting' | 'progress' | 'output';

/**
 * Wire type (without its `workflow-` prefix) -> what it is. Mastra 1.x prefixes workflow events with
 * `workflow-`; older servers and the `/stream-legacy` route send the same events without it.
 */
const stepEventKinds: ReadonlyMap<string, StepKind> = new Map([
  ['step-start', 'start'],
  ['step-result', 'result'],
  ['step-suspended', 'suspended'],
  ['step-waiting', 'waiting'],
  ['step-progress', 'progress'],
  ['step-output', 'output'],
]);

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
  const record = asRecord(chunk);
  const type = record?.type;
  if (record === undefined || typeof type !== 'string' || type === '') {
    return err(invalid('A stream record has no `type`; it is not a Mastra event.', chunk));
  }
  const payload = record.payload;

  const stepKind = stepEventKinds.get(type.startsWith('workflow-step-') ? type.slice(9) : type);
  if (stepKind !== undefined) return normalizeStepEvent(stepKind, type, payload, chunk);

  switch (type) {
    case 'workflow-start':
    case 'start': {
      const start = asRecord(payload);
      return ok({
        type: 'run-start',
        runId: toOptionalString(record.runId) ?? toOptionalString(start?.runId),
        workflowId: toOptionalString(start?.workflowId),
      });
    }
    case 'workflow-finish':
    case 'finish':
      return normalizeFinish(payload, chunk);
    case 'workflow-canceled':
      return ok({ type: 'run-canceled' });
    case 'workflow-paused':
      return ok({ type: 'run-paused' });
    case 'watch': {
      // 0.x `/watch` sent the whole state each time: {currentStep, workflowState: {status, steps, ...}}.
      const state = asRecord(asRecord(payload)?.workflowState);
      if (!state) return err(invalid('A `watch` event has no `workflowState`.', chunk));
      const snapshot = normalizeSnapshotState({ ...state, runId: record.runId ?? state.runId });
      return snapshot.ok ? ok({ type: 'run-snapshot', snapshot: snapshot.value }) : snapshot;
    }
    default:
      if (type.startsWith('data-')) {
        return ok({
          type: 'run-data',
          name: type,
          data: 'data' in record ? record.data : payload,
          stepId: toOptionalString(record.stepId) ?? toOptionalString(asRecord(record.metadata)?.stepId),
        });
      }
      return ok({ type: 'unknown', rawType: type, raw: chunk });
  }
}

function normalizeStepEvent(
  kind: StepKind,
  type: string,
  payload: unknown,
  chunk: unknown,
): Result<RunEvent, SteplineError> {
  const step = asRecord(payload);
  if (kind === 'output') {
    // `writer.write()` output: `{stepName, output}` with no id. Old servers nested the id in the payload.
    const output = step ?? {};
    return ok({
      type: 'step-output',
      stepId: toOptionalString(output.id) ?? toOptionalString(output.stepId),
      stepName: toOptionalString(output.stepName),
      output: 'output' in output ? output.output : payload,
    });
  }

  const stepId = toOptionalString(step?.id);
  if (kind === 'progress') {
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
      return err(invalid(`A \`${type}\` event has no valid step id or counts.`, chunk));
    }
    return ok({
      type: 'step-progress',
      stepId,
      hidden: isInternalStepId(stepId),
      completedCount,
      totalCount,
      currentIndex,
      iterationStatus,
      iterationOutput: step!.iterationOutput,
    });
  }

  if (stepId === undefined) {
    return err(invalid(`A \`${type}\` event has no step id; it cannot be placed on a step.`, chunk));
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

  switch (kind) {
    case 'start':
    case 'waiting':
      return ok({
        type: kind === 'start' ? 'step-start' : 'step-waiting',
        stepId,
        stepCallId,
        iteration: iterationCount,
        hidden,
        startedAt,
        input,
        resumePayload,
        resumedAt,
      });
    case 'suspended':
      return ok({
        type: 'step-suspended',
        stepId,
        stepCallId,
        iteration: iterationCount,
        hidden,
        startedAt,
        input,
        resumePayload,
        resumedAt,
        suspendPayload: fields.suspendPayload,
        suspendedAt: toTimestamp(fields.suspendedAt),
      });
    case 'result': {
      const status = fields.status;
      if (!isStepResultStatus(status)) {
        return err(
          invalid(`A \`${type}\` event for step \`${stepId}\` has an unknown status.`, chunk, stepId),
        );
      }
      return ok({
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
      });
    }
  }
}

function normalizeFinish(payload: unknown, chunk: unknown): Result<RunEvent, SteplineError> {
  const finish = payload === undefined || payload === null ? {} : asRecord(payload);
  const status = finish?.workflowStatus;
  if (!finish || (status !== undefined && !isRunStatus(status))) {
    return err(invalid('A `workflow-finish` event has an unknown status.', chunk));
  }
  const metadata = asRecord(finish.metadata);
  const error =
    toSerializedError(finish.error) ??
    (metadata && (metadata.error !== undefined || metadata.errorMessage !== undefined)
      ? toSerializedError(metadata)
      : undefined);
  return ok({
    type: 'run-finish',
    status,
    result: finish.finalWorkflowResult ?? finish.result,
    error,
  });
}

function invalid(message: string, chunk: unknown, stepId?: string): SteplineError {
  return invalidInput('invalid-event', message, chunk, stepId);
}

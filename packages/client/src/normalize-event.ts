import { isInternalStepId } from './internal-steps';
import {
  chunkEnvelopeSchema,
  runFinishPayloadSchema,
  runStatusSchema,
  stepPayloadSchema,
  stepProgressPayloadSchema,
  stepResultStatusSchema,
} from './mastra-wire-schema';
import { normalizeSnapshot } from './normalize-snapshot';
import { err, ok, type Result } from './result';
import type { RunEvent, RunStatus, StepEventBase } from './run-event';
import { excerpt, SteplineError } from './stepline-error';
import { asRecord, toOptionalString, toSerializedError, toTimestamp } from './wire-values';

type StepKind = 'start' | 'result' | 'suspended' | 'waiting' | 'progress' | 'output';

/**
 * Wire type -> what it is. Mastra 1.x prefixes workflow events with `workflow-`; older servers and the
 * `/stream-legacy` route send the same events without it.
 */
const stepEventKinds: Record<string, StepKind> = {
  'workflow-step-start': 'start',
  'step-start': 'start',
  'workflow-step-result': 'result',
  'step-result': 'result',
  'workflow-step-suspended': 'suspended',
  'step-suspended': 'suspended',
  'workflow-step-waiting': 'waiting',
  'step-waiting': 'waiting',
  'workflow-step-progress': 'progress',
  'step-progress': 'progress',
  'workflow-step-output': 'output',
  'step-output': 'output',
};

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
  const envelope = chunkEnvelopeSchema.safeParse(chunk);
  if (!envelope.success) {
    return err(invalid('A stream record has no `type`; it is not a Mastra event.', chunk));
  }
  const { type, payload } = envelope.data;

  const stepKind = stepEventKinds[type];
  if (stepKind !== undefined) return normalizeStepEvent(stepKind, type, payload, chunk);

  switch (type) {
    case 'workflow-start':
    case 'start': {
      const record = asRecord(payload);
      return ok({
        type: 'run-start',
        runId: toOptionalString(envelope.data.runId) ?? toOptionalString(record?.runId),
        workflowId: toOptionalString(record?.workflowId),
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
      const snapshot = normalizeSnapshot({ ...state, runId: envelope.data.runId ?? state.runId });
      return snapshot.ok ? ok({ type: 'run-snapshot', snapshot: snapshot.value }) : snapshot;
    }
    default:
      if (type.startsWith('data-')) {
        const record = chunk as Record<string, unknown>;
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
  if (kind === 'output') {
    // `writer.write()` output: `{stepName, output}` with no id. Old servers nested the id in the payload.
    const record = asRecord(payload) ?? {};
    return ok({
      type: 'step-output',
      stepId: toOptionalString(record.id) ?? toOptionalString(record.stepId),
      stepName: toOptionalString(record.stepName),
      output: 'output' in record ? record.output : payload,
    });
  }

  if (kind === 'progress') {
    const parsed = stepProgressPayloadSchema.safeParse(payload);
    if (!parsed.success) return err(invalid(`A \`${type}\` event has no valid step id or counts.`, chunk));
    const progress = parsed.data;
    return ok({
      type: 'step-progress',
      stepId: progress.id,
      hidden: isInternalStepId(progress.id),
      completedCount: progress.completedCount,
      totalCount: progress.totalCount,
      currentIndex: progress.currentIndex,
      iterationStatus: progress.iterationStatus,
      iterationOutput: progress.iterationOutput,
    });
  }

  const parsed = stepPayloadSchema.safeParse(payload);
  if (!parsed.success) {
    return err(invalid(`A \`${type}\` event has no step id; it cannot be placed on a step.`, chunk));
  }
  const step = parsed.data;
  const metadata = asRecord(step.metadata);
  const iteration = metadata?.iterationCount;
  const base: StepEventBase = {
    stepId: step.id,
    stepCallId: toOptionalString(step.stepCallId),
    iteration: typeof iteration === 'number' && Number.isInteger(iteration) ? iteration : undefined,
    hidden: isInternalStepId(step.id),
    startedAt: toTimestamp(step.startedAt),
    input: step.payload,
    resumePayload: step.resumePayload,
    resumedAt: toTimestamp(step.resumedAt),
  };

  switch (kind) {
    case 'start':
      return ok({ type: 'step-start', ...base });
    case 'waiting':
      return ok({ type: 'step-waiting', ...base });
    case 'suspended':
      return ok({
        type: 'step-suspended',
        ...base,
        suspendPayload: step.suspendPayload,
        suspendedAt: toTimestamp(step.suspendedAt),
      });
    case 'result': {
      const status = stepResultStatusSchema.safeParse(step.status);
      if (!status.success) {
        return err(
          invalid(`A \`${type}\` event for step \`${step.id}\` has an unknown status.`, chunk, step.id),
        );
      }
      return ok({
        type: 'step-result',
        ...base,
        status: status.data,
        output: status.data === 'success' || status.data === 'bailed' ? step.output : undefined,
        error: toSerializedError(step.error),
        endedAt: toTimestamp(step.endedAt),
      });
    }
  }
}

function normalizeFinish(payload: unknown, chunk: unknown): Result<RunEvent, SteplineError> {
  const parsed = runFinishPayloadSchema.safeParse(payload ?? {});
  if (!parsed.success) return err(invalid('A `workflow-finish` event has an unknown status.', chunk));
  const finish = parsed.data;
  const metadata = asRecord(finish.metadata);
  const status: RunStatus | undefined = finish.workflowStatus;
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
  let text: string;
  try {
    text = JSON.stringify(chunk) ?? String(chunk);
  } catch {
    text = String(chunk);
  }
  return new SteplineError(
    'invalid-event',
    message,
    stepId ? { input: excerpt(text), stepId } : { input: excerpt(text) },
  );
}

/** Exported for tests: the run statuses the wire may name. */
export const knownRunStatuses: readonly RunStatus[] = runStatusSchema.options;

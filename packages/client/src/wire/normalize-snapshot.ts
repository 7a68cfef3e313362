import type { RunSnapshot, RunStatus, SnapshotStep } from '../model/run-event';
import { err, ok, type Result } from '../util/result';
import { invalidInput, SteplineError } from '../util/stepline-error';
import { isInternalStepId } from './internal-steps';
import { isCancelAbort, isRunStatus, toStepStatus } from './wire-statuses';
import { asRecord, omitUndefined, toOptionalString, toSerializedError, toTimestamp } from './wire-values';
import { readSuspendPayload } from './workflow-meta';

/**
 * Reads a run as the server stores it: the body of `GET /workflows/:id/runs/:runId`, an entry of the runs
 * list (`{runId, workflowName, snapshot}` where `snapshot` may be a JSON string), or a 0.x `watch` state.
 *
 * A step with a status Stepline does not know is read with the status `unknown`: it is shown as such, and
 * ranks below every known status, so it never moves a step the stream saw forward or back.
 *
 * @example
 * const response = await fetch(`${api}/workflows/content-brief/runs/${runId}`);
 * const snapshot = normalizeSnapshot(await response.json());
 * if (snapshot.ok) store.hydrate(snapshot.value);
 */
export function normalizeSnapshot(input: unknown): Result<RunSnapshot, SteplineError> {
  try {
    return normalizeSnapshotState(unwrapRunListEntry(input), input);
  } catch (cause) {
    // Readers are iterative and depth-capped; this keeps one hostile run (a stack overflow, a throwing
    // getter) from hiding the other runs of a list.
    return err(
      new SteplineError(
        'invalid-snapshot',
        `A run snapshot could not be read (${(cause as Error)?.name ?? 'error'}).`,
        {
          cause,
        },
      ),
    );
  }
}

/**
 * A stored run state itself (not a runs-list entry around one): what 0.x `watch` events carry. Kept apart
 * so the stream parser does not ship the runs-list unwrapping.
 */
export function normalizeSnapshotState(
  unwrapped: unknown,
  input: unknown = unwrapped,
): Result<RunSnapshot, SteplineError> {
  const raw = asRecord(unwrapped);
  const rawSteps = raw?.steps;
  if (
    !raw ||
    (raw.status !== undefined && typeof raw.status !== 'string') ||
    (rawSteps !== undefined && !asRecord(rawSteps))
  ) {
    return err(invalidSnapshot('A run snapshot is not an object.', input));
  }

  const status = raw.status ?? 'pending';
  if (!isRunStatus(status)) {
    return err(invalidSnapshot(`A run snapshot has an unknown status \`${String(raw.status)}\`.`, input));
  }

  const steps: Record<string, SnapshotStep> = {};
  // `GET /workflows/:id/runs` stores step results under `context` (beside `context.input`), not `steps`.
  const stepSource = asRecord(rawSteps) ?? asRecord(raw.context) ?? {};
  for (const [stepId, value] of Object.entries(stepSource)) {
    // Mastra 1.x keeps the run input under `context.input` in older stores; it is not a step.
    if (stepId === 'input' && !isStepShaped(value)) continue;
    const data = asRecord(value);
    if (!data) {
      return err(invalidSnapshot(`Step \`${stepId}\` of a run snapshot is not an object.`, input, stepId));
    }
    // A status Stepline does not know (a newer Mastra's) degrades this step to `unknown`, nothing more.
    const read = toStepStatus(data.status);
    const status = read === 'failed' && isCancelAbort(data.error) ? 'canceled' : read;
    const iteration = asRecord(data.metadata)?.iterationCount;
    const suspend = readSuspendPayload(data.suspendPayload);
    steps[stepId] = omitUndefined({
      status,
      hidden: isInternalStepId(stepId) || undefined,
      iteration: typeof iteration === 'number' && Number.isInteger(iteration) ? iteration : undefined,
      input: data.payload,
      output: status === 'success' || status === 'bailed' ? data.output : undefined,
      error: toSerializedError(data.error),
      suspendPayload: suspend.payload,
      suspendedChildPath: suspend.childPath,
      resumePayload: data.resumePayload,
      startedAt: toTimestamp(data.startedAt),
      endedAt: toTimestamp(data.endedAt),
      suspendedAt: toTimestamp(data.suspendedAt),
      resumedAt: toTimestamp(data.resumedAt),
    }) as unknown as SnapshotStep;
  }

  markSuspendedContainers(steps);
  const runStatus: RunStatus = status;
  return ok({
    runId: toOptionalString(raw.runId),
    workflowId: toOptionalString(raw.workflowName),
    status: runStatus,
    input: raw.payload ?? asRecord(raw.context)?.input,
    result: raw.result,
    error: toSerializedError(raw.error),
    steps,
    createdAt: toTimestamp(raw.createdAt),
    updatedAt: toTimestamp(raw.updatedAt),
  });
}

/**
 * Mastra stores a nested workflow's container step as `running` while a step inside it is suspended (the
 * stream says `suspended` for both). Left as is, a page loaded from the snapshot alone would show a
 * suspended run as running; the container takes its suspended child's status and time instead.
 */
function markSuspendedContainers(steps: Record<string, SnapshotStep>): void {
  // One pass over the suspended steps, walking up each one's path: linear in the steps (times the
  // nesting depth), where comparing every running step with every other one was quadratic (8,000 running
  // steps took 1.3 s on every poll).
  const latestSuspend = new Map<string, number | undefined>();
  for (const [id, step] of Object.entries(steps)) {
    if (step.status !== 'suspended') continue;
    for (let dot = id.lastIndexOf('.'); dot > 0; dot = id.lastIndexOf('.', dot - 1)) {
      const container = id.slice(0, dot);
      const known = latestSuspend.get(container);
      const at = step.suspendedAt;
      if (!latestSuspend.has(container) || (at !== undefined && (known === undefined || at > known))) {
        latestSuspend.set(container, at ?? known);
      }
    }
  }
  for (const [id, suspendedAt] of latestSuspend) {
    const container = steps[id];
    if (container?.status !== 'running') continue;
    steps[id] = {
      ...container,
      status: 'suspended',
      ...(suspendedAt === undefined ? {} : { suspendedAt }),
    };
  }
}

/**
 * The runs list wraps the state in `snapshot`, sometimes as a JSON string: the state with the entry's
 * own `runId`, `workflowName`, `status` and times where the state lacks them. Anything else as given.
 */
export function unwrapRunListEntry(input: unknown): unknown {
  const record = asRecord(input);
  if (!record || !('snapshot' in record) || 'steps' in record) return input;
  let inner = record.snapshot;
  if (typeof inner === 'string') {
    try {
      inner = JSON.parse(inner);
    } catch {
      return input;
    }
  }
  const innerRecord = asRecord(inner);
  if (!innerRecord) return input;
  return {
    ...innerRecord,
    runId: innerRecord.runId ?? record.runId,
    workflowName: innerRecord.workflowName ?? record.workflowName,
    status: innerRecord.status ?? record.status,
    createdAt: innerRecord.createdAt ?? record.createdAt,
    updatedAt: innerRecord.updatedAt ?? record.updatedAt,
  };
}

function isStepShaped(value: unknown): boolean {
  return typeof asRecord(value)?.status === 'string';
}

function invalidSnapshot(message: string, input: unknown, stepId?: string): SteplineError {
  return invalidInput('invalid-snapshot', message, input, stepId);
}

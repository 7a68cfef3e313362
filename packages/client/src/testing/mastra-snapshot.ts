/**
 * What Mastra would store for a run, worked out from its stream: the body of `GET /workflows/:id/runs/:runId`
 * and of a `GET /workflows/:id/runs` entry. Written straight from the wire chunks, independently of
 * Stepline's reducer, so a test that compares the two is not comparing a thing with itself.
 *
 * Mastra's own quirks are kept (see apps/mastra-server/README.md): a loop keeps only its last iteration,
 * a `bailed` step is stored as `success`, a suspended container of a nested workflow is `running`, a
 * resume drops the step's `suspendPayload`, and a `success` finish while steps are still suspended (one of
 * two parallel approvals resumed) leaves the run `suspended`.
 */

export interface MastraSnapshotOptions {
  readonly runId: string;
  readonly workflowId: string;
  /** The run input (`inputData` of the stream request). Default: the first step's input. */
  readonly input?: unknown;
  /** A segment is still streaming: the run is `running` (or `waiting` in a sleep) whatever came before. */
  readonly live?: boolean;
  /** The run was canceled through the cancel route. */
  readonly canceled?: boolean;
  readonly resourceId?: string | null;
  readonly createdAt?: Date;
  readonly updatedAt?: Date;
  /** `serializedStepGraph`; default `[]`. */
  readonly stepGraph?: readonly unknown[];
}

type Json = Record<string, unknown>;

const storedKeyOrder = ['payload', 'startedAt', 'status'];

function asRecord(value: unknown): Json | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
}

function put(record: Json, key: string, value: unknown): void {
  if (value !== undefined) record[key] = value;
}

/** The fields a step event shares with the stored step, in the stored key order. */
function stepBase(payload: Json, status: string): Json {
  const entry: Json = {};
  put(entry, 'payload', payload.payload);
  put(entry, 'startedAt', payload.startedAt);
  entry.status = status;
  return entry;
}

function addExecutionFields(entry: Json, payload: Json): void {
  put(entry, 'metadata', payload.metadata);
  put(entry, 'resumePayload', payload.resumePayload);
  put(entry, 'resumedAt', payload.resumedAt);
}

function hasErrorMessage(value: unknown): boolean {
  const record = asRecord(value);
  return typeof record?.message === 'string' && record.message !== '';
}

/**
 * The run as `GET /workflows/:id/runs/:runId` returns it, derived from the chunks streamed so far.
 * @example
 * const snapshot = mastraSnapshotFromEvents(events, { runId: 'run-1', workflowId: 'content-brief' });
 * // { runId, workflowName, resourceId: null, createdAt, updatedAt, status: 'suspended', payload, steps, … }
 */
export function mastraSnapshotFromEvents(events: readonly unknown[], options: MastraSnapshotOptions): Json {
  const steps: Record<string, Json> = {};
  let lastFinish: Json | undefined;
  let canceled = options.canceled ?? false;
  let lastFailedError: unknown;
  /** Step events since the last `workflow-start`: a segment without any changed no step. */
  let segmentHasSteps = false;

  for (const raw of events) {
    const chunk = asRecord(raw);
    // A server stores only its own run: chunks naming another run (scripted faults) are not part of it.
    if (!chunk || (typeof chunk.runId === 'string' && chunk.runId !== options.runId)) continue;
    const payload = asRecord(chunk.payload) ?? {};
    const id = typeof payload.id === 'string' ? payload.id : undefined;
    if (typeof chunk.type === 'string' && chunk.type.startsWith('workflow-step-')) segmentHasSteps = true;
    switch (chunk.type) {
      case 'workflow-start':
        segmentHasSteps = false;
        break;
      case 'workflow-step-start': {
        if (!id) break;
        // The next iteration of a loop over a nested workflow starts that workflow afresh: the inner steps
        // of the previous iteration are gone (a resume, which repeats the iteration count, keeps them).
        const iteration = asRecord(payload.metadata)?.iterationCount;
        const storedIteration = asRecord(steps[id]?.metadata)?.iterationCount;
        if (iteration !== undefined && storedIteration !== undefined && iteration !== storedIteration) {
          for (const inner of Object.keys(steps)) if (inner.startsWith(`${id}.`)) delete steps[inner];
        }
        // A new execution (next loop iteration, or a resume) replaces the stored one entirely.
        const entry = stepBase(payload, 'running');
        addExecutionFields(entry, payload);
        steps[id] = entry;
        break;
      }
      case 'workflow-step-waiting':
        if (id) steps[id] = stepBase(payload, 'waiting');
        break;
      case 'workflow-step-suspended': {
        if (!id) break;
        const entry = stepBase(payload, 'suspended');
        put(entry, 'suspendPayload', payload.suspendPayload);
        put(entry, 'suspendedAt', payload.suspendedAt);
        addExecutionFields(entry, payload);
        steps[id] = entry;
        break;
      }
      case 'workflow-step-result': {
        if (!id) break;
        const previous = steps[id] ?? {};
        const status = payload.status === 'bailed' ? 'success' : String(payload.status ?? 'success');
        const entry: Json = { ...previous, ...stepBase({ ...previous, ...payload }, status) };
        addExecutionFields(entry, { ...previous, ...payload });
        delete entry.output;
        delete entry.error;
        if (status === 'success') put(entry, 'output', payload.output);
        if (payload.error !== undefined) {
          entry.error = payload.error;
          lastFailedError = payload.error;
        }
        put(entry, 'endedAt', payload.endedAt);
        steps[id] = reorder(entry);
        break;
      }
      case 'workflow-canceled':
        canceled = true;
        break;
      case 'workflow-finish': {
        // A refused resume (nothing suspended, several suspended steps and no `step`, bad resume data for a
        // top-level step) is a segment that fails before any step runs: the stored run does not change.
        const refused =
          payload.workflowStatus === 'failed' &&
          !segmentHasSteps &&
          asRecord(payload.metadata)?.errorMessage !== undefined &&
          Object.keys(steps).length > 0;
        if (!refused) lastFinish = payload;
        break;
      }
    }
  }

  // Mastra stores a suspended nested workflow's container as running; only the leaf says suspended.
  const suspendedIds = Object.keys(steps).filter((id) => steps[id]!.status === 'suspended');
  for (const id of suspendedIds) {
    if (suspendedIds.some((other) => other.startsWith(`${id}.`)))
      steps[id] = { ...steps[id]!, status: 'running' };
  }
  const leafSuspended = Object.values(steps).some((step) => step.status === 'suspended');

  const metadata = asRecord(lastFinish?.metadata);
  const finishError = metadata?.error;
  const invalidInput =
    asRecord(finishError)?.code === 'WORKFLOW_SCHEMA_VALIDATION_FAILED' && Object.keys(steps).length === 0;

  let status: string;
  if (canceled) status = 'canceled';
  else if (options.live) {
    status = Object.values(steps).some((step) => step.status === 'waiting') ? 'waiting' : 'running';
  } else if (invalidInput) status = 'pending';
  else if (lastFinish) {
    const finished = String(lastFinish.workflowStatus ?? 'success');
    status =
      finished === 'bailed' ? 'success' : finished === 'success' && leafSuspended ? 'suspended' : finished;
  } else status = events.length > 0 ? 'running' : 'pending';

  const firstStep = Object.values(steps)[0];
  const input = invalidInput ? undefined : (options.input ?? firstStep?.payload);
  const suspendedPaths: Record<string, number[]> = {};
  const activeStepsPath: Record<string, number[]> = {};
  for (const [id, index] of graphPositions(steps)) {
    const step = steps[id];
    if (!step) continue;
    if (step.suspendPayload !== undefined && (step.status === 'suspended' || step.status === 'running')) {
      suspendedPaths[id] = [index];
    } else if (options.live && (step.status === 'running' || step.status === 'waiting')) {
      activeStepsPath[id] = [index];
    }
  }

  const createdAt = (options.createdAt ?? new Date()).toISOString();
  const snapshot: Json = {
    runId: options.runId,
    workflowName: options.workflowId,
    resourceId: options.resourceId ?? null,
    createdAt,
    updatedAt: (options.updatedAt ?? options.createdAt ?? new Date()).toISOString(),
    status,
  };
  if (status === 'success') put(snapshot, 'result', lastFinish?.finalWorkflowResult);
  if (status === 'failed') {
    put(snapshot, 'error', hasErrorMessage(finishError) ? finishError : (lastFailedError ?? finishError));
  }
  put(snapshot, 'payload', input);
  snapshot.steps = steps;
  snapshot.activeStepsPath = activeStepsPath;
  snapshot.serializedStepGraph = options.stepGraph ?? [];
  snapshot.suspendedPaths = suspendedPaths;
  snapshot.resumeLabels = {};
  snapshot.waitingPaths = {};
  return snapshot;
}

/**
 * Each top-level step's position in the step graph, as Mastra's paths give it. Without the graph, steps
 * that started at the same moment are taken as branches of one `.parallel()` block, which shares a position.
 */
function graphPositions(steps: Readonly<Record<string, Json>>): Map<string, number> {
  const positions = new Map<string, number>();
  let index = -1;
  let previousStart: unknown;
  for (const id of Object.keys(steps)) {
    if (id.includes('.')) continue;
    const startedAt = steps[id]!.startedAt;
    if (index === -1 || startedAt === undefined || startedAt !== previousStart) index++;
    previousStart = startedAt;
    positions.set(id, index);
  }
  return positions;
}

/** Stored steps list `payload, startedAt, status` first, as Mastra writes them. */
function reorder(entry: Json): Json {
  const ordered: Json = {};
  for (const key of storedKeyOrder) put(ordered, key, entry[key]);
  for (const [key, value] of Object.entries(entry)) if (!(key in ordered)) put(ordered, key, value);
  return ordered;
}

/**
 * One entry of `GET /workflows/:id/runs`: Mastra wraps the stored state in `snapshot`, with the step
 * results under `context` (next to the run `input`) instead of `steps`.
 * @example
 * const body = { runs: [mastraRunListEntry(snapshot)], total: 1 };
 */
export function mastraRunListEntry(snapshot: Readonly<Record<string, unknown>>): Json {
  const steps = asRecord(snapshot.steps) ?? {};
  const stored: Json = {
    runId: snapshot.runId,
    status: snapshot.status,
    value: {},
    context: { ...(snapshot.payload === undefined ? {} : { input: snapshot.payload }), ...steps },
    activePaths: [],
    stepExecutionPath: Object.keys(steps),
    activeStepsPath: snapshot.activeStepsPath ?? {},
    serializedStepGraph: snapshot.serializedStepGraph ?? [],
    suspendedPaths: snapshot.suspendedPaths ?? {},
    waitingPaths: snapshot.waitingPaths ?? {},
    resumeLabels: snapshot.resumeLabels ?? {},
  };
  put(stored, 'result', snapshot.result);
  put(stored, 'error', snapshot.error);
  stored.requestContext = {};
  stored.timestamp = Date.parse(String(snapshot.updatedAt)) || Date.now();
  return {
    workflowName: snapshot.workflowName,
    runId: snapshot.runId,
    snapshot: stored,
    resourceId: snapshot.resourceId ?? null,
    createdAt: snapshot.createdAt,
    updatedAt: snapshot.updatedAt,
  };
}

import type {
  RunDataEvent,
  RunEvent,
  RunSnapshot,
  RunStatus,
  SerializedError,
  SnapshotStep,
  StepEventBase,
  StepStatus,
} from './run-event';
import type { RunFacts, RunState, StepExecution, StepProgress, StepState } from './run-state';
import { editStepMap, type StepMapEditor } from './step-map';

/**
 * The run reducer: `(state, event) => state`, pure, with structural sharing (a step nothing touched keeps
 * its object identity) and idempotent by construction.
 *
 * Mastra's `observe` replays history with no event ids, and snapshots lag behind the stream, so every
 * event is treated as a *fact* with a time and merged in: a step's status is the status of its latest
 * fact (by the server's own timestamps, then by how far along the fact is), fields are joined (first
 * input wins, the latest suspend payload wins), and lists are deduplicated. Applying a fact twice, or an
 * old one late, finds nothing newer to say and returns the very same state object.
 *
 * @example
 * let state = createRunState();
 * for (const event of events) state = runReducer(state, event);
 */
export function runReducer(state: RunState, event: RunEvent): RunState {
  return reduceRunEvents(state, [event]);
}

/**
 * Applies many events at once. Equivalent to folding `runReducer`, but containers are copied once per
 * call instead of once per event, so a network chunk of hundreds of events costs what one does.
 *
 * @example
 * store.setState(reduceRunEvents(store.getSnapshot(), eventsFromOneChunk));
 */
export function reduceRunEvents(state: RunState, events: readonly RunEvent[]): RunState {
  const draft = new RunDraft(state);
  for (const event of events) applyEvent(draft, event);
  return draft.finish();
}

/**
 * Merges a snapshot into a state without moving anything backwards: a step the stream saw finish stays
 * finished when the snapshot (written late, as Mastra does for parallel branches) still says running.
 *
 * @example
 * state = mergeSnapshot(state, snapshot);
 */
export function mergeSnapshot(state: RunState, snapshot: RunSnapshot): RunState {
  return reduceRunEvents(state, [{ type: 'run-snapshot', snapshot }]);
}

/**
 * How far along a fact is, to order facts with the same timestamp: tens for the phase, units to break ties
 * between statuses of one phase in a fixed order, so merging is the same whichever fact came first (the
 * stream says `bailed` where the stored snapshot says `success` for the same moment).
 */
const rankOf: Record<StepStatus, number> = {
  pending: 0,
  waiting: 10,
  running: 20,
  paused: 30,
  suspended: 31,
  success: 40,
  skipped: 41,
  bailed: 42,
  tripwire: 43,
  canceled: 44,
  failed: 45,
};

/** Statuses whose output is the step's result: `bail(result)` ends a run early with one. */
function keepsOutput(status: StepStatus | undefined): boolean {
  return status === 'success' || status === 'bailed';
}

/** What one event or snapshot says about one execution. Every field is always present: one object shape. */
interface StepFact {
  status: StepStatus | undefined;
  at: number;
  stepCallId: string | undefined;
  iteration: number | undefined;
  input: unknown;
  output: unknown;
  error: SerializedError | undefined;
  suspendPayload: unknown;
  resumePayload: unknown;
  startedAt: number | undefined;
  endedAt: number | undefined;
  suspendedAt: number | undefined;
  resumedAt: number | undefined;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * A copy-on-write view of a state for one batch of events. Objects created during the batch are owned
 * and mutated in place; shared ones are copied on first write. `finish()` returns the original state
 * when nothing changed.
 */
class RunDraft {
  private readonly base: RunState;
  /** Objects this batch created: changed in place. A plain Set: it lives as long as the batch. */
  private readonly owned = new Set<object>();
  private root: Mutable<RunState> | undefined;
  private steps: StepMapEditor | undefined;
  private stepIds: string[] | undefined;
  private facts: Mutable<RunFacts> | undefined;

  constructor(base: RunState) {
    this.base = base;
  }

  get current(): RunState {
    return this.root ?? this.base;
  }

  private writableRoot(): Mutable<RunState> {
    if (!this.root) {
      this.root = { ...this.base };
      this.owned.add(this.root);
    }
    return this.root;
  }

  set<K extends keyof RunState>(key: K, value: RunState[K]): void {
    if (Object.is(this.current[key], value)) return;
    this.writableRoot()[key] = value;
  }

  getStep(id: string): StepState | undefined {
    return this.steps ? this.steps.get(id) : this.base.steps.get(id);
  }

  /** A step this batch may mutate in place. */
  isOwned(value: object): boolean {
    return this.owned.has(value);
  }

  own<T extends object>(value: T): T {
    this.owned.add(value);
    return value;
  }

  /** `existing`: the step as `getStep` returned it before this change, to save a second lookup. */
  putStep(step: StepState, existing: StepState | undefined = this.getStep(step.id)): void {
    if (existing === step) return;
    if (!this.steps) {
      this.steps = editStepMap(this.base.steps);
      this.writableRoot();
    }
    this.steps.set(step, existing);
    if (!existing) this.insertStepId(step);
  }

  /** Keeps `stepIds` in start order, so a timeline built from a snapshot and one built live agree. */
  private insertStepId(step: StepState): void {
    if (!this.stepIds) {
      this.stepIds = [...this.base.stepIds];
      this.writableRoot().stepIds = this.stepIds;
    }
    const ids = this.stepIds;
    const startedAt = step.startedAt;
    let index = ids.length;
    if (startedAt !== undefined) {
      while (index > 0) {
        const previous = this.getStep(ids[index - 1]!)?.startedAt;
        if (previous === undefined || previous <= startedAt) break;
        index--;
      }
    }
    if (index === ids.length) ids.push(step.id);
    else ids.splice(index, 0, step.id);
  }

  writableFacts(): Mutable<RunFacts> {
    if (!this.facts) {
      this.facts = { ...this.current.facts };
      this.writableRoot().facts = this.facts;
    }
    return this.facts;
  }

  finish(): RunState {
    if (!this.root) return this.base;
    const root = this.root;
    if (this.steps) root.steps = this.steps.finish();
    deriveRunSummary(root);
    return root;
  }
}

function applyEvent(draft: RunDraft, event: RunEvent): void {
  switch (event.type) {
    case 'run-start':
      if (!draft.current.runId && event.runId) draft.set('runId', event.runId);
      if (!draft.current.workflowId && event.workflowId) draft.set('workflowId', event.workflowId);
      setFact(draft, 'started', true);
      return;
    case 'step-start':
      applyStepFact(draft, event, stepFact(event, 'running', startTime(event)));
      return;
    case 'step-waiting':
      applyStepFact(draft, event, stepFact(event, 'waiting', event.startedAt ?? -Infinity));
      return;
    case 'step-suspended': {
      const fact = stepFact(event, 'suspended', event.suspendedAt ?? startTime(event));
      fact.suspendPayload = event.suspendPayload;
      fact.suspendedAt = event.suspendedAt;
      applyStepFact(draft, event, fact);
      return;
    }
    case 'step-result': {
      const fact = stepFact(event, event.status, event.endedAt ?? startTime(event));
      fact.output = event.output;
      fact.error = event.error;
      fact.endedAt = event.endedAt;
      applyStepFact(draft, event, fact);
      return;
    }
    case 'step-progress':
      applyProgress(draft, event);
      return;
    case 'step-output':
      applyWrite(draft, event.stepId, event.stepName, event.output);
      return;
    case 'run-data':
      applyData(draft, event);
      return;
    case 'run-canceled':
      setFact(draft, 'canceled', true);
      return;
    case 'run-paused':
      setFact(draft, 'paused', true);
      return;
    case 'run-finish':
      setFact(draft, 'started', true);
      if (event.status) addFinish(draft, event.status, event.result, event.error);
      return;
    case 'run-snapshot':
      applySnapshot(draft, event.snapshot);
      return;
    case 'unknown':
      return;
  }
}

/**
 * One fact object for every event: a fact is read while it is applied and never kept (executions copy
 * what they need), so refilling it saves an allocation per event on the ingest path.
 */
const scratchFact: StepFact = {
  status: undefined,
  at: 0,
  stepCallId: undefined,
  iteration: undefined,
  input: undefined,
  output: undefined,
  error: undefined,
  suspendPayload: undefined,
  resumePayload: undefined,
  startedAt: undefined,
  endedAt: undefined,
  suspendedAt: undefined,
  resumedAt: undefined,
};

function stepFact(event: StepEventBase, status: StepStatus, at: number): StepFact {
  const fact = scratchFact;
  fact.status = status;
  fact.at = at;
  fact.stepCallId = event.stepCallId;
  fact.iteration = event.iteration;
  fact.input = event.input;
  fact.output = undefined;
  fact.error = undefined;
  fact.suspendPayload = undefined;
  fact.resumePayload = event.resumePayload;
  fact.startedAt = event.startedAt;
  fact.endedAt = undefined;
  fact.suspendedAt = undefined;
  fact.resumedAt = event.resumedAt;
  return fact;
}

/** A loop's next iteration repeats the previous resume time, so the later of the two is the start. */
function startTime(event: StepEventBase): number {
  return Math.max(event.resumedAt ?? -Infinity, event.startedAt ?? -Infinity);
}

function setFact<K extends 'started' | 'canceled' | 'paused'>(draft: RunDraft, key: K, value: boolean): void {
  if (draft.current.facts[key] === value) return;
  draft.writableFacts()[key] = value;
}

function addFinish(draft: RunDraft, status: RunStatus, result: unknown, error: SerializedError | undefined) {
  // One entry per status, each field filled by the first finish that has it: a replayed finish adds
  // nothing, and the real result still lands when a wrong `success` without one (a resume segment of
  // parallel approvals) came first.
  const existing = draft.current.facts.finishes[status];
  const next = {
    result: existing?.result !== undefined ? existing.result : result,
    error: existing?.error ?? error,
  };
  if (existing && Object.is(existing.result, next.result) && existing.error === next.error) return;
  const facts = draft.writableFacts();
  facts.finishes = { ...facts.finishes, [status]: next };
}

function applyStepFact(draft: RunDraft, event: { stepId: string; hidden: boolean }, fact: StepFact): void {
  const existing = draft.getStep(event.stepId);
  const step = existing ?? createStep(event.stepId, event.hidden);
  const index = findExecution(step, fact);
  const executions = step.executions;
  let next: StepExecution[] | undefined;
  let changed: StepExecution;
  if (index === -1) {
    changed = draft.own(createExecution(fact));
    next = draft.isOwned(executions) ? (executions as StepExecution[]) : draft.own([...executions]);
    insertExecution(next, changed);
  } else {
    const merged = mergeExecution(draft, executions[index]!, fact);
    if (merged === undefined) return;
    changed = merged;
    next = draft.isOwned(executions) ? (executions as StepExecution[]) : draft.own([...executions]);
    next[index] = merged;
  }
  draft.putStep(refreshStep(draft, step, next, changed), existing);
}

function createStep(id: string, hidden: boolean): StepState {
  const lastDot = id.lastIndexOf('.');
  return {
    id,
    parentId: lastDot === -1 ? undefined : id.slice(0, lastDot),
    name: id.slice(lastDot + 1),
    depth: id.split('.').length - 1,
    hidden,
    status: 'pending',
    executions: [],
    input: undefined,
    output: undefined,
    error: undefined,
    suspendPayload: undefined,
    resumePayload: undefined,
    startedAt: undefined,
    endedAt: undefined,
    suspendedAt: undefined,
    resumedAt: undefined,
    progress: undefined,
    writes: [],
  };
}

/**
 * Which execution a fact belongs to:
 * 1. one that already carries its `stepCallId`;
 * 2. one with the same start time and iteration (a resume keeps the start time; a snapshot has no call id);
 * 3. for a fact without a call id (a snapshot's step, a `.foreach()` or `.sleep()` event), the latest
 *    execution, unless that one is over and the fact started after it ended (the next loop iteration).
 *    A snapshot of a running `.foreach()` describes the current item, with the item's start time: it
 *    belongs to the foreach's one execution, not a new one.
 * -1: a new execution.
 */
function findExecution(step: StepState, fact: StepFact): number {
  const executions = step.executions;
  const last = executions[executions.length - 1];
  if (
    fact.stepCallId !== undefined &&
    fact.startedAt !== undefined &&
    last?.startedAt !== undefined &&
    fact.startedAt > last.startedAt &&
    !last.callIds.includes(fact.stepCallId)
  ) {
    // The next loop iteration, the common case: an execution that started after every known one cannot
    // match an older one (a resume keeps its start time), so skip the search through thousands.
    return -1;
  }
  if (fact.stepCallId !== undefined) {
    for (let i = executions.length - 1; i >= 0; i--) {
      if (executions[i]!.callIds.includes(fact.stepCallId)) return i;
    }
  }
  if (fact.startedAt !== undefined) {
    for (let i = executions.length - 1; i >= 0; i--) {
      const execution = executions[i]!;
      if (
        execution.startedAt === fact.startedAt &&
        (execution.iteration === undefined ||
          fact.iteration === undefined ||
          execution.iteration === fact.iteration)
      ) {
        return i;
      }
    }
  }
  const latestIndex = executions.length - 1;
  const latest = executions[latestIndex];
  if (fact.stepCallId !== undefined || !latest) return -1;
  if (latest.statusRank < rankOf.success) return latestIndex;
  const latestEnd = latest.endedAt ?? latest.statusAt;
  return fact.startedAt !== undefined && fact.startedAt > latestEnd ? -1 : latestIndex;
}

function createExecution(fact: StepFact): StepExecution {
  return {
    key:
      fact.startedAt !== undefined
        ? `t${fact.startedAt}${fact.iteration === undefined ? '' : `i${fact.iteration}`}`
        : (fact.stepCallId ?? `s${fact.at}`),
    callIds: fact.stepCallId === undefined ? [] : [fact.stepCallId],
    iteration: fact.iteration,
    status: fact.status ?? 'pending',
    statusAt: fact.at,
    statusRank: fact.status === undefined ? -1 : rankOf[fact.status],
    input: fact.input,
    output: keepsOutput(fact.status) ? fact.output : undefined,
    error: fact.error,
    suspendPayload: fact.suspendPayload,
    resumePayload: fact.resumePayload,
    startedAt: fact.startedAt,
    endedAt: fact.endedAt,
    suspendedAt: fact.suspendedAt,
    resumedAt: fact.resumedAt,
  };
}

/** Joins a fact into an execution; undefined when the fact says nothing new. */
function mergeExecution(
  draft: RunDraft,
  execution: StepExecution,
  fact: StepFact,
): StepExecution | undefined {
  // Each field is read before it is written, so writing into an owned execution in place is safe.
  let next: Mutable<StepExecution> | undefined;
  if (fact.stepCallId !== undefined && !execution.callIds.includes(fact.stepCallId)) {
    next = writableExecution(draft, execution);
    next.callIds = [...execution.callIds, fact.stepCallId];
  }
  if (execution.iteration === undefined && fact.iteration !== undefined) {
    next ??= writableExecution(draft, execution);
    next.iteration = fact.iteration;
  }
  if (fact.status !== undefined) {
    const rank = rankOf[fact.status];
    if (fact.at > execution.statusAt || (fact.at === execution.statusAt && rank > execution.statusRank)) {
      next ??= writableExecution(draft, execution);
      next.status = fact.status;
      next.statusAt = fact.at;
      next.statusRank = rank;
    }
  }
  if (execution.input === undefined && fact.input !== undefined) {
    next ??= writableExecution(draft, execution);
    next.input = fact.input;
  }
  if (execution.output === undefined && fact.output !== undefined && keepsOutput(fact.status)) {
    next ??= writableExecution(draft, execution);
    next.output = fact.output;
  }
  if (execution.error === undefined && fact.error !== undefined) {
    next ??= writableExecution(draft, execution);
    next.error = fact.error;
  }
  if (
    fact.suspendPayload !== undefined &&
    isLater(fact.suspendedAt, execution.suspendedAt, execution.suspendPayload)
  ) {
    next ??= writableExecution(draft, execution);
    next.suspendPayload = fact.suspendPayload;
    if (fact.suspendedAt !== undefined) next.suspendedAt = fact.suspendedAt;
  }
  if (
    fact.resumePayload !== undefined &&
    isLater(fact.resumedAt, execution.resumedAt, execution.resumePayload)
  ) {
    next ??= writableExecution(draft, execution);
    next.resumePayload = fact.resumePayload;
    if (fact.resumedAt !== undefined) next.resumedAt = fact.resumedAt;
  }
  if (
    fact.startedAt !== undefined &&
    (execution.startedAt === undefined || fact.startedAt < execution.startedAt)
  ) {
    next ??= writableExecution(draft, execution);
    next.startedAt = fact.startedAt;
  }
  if (fact.endedAt !== undefined && (execution.endedAt === undefined || fact.endedAt > execution.endedAt)) {
    next ??= writableExecution(draft, execution);
    next.endedAt = fact.endedAt;
  }
  return next;
}

function writableExecution(draft: RunDraft, execution: StepExecution): Mutable<StepExecution> {
  return draft.isOwned(execution) ? (execution as Mutable<StepExecution>) : draft.own({ ...execution });
}

/** A payload with a later time replaces the earlier one; one without a time only fills a gap. */
function isLater(time: number | undefined, current: number | undefined, currentValue: unknown): boolean {
  if (currentValue === undefined) return true;
  return time !== undefined && (current === undefined || time > current);
}

function insertExecution(executions: StepExecution[], execution: StepExecution): void {
  let index = executions.length;
  while (index > 0 && compareExecutions(executions[index - 1]!, execution) > 0) index--;
  executions.splice(index, 0, execution);
}

function compareExecutions(a: StepExecution, b: StepExecution): number {
  const byStart = (a.startedAt ?? Number.NEGATIVE_INFINITY) - (b.startedAt ?? Number.NEGATIVE_INFINITY);
  if (byStart !== 0 && !Number.isNaN(byStart)) return byStart;
  return (a.iteration ?? 0) - (b.iteration ?? 0);
}

/** Recomputes a step's summary fields from its executions. */
function refreshStep(
  draft: RunDraft,
  step: StepState,
  executions: readonly StepExecution[],
  changed: StepExecution | undefined,
): StepState {
  const latest = executions[executions.length - 1];
  let suspended: StepExecution | undefined;
  let resumed: StepExecution | undefined;
  // Only steps that ever suspended (or were resumed) need the search: a loop of 10,000 plain iterations
  // must not scan them all on every event.
  let lookForSuspend = step.suspendPayload !== undefined || changed?.suspendPayload !== undefined;
  let lookForResume = step.resumePayload !== undefined || changed?.resumePayload !== undefined;
  for (let i = executions.length - 1; i >= 0 && (lookForSuspend || lookForResume); i--) {
    const execution = executions[i]!;
    if (lookForSuspend && execution.suspendPayload !== undefined) {
      suspended = execution;
      lookForSuspend = false;
    }
    if (lookForResume && execution.resumePayload !== undefined) {
      resumed = execution;
      lookForResume = false;
    }
  }
  const keeps = keepsOutput(latest?.status);
  const status = latest?.status ?? 'pending';
  const input = latest?.input;
  const output = keeps ? latest!.output : undefined;
  const error = keeps ? undefined : latest?.error;
  const suspendPayload = suspended?.suspendPayload;
  const resumePayload = resumed?.resumePayload;
  const startedAt = executions[0]?.startedAt;
  const endedAt = latest?.endedAt;
  const suspendedAt = latest?.suspendedAt;
  const resumedAt = latest?.resumedAt;
  if (
    step.executions === executions &&
    step.status === status &&
    step.input === input &&
    step.output === output &&
    step.error === error &&
    step.suspendPayload === suspendPayload &&
    step.resumePayload === resumePayload &&
    step.startedAt === startedAt &&
    step.endedAt === endedAt &&
    step.suspendedAt === suspendedAt &&
    step.resumedAt === resumedAt
  ) {
    return step;
  }
  // Written field by field rather than spread from a summary object: this runs for every step event.
  const next = draft.isOwned(step) ? (step as Mutable<StepState>) : draft.own({ ...step });
  next.executions = executions;
  next.status = status;
  next.input = input;
  next.output = output;
  next.error = error;
  next.suspendPayload = suspendPayload;
  next.resumePayload = resumePayload;
  next.startedAt = startedAt;
  next.endedAt = endedAt;
  next.suspendedAt = suspendedAt;
  next.resumedAt = resumedAt;
  return next;
}

function patchStep(draft: RunDraft, step: StepState, summary: Partial<StepState>): StepState {
  let changed = false;
  for (const key in summary) {
    if (!Object.is(step[key as keyof StepState], summary[key as keyof StepState])) {
      changed = true;
      break;
    }
  }
  if (!changed) return step;
  if (draft.isOwned(step)) return Object.assign(step as Mutable<StepState>, summary);
  return draft.own({ ...step, ...summary });
}

function applyProgress(draft: RunDraft, event: Extract<RunEvent, { type: 'step-progress' }>): void {
  const existing = draft.getStep(event.stepId);
  const step = existing ?? createStep(event.stepId, event.hidden);
  const progress = step.progress;
  const item = progress?.items[event.currentIndex];
  const completedCount = Math.max(progress?.completedCount ?? 0, event.completedCount);
  const totalCount = Math.max(progress?.totalCount ?? 0, event.totalCount);
  const itemChanged = !item || item.status !== event.iterationStatus;
  if (
    existing &&
    !itemChanged &&
    progress?.completedCount === completedCount &&
    progress.totalCount === totalCount
  ) {
    return;
  }
  const items = itemChanged
    ? {
        ...progress?.items,
        [event.currentIndex]: { status: event.iterationStatus, output: event.iterationOutput },
      }
    : (progress?.items ?? {});
  const next: StepProgress = { completedCount, totalCount, items };
  draft.putStep(patchStep(draft, step, { progress: next }));
}

function applyWrite(
  draft: RunDraft,
  stepId: string | undefined,
  stepName: string | undefined,
  output: unknown,
) {
  const step = findWritingStep(draft, stepId, stepName);
  if (!step) {
    // A write Mastra could not attribute: kept on the run, like custom data.
    applyData(draft, { type: 'run-data', name: 'step-output', data: output, stepId: stepId ?? stepName });
    return;
  }
  if (containsValue(step.writes, output)) return;
  draft.putStep(patchStep(draft, step, { writes: [...step.writes, output] }));
}

/** `writer.write()` output names the step (not always by its full id); prefer the running one. */
function findWritingStep(draft: RunDraft, stepId: string | undefined, stepName: string | undefined) {
  if (stepId) {
    const byId = draft.getStep(stepId);
    if (byId) return byId;
  }
  if (!stepName) return undefined;
  const direct = draft.getStep(stepName);
  if (direct) return direct;
  let fallback: StepState | undefined;
  const ids = draft.current.stepIds;
  for (let i = ids.length - 1; i >= 0; i--) {
    const step = draft.getStep(ids[i]!)!;
    if (step.name !== stepName) continue;
    if (step.status === 'running') return step;
    fallback ??= step;
  }
  return fallback;
}

function applyData(draft: RunDraft, event: RunDataEvent): void {
  const data = draft.current.data;
  if (data.some((existing) => existing.name === event.name && sameValue(existing.data, event.data))) return;
  draft.set('data', [...data, event]);
}

function containsValue(values: readonly unknown[], value: unknown): boolean {
  return values.some((existing) => sameValue(existing, value));
}

/** Writes and data chunks carry no ids: two with the same content are the same chunk replayed. */
function sameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  try {
    return JSON.stringify(a) === JSON.stringify(b);
  } catch {
    return false;
  }
}

function applySnapshot(draft: RunDraft, snapshot: RunSnapshot): void {
  if (!draft.current.runId && snapshot.runId) draft.set('runId', snapshot.runId);
  if (!draft.current.workflowId && snapshot.workflowId) draft.set('workflowId', snapshot.workflowId);
  if (draft.current.input === undefined && snapshot.input !== undefined) draft.set('input', snapshot.input);

  for (const [stepId, step] of Object.entries(snapshot.steps)) applySnapshotStep(draft, stepId, step);

  const facts = draft.current.facts;
  const newer =
    facts.snapshotUpdatedAt === undefined ||
    (snapshot.updatedAt !== undefined && snapshot.updatedAt > facts.snapshotUpdatedAt);
  if (newer && (facts.snapshotStatus !== snapshot.status || facts.snapshotUpdatedAt !== snapshot.updatedAt)) {
    const writable = draft.writableFacts();
    writable.snapshotStatus = snapshot.status;
    writable.snapshotUpdatedAt = snapshot.updatedAt;
  }
  if (snapshot.status !== 'pending') setFact(draft, 'started', true);
  if (snapshot.status === 'canceled') setFact(draft, 'canceled', true);
  if (snapshot.status === 'success' || snapshot.status === 'failed' || snapshot.status === 'bailed') {
    addFinish(draft, snapshot.status, snapshot.result, snapshot.error);
  }
}

function applySnapshotStep(draft: RunDraft, stepId: string, step: SnapshotStep): void {
  const at =
    step.status === 'suspended'
      ? (step.suspendedAt ?? step.resumedAt ?? step.startedAt)
      : rankOf[step.status] >= rankOf.success
        ? (step.endedAt ?? step.resumedAt ?? step.startedAt)
        : (step.resumedAt ?? step.startedAt);
  applyStepFact(
    draft,
    { stepId, hidden: step.hidden === true },
    {
      status: step.status,
      at: at ?? -Infinity,
      stepCallId: undefined,
      iteration: step.iteration,
      input: step.input,
      output: step.output,
      error: step.error,
      suspendPayload: step.suspendPayload,
      resumePayload: step.resumePayload,
      startedAt: step.startedAt,
      endedAt: step.endedAt,
      suspendedAt: step.suspendedAt,
      resumedAt: step.resumedAt,
    },
  );
}

/**
 * The run's status, result and error, derived from its steps and the finishes it saw. Steps come first
 * because their facts carry times and finishes do not: a step still suspended means the run is suspended
 * whatever a resume segment's finish claimed. The step map keeps its status counts as it changes, so this
 * costs the same in a run of 10 steps as in one of 10,000.
 */
function deriveRunSummary(state: Mutable<RunState>): void {
  const { facts, steps } = state;
  const finishes = facts.finishes;
  let status: RunStatus;
  let result: unknown;
  let error: SerializedError | undefined;
  if (facts.canceled || finishes.canceled) status = 'canceled';
  else if (steps.countOf('running') > 0 || steps.countOf('waiting') > 0) status = 'running';
  else if (steps.countOf('suspended') > 0) status = facts.paused ? 'paused' : 'suspended';
  else if (finishes.tripwire) {
    status = 'tripwire';
    error = finishes.tripwire.error;
  } else if (steps.countOf('failed') > 0) {
    status = 'failed';
    error = finishes.failed?.error ?? lastFailedStep(state)?.error;
  } else if (finishes.bailed) {
    status = 'bailed';
    result = finishes.bailed.result;
  } else if (finishes.success) {
    status = 'success';
    result = finishes.success.result;
  } else if (finishes.failed) {
    status = 'failed';
    error = finishes.failed.error;
  } else if (facts.paused) status = 'paused';
  else if (facts.snapshotStatus && facts.snapshotStatus !== 'pending') status = facts.snapshotStatus;
  else status = facts.started || state.stepIds.length > 0 ? 'running' : 'pending';
  state.status = status;
  state.result = result;
  state.error = error;
}

/** The failed step that ended last: its error is the run's when the finish carried none. */
function lastFailedStep(state: RunState): StepState | undefined {
  let failedStep: StepState | undefined;
  for (const id of state.stepIds) {
    const step = state.steps.get(id)!;
    if (step.status === 'failed' && (!failedStep || (step.endedAt ?? 0) >= (failedStep.endedAt ?? 0))) {
      failedStep = step;
    }
  }
  return failedStep;
}

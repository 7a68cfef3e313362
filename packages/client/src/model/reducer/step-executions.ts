import type { Mutable } from '../../util/mutable';
import type { PersistentList } from '../../util/persistent-list';
import type { StepExecution, StepState } from '../run-state';
import { createStepState } from '../step-state';
import { type ExecutionIndex, isFree, searchedWithoutIndex } from './execution-index';
import type { RunDraft } from './run-draft';
import { keepsOutput, rankOf, type StepFact } from './step-fact';
import { timeText } from './time-text';

/**
 * A step is the list of its executions (a loop's iterations, a retry, a resume) plus summary fields read
 * from them. A fact joins the execution it belongs to, or starts a new one.
 */

export function applyStepFact(
  draft: RunDraft,
  event: { stepId: string; hidden: boolean },
  fact: StepFact,
): void {
  const existing = draft.getStep(event.stepId);
  // A new step is this batch's: filled in place, not copied.
  const step = existing ?? draft.own(createStepState(event.stepId, event.hidden));
  const executions = step.executions;
  const index = findExecution(draft, step, fact);
  let next: PersistentList<StepExecution>;
  let changed: StepExecution;
  // Whether the first execution (whose start is the step's) is the one the step had, and whether the
  // changed one is the last (the common case): neither then needs a walk down the list to read.
  let firstKept: boolean;
  let atEnd: boolean;
  if (index === -1) {
    changed = draft.own(createExecution(fact, step.writes.length));
    const at = insertionIndex(executions, changed);
    next = executions.insert(at, changed, draft.listEdit);
    firstKept = at > 0;
    atEnd = at === executions.length;
    draft.executionIndexes.update(event.stepId, executions, next, fact.stepCallId, isFree(changed));
  } else {
    const before = executions.at(index)!;
    const startedAt = before.startedAt;
    // Read before the merge: it may change an execution this batch owns in place.
    const wasFree = isFree(before);
    const merged = mergeExecution(draft, before, fact);
    if (merged === undefined) return;
    changed = merged;
    firstKept = merged.startedAt === startedAt;
    atEnd = firstKept && index === executions.length - 1;
    if (firstKept) {
      // Changed in place (this batch made it): the list holds it already.
      next = merged === before ? executions : executions.set(index, merged, draft.listEdit);
    } else {
      // Its start moved (the stream's time replaced a stored one): put it back in start order.
      const removed = executions.remove(index, draft.listEdit);
      next = removed.insert(insertionIndex(removed, merged), merged, draft.listEdit);
    }
    draft.executionIndexes.update(event.stepId, executions, next, fact.stepCallId, isFree(merged) - wasFree);
  }
  draft.putStep(refreshStep(draft, step, next, changed, atEnd ? changed : next.at(-1), firstKept), existing);
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
function findExecution(draft: RunDraft, step: StepState, fact: StepFact): number {
  const executions = step.executions;
  const last = executions.at(-1);
  // News of the latest execution under its own call id (its result, suspension or resume): the common
  // case, and what the search by call id below finds first.
  if (fact.stepCallId !== undefined && last !== undefined && hasCallId(last, fact.stepCallId))
    return executions.length - 1;
  if (
    fact.stepCallId !== undefined &&
    fact.startedAt !== undefined &&
    last?.startedAt !== undefined &&
    fact.startedAt > last.startedAt
  ) {
    // Executions are in start order: when the latest started before the tolerance, so did every one, and
    // the search below would stop at the first it looks at. A step's next round after a long run of other
    // steps (a run of thousands of steps, each run a few times) is placed here with no index looked up.
    if (last.startedAt < fact.startedAt - clockSkewToleranceMs) return -1;
    // Only the latest started within the tolerance (the one before it started too early to match, has
    // no start, which never matches, or there is none): the search looks at the latest alone, and would
    // give the step no index, so none is looked up (a loop whose rounds are a second apart).
    if ((executions.at(-2)?.startedAt ?? -Infinity) < fact.startedAt - clockSkewToleranceMs)
      return nearestExecution(executions, fact, undefined);
    let known = draft.executionIndexes.get(step.id, executions);
    // The next loop iteration, the common case: an execution that started after every known one cannot
    // match an older one (a resume keeps its start time), so only the few within the skew tolerance are
    // searched, not thousands. More than a few within it (a loop turning every few milliseconds): the
    // step gets an index, which tells when none of them can be the one.
    if (
      known === undefined &&
      (executions.at(-searchedWithoutIndex)?.startedAt ?? -Infinity) >= fact.startedAt - clockSkewToleranceMs
    ) {
      known = draft.executionIndexes.start(step.id, executions);
    }
    return nearestExecution(executions, fact, known);
  }
  return findOlderExecution(executions, fact, draft.executionIndexes.get(step.id, executions));
}

/** `findExecution` past its common cases. Its own function: its closures cost an allocation per call. */
function findOlderExecution(
  executions: PersistentList<StepExecution>,
  fact: StepFact,
  known: ExecutionIndex | undefined,
): number {
  if (fact.stepCallId !== undefined && known?.callIds.has(fact.stepCallId) !== false) {
    const callId = fact.stepCallId;
    const index = executions.findLastIndex((execution) => execution.callIds.includes(callId));
    if (index !== -1) return index;
  }
  if (fact.startedAt !== undefined) {
    const same = executions.findLastIndex(
      (execution) => execution.startedAt === fact.startedAt && sameIteration(execution, fact),
    );
    if (same !== -1) return same;
    // The stored run and the stream can disagree on a start by some milliseconds (Mastra times a parallel
    // branch twice): the closest start within the tolerance is the same execution.
    const closest = nearestExecution(executions, fact, known);
    if (closest !== -1) return closest;
  }
  const latestIndex = executions.length - 1;
  const latest = executions.at(latestIndex);
  if (fact.stepCallId !== undefined || !latest) return -1;
  if (latest.statusRank < rankOf.success) return latestIndex;
  const latestEnd = latest.endedAt ?? latest.statusAt;
  return fact.startedAt !== undefined && fact.startedAt > latestEnd ? -1 : latestIndex;
}

/**
 * The execution that already has the fact's call id, else the one whose start is closest to the fact's
 * within the skew tolerance and that may be the same one (see `isNear`); -1 if none (a new execution). Executions are in start order, so the search stops at the first start
 * too early to match: a few executions at most, however long the loop.
 */
function nearestExecution(
  executions: PersistentList<StepExecution>,
  fact: StepFact,
  known: ExecutionIndex | undefined,
): number {
  if (fact.startedAt === undefined) return -1;
  // A new call id joins only an execution without one, or (a resume) a suspended one: none of those, and
  // its call id on none, nothing to search.
  if (fact.stepCallId !== undefined && known?.free === 0 && !known.callIds.has(fact.stepCallId)) return -1;
  nearFact = fact;
  nearClosest = -1;
  nearDistance = Number.POSITIVE_INFINITY;
  nearFound = -1;
  // One walk back through the list's leaves (not `at(i)` per item): the predicate stops the walk.
  executions.findLastIndex(searchNear);
  // Not kept past the search: it holds the event's input.
  nearFact = undefined;
  return nearFound !== -1 ? nearFound : nearClosest;
}

// The state of `nearestExecution`'s walk, for `searchNear`: a predicate closing over it allocated a
// closure and its context per fact. Numbers, and the fact only while the walk runs.
let nearFact: StepFact | undefined;
let nearClosest = -1;
let nearDistance = 0;
let nearFound = -1;

function searchNear(execution: StepExecution, i: number): boolean {
  const fact = nearFact!;
  const startedAt = fact.startedAt!;
  if (execution.startedAt !== undefined && execution.startedAt < startedAt - clockSkewToleranceMs)
    return true;
  if (fact.stepCallId !== undefined && hasCallId(execution, fact.stepCallId)) {
    nearFound = i;
    return true;
  }
  // A new call id joins an execution tied to other calls only as its resume (same start, same input).
  const free =
    fact.stepCallId === undefined ||
    execution.callIds.length === 0 ||
    (fact.resumedAt !== undefined && execution.suspendedAt !== undefined);
  if (!free || !isNear(execution, fact)) return false;
  const gap = Math.abs(execution.startedAt! - startedAt);
  if (gap < nearDistance) {
    nearClosest = i;
    nearDistance = gap;
  }
  return false;
}

/**
 * Whether the execution carries this call id. Most carry one: compared inline, where `includes` was a
 * builtin call (its own frame, its own loop) asked two or three times per step event.
 */
function hasCallId(execution: StepExecution, callId: string): boolean {
  const callIds = execution.callIds;
  return callIds.length === 1 ? callIds[0] === callId : callIds.includes(callId);
}

/**
 * How far apart the stored run and the stream may put the start of one execution. Mastra 1.x records a
 * parallel branch's `startedAt` a few milliseconds away from its `workflow-step-start`, in either
 * direction; the tolerance is wide enough for a clock skew of a second.
 */
export const clockSkewToleranceMs = 1_500;

function sameIteration(execution: StepExecution, fact: StepFact): boolean {
  return (
    execution.iteration === undefined ||
    fact.iteration === undefined ||
    execution.iteration === fact.iteration
  );
}

/**
 * Close enough in start time to be one execution seen through two clocks. Time alone cannot tell it from
 * a loop's next round that started within the tolerance, so the input must agree too: the same execution
 * ran on the same input, a loop's rounds (nested ones carry no iteration count) run on changing input.
 * Only candidates get their input compared, never the common case.
 */
function isNear(execution: StepExecution, fact: StepFact): boolean {
  return (
    execution.startedAt !== undefined &&
    fact.startedAt !== undefined &&
    Math.abs(execution.startedAt - fact.startedAt) <= clockSkewToleranceMs &&
    sameIteration(execution, fact) &&
    sameInput(execution.input, fact.input)
  );
}

function sameInput(a: unknown, b: unknown): boolean {
  if (a === undefined || b === undefined || Object.is(a, b)) return true;
  try {
    return JSON.stringify(a) === JSON.stringify(b);
  } catch {
    return false;
  }
}

/**
 * Every execution keeps its key for the run's life. Text joined with `+` (or a template) past 12
 * characters is a tree of its pieces in V8, and stays one: 168 bytes a key where the flat text takes
 * 40. `trim()` (there is nothing to trim) returns it flat.
 */
function executionKey(startedAt: number, iteration: number | undefined): string {
  return `t${timeText(startedAt)}${iteration === undefined ? '' : `i${iteration}`}`.trim();
}

function createExecution(fact: StepFact, writesFrom: number): StepExecution {
  return {
    key:
      fact.startedAt !== undefined
        ? executionKey(fact.startedAt, fact.iteration)
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
    suspendedChildPath: fact.suspendPayload === undefined ? undefined : fact.suspendedChildPath,
    resumePayload: fact.resumePayload,
    startedAt: fact.startedAt,
    endedAt: fact.endedAt,
    suspendedAt: fact.suspendedAt,
    resumedAt: fact.resumedAt,
    transcripts: noTranscripts,
    writesFrom,
  };
}

/** Shared by every execution without agent output (most of them): copied when the first transcript comes. */
const noTranscripts: readonly StepExecution['transcripts'][number][] = Object.freeze([]);

/** Joins a fact into an execution; undefined when the fact says nothing new. */
function mergeExecution(
  draft: RunDraft,
  execution: StepExecution,
  fact: StepFact,
): StepExecution | undefined {
  // Each field is read before it is written, so writing into an owned execution in place is safe.
  let next: Mutable<StepExecution> | undefined;
  // Whether the stream (facts with a call id) has timed this execution yet: read before callIds change.
  const streamTimed = execution.callIds.length > 0;
  if (fact.stepCallId !== undefined && !hasCallId(execution, fact.stepCallId)) {
    next = writableExecution(draft, execution);
    next.callIds = [...execution.callIds, fact.stepCallId];
  }
  if (execution.iteration === undefined && fact.iteration !== undefined) {
    next ??= writableExecution(draft, execution);
    next.iteration = fact.iteration;
  }
  if (fact.status !== undefined) {
    const rank = rankOf[fact.status];
    // An execution that ended stays ended: a stored `running` whose time is skewed past the end is older
    // news, whichever arrived first. Between facts of the same kind, the later wins, then the further along.
    const ended = rank >= rankOf.success;
    const wasEnded = execution.statusRank >= rankOf.success;
    // A start that is not a resume cannot follow the same execution's suspension: it is older news
    // (a replayed start, or a stored start timed a few milliseconds after the stream's suspend).
    const staleStart =
      fact.status === 'running' &&
      fact.resumedAt === undefined &&
      fact.resumePayload === undefined &&
      execution.statusRank > rankOf.running;
    // And the other order: a suspension follows a start that was no resume, whatever the clocks say.
    const suspendsStart =
      !ended &&
      rank > rankOf.running &&
      execution.status === 'running' &&
      execution.resumedAt === undefined &&
      execution.resumePayload === undefined;
    if (
      !staleStart &&
      (suspendsStart ||
        (ended !== wasEnded
          ? ended
          : fact.at > execution.statusAt || (fact.at === execution.statusAt && rank > execution.statusRank)))
    ) {
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
    next.suspendedChildPath = fact.suspendedChildPath;
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
  // The start is the stream's own when it has one: a stored start, skewed by some milliseconds, neither
  // moves it nor keeps it, so the start (and the order of executions) is the same whichever came first.
  const fromStream = fact.stepCallId !== undefined;
  if (
    fact.startedAt !== undefined &&
    (execution.startedAt === undefined ||
      (fromStream && !streamTimed) ||
      (fromStream === streamTimed && fact.startedAt < execution.startedAt))
  ) {
    next ??= writableExecution(draft, execution);
    next.startedAt = fact.startedAt;
    // The key follows the earliest start, so it is the same whichever fact came first.
    if (execution.key.startsWith('t') || execution.startedAt === undefined) {
      next.key = executionKey(fact.startedAt, next.iteration);
    }
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

/** Where an execution goes in start order: searched from the end, where a new iteration goes. */
function insertionIndex(executions: PersistentList<StepExecution>, execution: StepExecution): number {
  let index = executions.length;
  while (index > 0 && compareExecutions(executions.at(index - 1)!, execution) > 0) index--;
  return index;
}

function compareExecutions(a: StepExecution, b: StepExecution): number {
  const byStart = (a.startedAt ?? Number.NEGATIVE_INFINITY) - (b.startedAt ?? Number.NEGATIVE_INFINITY);
  if (byStart !== 0 && !Number.isNaN(byStart)) return byStart;
  return (a.iteration ?? 0) - (b.iteration ?? 0);
}

/**
 * Recomputes a step's summary fields from its executions. `firstKept`: the first execution is (or starts
 * when) the step's first was, so the step's start is its own: reading it from the list cost a walk to a
 * leaf nothing else touches.
 */
function refreshStep(
  draft: RunDraft,
  step: StepState,
  executions: PersistentList<StepExecution>,
  changed: StepExecution | undefined,
  latest: StepExecution | undefined,
  firstKept: boolean,
): StepState {
  // The latest execution changed (a new round, or news of the latest; the common case): the latest one
  // with a payload is it, or the one whose payload the step holds (payloads are never taken away), so
  // the search looks at it alone. A loop that suspended in its first round searched back to it per event.
  const current = changed === latest;
  let suspended: Pick<StepState, 'suspendPayload' | 'suspendedChildPath'> | undefined = current
    ? step
    : undefined;
  let resumed: Pick<StepState, 'resumePayload'> | undefined = current ? step : undefined;
  // Only steps that ever suspended (or were resumed) need the search: a loop of 10,000 plain iterations
  // must not scan them all on every event.
  if (changed?.suspendPayload !== undefined || (!current && step.suspendPayload !== undefined))
    suspended = latestWith(executions, 'suspendPayload') ?? suspended;
  if (changed?.resumePayload !== undefined || (!current && step.resumePayload !== undefined))
    resumed = latestWith(executions, 'resumePayload') ?? resumed;
  const keeps = keepsOutput(latest?.status);
  // Something changed: the list is new, or an execution this batch owns changed in place, so the step is
  // this batch's too. A step it does not own yet is made in one literal, in `createStepState`'s field
  // order (one object shape for both), not spread and then written over: a spread of a step cost three
  // times the literal, once per step and batch.
  if (!draft.isOwned(step)) {
    return draft.own({
      id: step.id,
      parentId: step.parentId,
      name: step.name,
      depth: step.depth,
      hidden: step.hidden,
      status: latest?.status ?? 'pending',
      executions,
      input: latest?.input,
      output: keeps ? latest!.output : undefined,
      error: keeps ? undefined : latest?.error,
      suspendPayload: suspended?.suspendPayload,
      suspendedChildPath: suspended?.suspendedChildPath,
      resumePayload: resumed?.resumePayload,
      startedAt: firstKept ? step.startedAt : executions.at(0)?.startedAt,
      endedAt: latest?.endedAt,
      suspendedAt: latest?.suspendedAt,
      resumedAt: latest?.resumedAt,
      progress: step.progress,
      writes: step.writes,
      writeCounts: step.writeCounts,
      writesAmbiguousAmong: step.writesAmbiguousAmong,
    });
  }
  // Written field by field rather than spread from a summary object: this runs for every step event.
  // (`suspended` may be the step itself: each field is read before it is written.)
  const next = step as Mutable<StepState>;
  if (!firstKept) next.startedAt = executions.at(0)?.startedAt;
  next.executions = executions;
  next.status = latest?.status ?? 'pending';
  next.input = latest?.input;
  next.output = keeps ? latest!.output : undefined;
  next.error = keeps ? undefined : latest?.error;
  next.suspendPayload = suspended?.suspendPayload;
  next.suspendedChildPath = suspended?.suspendedChildPath;
  next.resumePayload = resumed?.resumePayload;
  next.endedAt = latest?.endedAt;
  next.suspendedAt = latest?.suspendedAt;
  next.resumedAt = latest?.resumedAt;
  return next;
}

/**
 * The latest execution with this payload: a walk back through the list's leaves. Its own function: a
 * closure in `refreshStep` cost it an allocation per event.
 */
function latestWith(
  executions: PersistentList<StepExecution>,
  payload: 'suspendPayload' | 'resumePayload',
): StepExecution | undefined {
  const index = executions.findLastIndex(payload === 'suspendPayload' ? hasSuspendPayload : hasResumePayload);
  return index === -1 ? undefined : executions.at(index);
}

// Made once: an arrow closing over `payload` was a closure per event of a step that ever suspended.
const hasSuspendPayload = (execution: StepExecution) => execution.suspendPayload !== undefined;
const hasResumePayload = (execution: StepExecution) => execution.resumePayload !== undefined;

export function patchStep(draft: RunDraft, step: StepState, summary: Partial<StepState>): StepState {
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

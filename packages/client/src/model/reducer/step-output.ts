import type { Mutable } from '../../util/mutable';
import type { PersistentList } from '../../util/persistent-list';
import type { AgentTranscript } from '../agent-transcript';
import { createTranscript } from '../agent-transcript';
import type { AgentCallPlacement, OutputTarget, StepOutputEvent } from '../run-event';
import type { StepExecution, StepState } from '../run-state';
import { foldAgentChunk } from './fold-agent-chunk';
import type { RunDraft } from './run-draft';
import { applyWrite, findWritingStep } from './step-writes';

/**
 * Step output: agent chunks build the transcript of their agent call on the execution that ran it;
 * other writes join the step's `writes`. A chunk with a position is identified by it (a replayed
 * position is skipped, a repeated value at a new position is kept); one without falls back to content
 * identity for writes, and is appended for agent chunks (whoever sends those without order is trusted
 * to send each once).
 */
export function applyStepOutput(draft: RunDraft, event: StepOutputEvent): void {
  if (event.agentChunk === undefined && event.position === undefined) {
    applyWrite(draft, event.stepId, event.stepName, event.output, ambiguousIds(event.ambiguousAmong));
    return;
  }
  const step = findWritingStep(draft, event.stepId, event.stepName);
  if (!step) {
    // No step to hold it; a stray write is still kept on the run (an agent chunk has nowhere to go).
    if (event.agentChunk === undefined) applyWrite(draft, event.stepId, event.stepName, event.output);
    return;
  }
  if (event.agentChunk !== undefined) applyAgentChunk(draft, step, event);
  else applyPositionedWrite(draft, step, event);
}

function applyPositionedWrite(draft: RunDraft, step: StepState, event: StepOutputEvent): void {
  const position = event.position!;
  const count = step.writeCounts[position.stream] ?? 0;
  if (position.index < count) return;
  const next = writable(draft, step);
  next.writes = step.writes.append(event.output);
  if (draft.isOwned(step.writeCounts)) {
    (step.writeCounts as Record<string, number>)[position.stream] = position.index + 1;
  } else {
    next.writeCounts = draft.own({ ...step.writeCounts, [position.stream]: position.index + 1 });
  }
  if (event.ambiguousAmong !== undefined && step.writesAmbiguousAmong === undefined) {
    next.writesAmbiguousAmong = ambiguousIds(event.ambiguousAmong);
  }
  draft.putStep(next, step);
}

/** Where one agent call's transcript is: a step, one of its executions, the index in its transcripts. */
interface TranscriptPlace {
  readonly step: StepState;
  readonly executionIndex: number;
  readonly transcriptIndex: number;
}

function applyAgentChunk(draft: RunDraft, step: StepState, event: StepOutputEvent): void {
  const chunk = event.agentChunk!;
  // A call whose step was a guess may have been moved since (a replay reaches the guess again): its
  // transcript stays where it was settled.
  const settled =
    event.ambiguousAmong === undefined
      ? undefined
      : findAmong(draft, event.ambiguousAmong, chunk.agentRunId, step.id);
  // Found field by field, not as a `TranscriptPlace`: this runs for every chunk of an agent's answer.
  const at = settled?.step ?? step;
  const executionIndex = settled?.executionIndex ?? findExecutionIndex(step.executions, event.stepCallId);
  // Output before any start of its step cannot happen in a stream read in order; nothing to attach it to.
  if (executionIndex === -1) return;
  const execution = at.executions.at(executionIndex)!;
  const transcriptIndex = settled?.transcriptIndex ?? transcriptIndexOf(execution, chunk.agentRunId);
  const transcript =
    transcriptIndex === -1
      ? draft.own({
          ...createTranscript(chunk.agentRunId),
          ambiguousAmong: ambiguousIds(event.ambiguousAmong),
        })
      : execution.transcripts[transcriptIndex]!;
  const position = event.position?.index;
  if (position !== undefined && position < transcript.chunkCount) return;
  const folded = foldAgentChunk(transcript, chunk, draft);
  folded.chunkCount = position === undefined ? transcript.chunkCount + 1 : position + 1;
  putTranscript(draft, at, executionIndex, transcriptIndex, folded);
}

/**
 * The step-result of a step whose agent call was a guess settles it: each call named goes where it
 * belongs, and loses its `ambiguousAmong` unless it is still a guess. Applying it again changes nothing.
 */
export function applyAgentCallPlacements(draft: RunDraft, placements: readonly AgentCallPlacement[]): void {
  for (const placement of placements) {
    const found =
      findAt(draft, placement.from, placement.agentRunId) ??
      findAt(draft, placement.to, placement.agentRunId);
    if (found === undefined) continue;
    const transcript = found.step.executions.at(found.executionIndex)!.transcripts[found.transcriptIndex]!;
    const ambiguousAmong = placement.ambiguous ? transcript.ambiguousAmong : undefined;
    const there = found.step.id === placement.to.stepId && isExecution(found, placement.to);
    if (there) {
      if (transcript.ambiguousAmong === ambiguousAmong) continue;
      putTranscript(draft, found.step, found.executionIndex, found.transcriptIndex, {
        ...transcript,
        ambiguousAmong,
      });
      continue;
    }
    const destination = draft.getStep(placement.to.stepId);
    if (destination === undefined) continue;
    const executionIndex = findExecutionIndex(destination.executions, placement.to.stepCallId);
    if (executionIndex === -1) continue;
    removeTranscript(draft, found);
    // Read again: the removal may have replaced the step (a move between executions of one step).
    const step = draft.getStep(placement.to.stepId)!;
    putTranscript(draft, step, executionIndex, -1, { ...transcript, ambiguousAmong });
  }
}

function isExecution(place: TranscriptPlace, target: OutputTarget): boolean {
  return place.executionIndex === findExecutionIndex(place.step.executions, target.stepCallId);
}

function findAt(draft: RunDraft, target: OutputTarget, agentRunId: string): TranscriptPlace | undefined {
  const step = draft.getStep(target.stepId);
  if (step === undefined) return undefined;
  const place = findTranscript(step, target.stepCallId, agentRunId);
  return place !== undefined && place.transcriptIndex !== -1 ? place : undefined;
}

/** The call's transcript on another step of its group, if it was moved there. */
function findAmong(
  draft: RunDraft,
  among: readonly OutputTarget[],
  agentRunId: string,
  guessed: string,
): TranscriptPlace | undefined {
  for (const target of among) {
    if (target.stepId === guessed) continue;
    const place = findAt(draft, target, agentRunId);
    if (place !== undefined) return place;
  }
  return undefined;
}

/** The execution a chunk goes to, and its transcript of that agent call (index -1: none yet). */
function findTranscript(
  step: StepState,
  stepCallId: string | undefined,
  agentRunId: string,
): TranscriptPlace | undefined {
  const executionIndex = findExecutionIndex(step.executions, stepCallId);
  if (executionIndex === -1) return undefined;
  const transcriptIndex = transcriptIndexOf(step.executions.at(executionIndex)!, agentRunId);
  return { step, executionIndex, transcriptIndex };
}

/** The index of the execution's transcript of that agent call, from the end (the current one); -1: none. */
function transcriptIndexOf(execution: StepExecution, agentRunId: string): number {
  const transcripts = execution.transcripts;
  for (let index = transcripts.length - 1; index >= 0; index--) {
    if (transcripts[index]!.agentRunId === agentRunId) return index;
  }
  return -1;
}

/** Puts `transcript` at that place (appended when its index is -1), copying only what the batch does not own. */
function putTranscript(
  draft: RunDraft,
  step: StepState,
  executionIndex: number,
  transcriptIndex: number,
  transcript: AgentTranscript,
): void {
  const executions = step.executions;
  const execution = executions.at(executionIndex)!;
  const transcripts = execution.transcripts;
  const nextTranscripts = draft.isOwned(transcripts)
    ? (transcripts as AgentTranscript[])
    : draft.own([...transcripts]);
  if (transcriptIndex === -1) nextTranscripts.push(transcript);
  else nextTranscripts[transcriptIndex] = transcript;
  updateExecution(draft, step, executionIndex, execution, nextTranscripts);
}

function removeTranscript(draft: RunDraft, place: TranscriptPlace): void {
  const step = place.step;
  const execution = step.executions.at(place.executionIndex)!;
  const nextTranscripts = execution.transcripts.filter((_, index) => index !== place.transcriptIndex);
  updateExecution(draft, step, place.executionIndex, execution, draft.own(nextTranscripts));
}

function updateExecution(
  draft: RunDraft,
  step: StepState,
  executionIndex: number,
  execution: StepExecution,
  transcripts: readonly AgentTranscript[],
): void {
  const owned = draft.isOwned(execution);
  const nextExecution = owned ? (execution as Mutable<StepExecution>) : draft.own({ ...execution });
  nextExecution.transcripts = transcripts;
  // Changed in place in a step this batch owns (each chunk of an agent's answer after the first): the
  // step's list holds it already.
  if (owned && draft.isOwned(step)) return;
  const executions = step.executions;
  const next = writable(draft, step);
  next.executions = executions.set(executionIndex, nextExecution, draft.listEdit);
  // Transcripts only: the same call ids and suspend times as before.
  draft.executionIndexes.update(step.id, executions, next.executions, undefined, 0);
  draft.putStep(next, step);
}

/** The execution with that call id; without one (or unknown), the latest: output comes from what runs. */
function findExecutionIndex(
  executions: PersistentList<StepExecution>,
  stepCallId: string | undefined,
): number {
  const latest = executions.length - 1;
  if (stepCallId === undefined) return latest;
  // The running execution, the common case, without a walk (or a predicate closing over the call id).
  if (executions.at(latest)?.callIds.includes(stepCallId)) return latest;
  searchedCallId = stepCallId;
  const index = executions.findLastIndex(hasSearchedCallId, latest - 1);
  return index !== -1 ? index : latest;
}

// `findExecutionIndex`'s call id, for a predicate made once (a closure per chunk cost an allocation).
let searchedCallId = '';
const hasSearchedCallId = (execution: StepExecution) => execution.callIds.includes(searchedCallId);

function ambiguousIds(among: readonly OutputTarget[] | undefined): readonly string[] | undefined {
  return among?.map((target) => target.stepId);
}

function writable(draft: RunDraft, step: StepState): Mutable<StepState> {
  return draft.isOwned(step) ? (step as Mutable<StepState>) : draft.own({ ...step });
}

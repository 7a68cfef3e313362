import type { Mutable } from '../../util/mutable';
import { createTranscript } from '../agent-transcript';
import type { StepOutputEvent } from '../run-event';
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
    applyWrite(draft, event.stepId, event.stepName, event.output);
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
  draft.putStep(next, step);
}

function applyAgentChunk(draft: RunDraft, step: StepState, event: StepOutputEvent): void {
  const chunk = event.agentChunk!;
  const executions = step.executions;
  const executionIndex = findExecutionIndex(executions, event.stepCallId);
  // Output before any start of its step cannot happen in a stream read in order; nothing to attach it to.
  if (executionIndex === -1) return;
  const execution = executions[executionIndex]!;
  const transcripts = execution.transcripts;
  let transcriptIndex = -1;
  for (let index = transcripts.length - 1; index >= 0; index--) {
    if (transcripts[index]!.agentRunId === chunk.agentRunId) {
      transcriptIndex = index;
      break;
    }
  }
  const transcript =
    transcriptIndex === -1 ? draft.own(createTranscript(chunk.agentRunId)) : transcripts[transcriptIndex]!;
  const position = event.position?.index;
  if (position !== undefined && position < transcript.chunkCount) return;
  const folded = foldAgentChunk(transcript, chunk, draft);
  folded.chunkCount = position === undefined ? transcript.chunkCount + 1 : position + 1;

  const nextTranscripts = draft.isOwned(transcripts)
    ? (transcripts as (typeof folded)[])
    : draft.own([...transcripts]);
  if (transcriptIndex === -1) nextTranscripts.push(folded);
  else nextTranscripts[transcriptIndex] = folded;
  const nextExecution = draft.isOwned(execution)
    ? (execution as Mutable<StepExecution>)
    : draft.own({ ...execution });
  nextExecution.transcripts = nextTranscripts;
  const nextExecutions = draft.isOwned(executions)
    ? (executions as StepExecution[])
    : draft.own([...executions]);
  nextExecutions[executionIndex] = nextExecution;
  const next = writable(draft, step);
  next.executions = nextExecutions;
  draft.putStep(next, step);
}

/** The execution with that call id; without one (or unknown), the latest: output comes from what runs. */
function findExecutionIndex(executions: readonly StepExecution[], stepCallId: string | undefined): number {
  if (stepCallId !== undefined) {
    for (let index = executions.length - 1; index >= 0; index--) {
      if (executions[index]!.callIds.includes(stepCallId)) return index;
    }
  }
  return executions.length - 1;
}

function writable(draft: RunDraft, step: StepState): Mutable<StepState> {
  return draft.isOwned(step) ? (step as Mutable<StepState>) : draft.own({ ...step });
}

import { assertNever } from '../../util/assert-never';
import type { Mutable } from '../../util/mutable';
import type { AgentChunk } from '../agent-chunk';
import type {
  AgentTranscript,
  ModelCall,
  TranscriptPart,
  TranscriptTextPart,
  TranscriptToolCallPart,
} from '../agent-transcript';

/** Copy-on-write bookkeeping of one batch: what it created may be changed in place. */
export interface Ownership {
  isOwned(value: object): boolean;
  own<T extends object>(value: T): T;
}

/**
 * Folds one agent chunk into a transcript. Returns a transcript the batch owns (the same object when it
 * already did), so a batch of a hundred deltas copies the transcript and its parts list once. The work
 * per chunk does not grow with the text: a delta finds its part from the end of the list (it is almost
 * always the last one) and appends to strings, which engines do without copying.
 *
 * Position identity (is this chunk a replay?) is the caller's job; this only folds.
 */
export function foldAgentChunk(
  transcript: AgentTranscript,
  chunk: AgentChunk,
  owner: Ownership,
): Mutable<AgentTranscript> {
  const next = owner.isOwned(transcript)
    ? (transcript as Mutable<AgentTranscript>)
    : owner.own({ ...transcript });
  switch (chunk.type) {
    case 'agent-start':
      next.agentId ??= chunk.agentId;
      return next;
    case 'model-call-start':
      writableList(next, 'modelCalls', owner).push({ finishReason: undefined, usage: undefined });
      return next;
    case 'text-start':
    case 'reasoning-start':
      writableList(next, 'parts', owner).push({
        type: chunk.type === 'text-start' ? 'text' : 'reasoning',
        partId: chunk.partId,
        text: '',
        streaming: true,
        modelCall: currentModelCall(next),
      });
      return next;
    case 'text-delta':
    case 'reasoning-delta': {
      const type = chunk.type === 'text-delta' ? 'text' : 'reasoning';
      const parts = writableList(next, 'parts', owner);
      let index = findOpenPart(parts, type, chunk.partId);
      if (index === -1) {
        // A delta whose start never came (a stream joined late): the part starts here.
        index = parts.length;
        parts.push({
          type,
          partId: chunk.partId,
          text: '',
          streaming: true,
          modelCall: currentModelCall(next),
        });
      }
      const part = writablePart(parts, index, owner) as Mutable<TranscriptTextPart>;
      part.text += chunk.text;
      if (type === 'text') next.text += chunk.text;
      return next;
    }
    case 'text-end':
    case 'reasoning-end': {
      const parts = next.parts;
      const index = findOpenPart(parts, chunk.type === 'text-end' ? 'text' : 'reasoning', chunk.partId);
      if (index === -1) return next;
      const part = writablePart(
        writableList(next, 'parts', owner),
        index,
        owner,
      ) as Mutable<TranscriptTextPart>;
      part.streaming = false;
      return next;
    }
    case 'tool-call': {
      if (findToolCall(next.parts, chunk.toolCallId) !== -1) return next;
      writableList(next, 'parts', owner).push({
        type: 'tool-call',
        toolCallId: chunk.toolCallId,
        toolName: chunk.toolName,
        args: chunk.args,
        state: 'called',
        result: undefined,
        error: undefined,
        modelCall: currentModelCall(next),
      });
      return next;
    }
    case 'tool-result':
    case 'tool-error': {
      const parts = writableList(next, 'parts', owner);
      let index = findToolCall(parts, chunk.toolCallId);
      if (index === -1) {
        index = parts.length;
        parts.push({
          type: 'tool-call',
          toolCallId: chunk.toolCallId,
          toolName: chunk.toolName,
          args: undefined,
          state: 'called',
          result: undefined,
          error: undefined,
          modelCall: currentModelCall(next),
        });
      }
      const part = writablePart(parts, index, owner) as Mutable<TranscriptToolCallPart>;
      if (chunk.type === 'tool-result') {
        part.state = 'answered';
        part.result = chunk.result;
      } else {
        part.state = 'failed';
        part.error = chunk.error;
      }
      return next;
    }
    case 'model-call-finish': {
      const calls = writableList(next, 'modelCalls', owner);
      if (calls.length === 0) calls.push({ finishReason: undefined, usage: undefined });
      const last = calls.length - 1;
      calls[last] = { finishReason: chunk.finishReason, usage: chunk.usage };
      return next;
    }
    case 'agent-finish': {
      next.status = 'done';
      next.finishReason = chunk.finishReason;
      next.usage = chunk.usage;
      // A part left open (its end chunk lost) is over with the call.
      const parts = next.parts;
      for (let index = parts.length - 1; index >= 0; index--) {
        const part = parts[index]!;
        if (part.type !== 'tool-call' && part.streaming) {
          (
            writablePart(writableList(next, 'parts', owner), index, owner) as Mutable<TranscriptTextPart>
          ).streaming = false;
        }
      }
      return next;
    }
    case 'other':
      return next;
    default:
      return assertNever(chunk, 'The transcript has no case for an agent chunk type');
  }
}

function currentModelCall(transcript: AgentTranscript): number {
  return Math.max(0, transcript.modelCalls.length - 1);
}

function findOpenPart(
  parts: readonly TranscriptPart[],
  type: 'text' | 'reasoning',
  partId: string | undefined,
) {
  for (let index = parts.length - 1; index >= 0; index--) {
    const part = parts[index]!;
    if (part.type === type && part.partId === partId && part.streaming) return index;
  }
  return -1;
}

function findToolCall(parts: readonly TranscriptPart[], toolCallId: string): number {
  for (let index = parts.length - 1; index >= 0; index--) {
    const part = parts[index]!;
    if (part.type === 'tool-call' && part.toolCallId === toolCallId) return index;
  }
  return -1;
}

function writableList<K extends 'parts' | 'modelCalls'>(
  transcript: Mutable<AgentTranscript>,
  key: K,
  owner: Ownership,
): K extends 'parts' ? TranscriptPart[] : ModelCall[] {
  const list = transcript[key] as readonly unknown[];
  if (owner.isOwned(list)) return list as never;
  const copy = owner.own([...list]);
  (transcript as Record<K, unknown>)[key] = copy;
  return copy as never;
}

function writablePart(parts: TranscriptPart[], index: number, owner: Ownership): TranscriptPart {
  const part = parts[index]!;
  if (owner.isOwned(part)) return part;
  const copy = owner.own({ ...part });
  parts[index] = copy;
  return copy;
}

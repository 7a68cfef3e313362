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
import {
  addToolCall,
  findOpen,
  findToolCall,
  indexOfParts,
  openKey,
  type PositionStack,
  popOpen,
  pushOpen,
  setIndexOfParts,
  type TranscriptIndex,
} from './transcript-index';

/** Copy-on-write bookkeeping of one batch: what it created may be changed in place. */
export interface Ownership {
  isOwned(value: object): boolean;
  own<T extends object>(value: T): T;
  /** The batch's edit token for persistent structures (the parts list, the index's tries). */
  readonly listEdit: object;
}

/**
 * Folds one agent chunk into a transcript. Returns a transcript the batch owns (the same object when it
 * already did), so a batch of a hundred deltas copies the transcript once. The work per chunk does not
 * grow with the transcript: parts are a `PersistentList` (an append or a replaced part copies a few
 * nodes, not the list, even when every event is its own batch), the part a chunk names is found in an
 * index (transcript-index.ts) rather than by walking the parts, and text is appended to strings, which
 * engines do without copying.
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
      writableCalls(next, owner).push({ finishReason: undefined, usage: undefined });
      return next;
    case 'text-start':
    case 'reasoning-start':
      openPart(next, chunk.type === 'text-start' ? 'text' : 'reasoning', chunk.partId, owner);
      return next;
    case 'text-delta':
    case 'reasoning-delta': {
      const type = chunk.type === 'text-delta' ? 'text' : 'reasoning';
      const position = findOpen(indexOfParts(next.parts), openKey(type, chunk.partId));
      // A delta whose start never came (a stream joined late, a provider with a part id per token): the
      // part starts here.
      const part = (
        position === -1 ? openPart(next, type, chunk.partId, owner) : writablePart(next, position, owner)
      ) as Mutable<TranscriptTextPart>;
      part.text += chunk.text;
      if (type === 'text') next.text += chunk.text;
      return next;
    }
    case 'text-end':
    case 'reasoning-end': {
      const key = openKey(chunk.type === 'text-end' ? 'text' : 'reasoning', chunk.partId);
      const position = findOpen(indexOfParts(next.parts), key);
      if (position === -1) return next;
      (writablePart(next, position, owner) as Mutable<TranscriptTextPart>).streaming = false;
      popOpen(writableIndex(next, owner), owner.listEdit, key);
      return next;
    }
    case 'tool-call': {
      if (findToolCall(indexOfParts(next.parts), chunk.toolCallId) !== -1) return next;
      appendToolCall(next, chunk.toolCallId, chunk.toolName, chunk.args, owner);
      return next;
    }
    case 'tool-result':
    case 'tool-error': {
      const position = findToolCall(indexOfParts(next.parts), chunk.toolCallId);
      // A result whose call never came: the call starts here, without its arguments.
      const part = (
        position === -1
          ? appendToolCall(next, chunk.toolCallId, chunk.toolName, undefined, owner)
          : writablePart(next, position, owner)
      ) as Mutable<TranscriptToolCallPart>;
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
      const calls = writableCalls(next, owner);
      if (calls.length === 0) calls.push({ finishReason: undefined, usage: undefined });
      const last = calls.length - 1;
      calls[last] = { finishReason: chunk.finishReason, usage: chunk.usage };
      return next;
    }
    case 'agent-finish': {
      next.status = 'done';
      next.finishReason = chunk.finishReason;
      next.usage = chunk.usage;
      closeOpenParts(next, owner);
      return next;
    }
    case 'other':
      return next;
    default:
      return assertNever(chunk, 'The transcript has no case for an agent chunk type');
  }
}

/**
 * A part left open (its end chunk lost) is over with the call. Only the parts opened since the last
 * finish are looked at, so a finish costs what was opened before it, whatever the transcript's length.
 */
function closeOpenParts(next: Mutable<AgentTranscript>, owner: Ownership): void {
  const before = indexOfParts(next.parts);
  if (before.opened === undefined) return;
  for (let opened: PositionStack | undefined = before.opened; opened; opened = opened.below) {
    const part = next.parts.at(opened.position)!;
    if (part.type !== 'tool-call' && part.streaming) {
      (writablePart(next, opened.position, owner) as Mutable<TranscriptTextPart>).streaming = false;
    }
  }
  if (owner.isOwned(next.parts)) {
    const index = writableIndex(next, owner);
    index.opened = undefined;
    index.open = undefined;
  } else {
    // Nothing was open after all (each part opened since was ended): the list is an earlier state's,
    // and every part of it closed, so an index without the stale entries describes it as well. Not
    // owned, so a later write in this batch copies it rather than change what that state reads.
    setIndexOfParts(next.parts, { ...before, opened: undefined, open: undefined });
  }
}

function currentModelCall(transcript: AgentTranscript): number {
  return Math.max(0, transcript.modelCalls.length - 1);
}

/** Appends a new streaming text or reasoning part (owned by the batch) and indexes it as open. */
function openPart(
  next: Mutable<AgentTranscript>,
  type: 'text' | 'reasoning',
  partId: string | undefined,
  owner: Ownership,
): TranscriptTextPart {
  const part = owner.own<TranscriptTextPart>({
    type,
    partId,
    text: '',
    streaming: true,
    modelCall: currentModelCall(next),
  });
  const position = next.parts.length;
  const index = writableIndex(next, owner);
  pushOpen(index, owner.listEdit, openKey(type, partId), position);
  putParts(next, next.parts.append(part, owner.listEdit), index, owner);
  return part;
}

function appendToolCall(
  next: Mutable<AgentTranscript>,
  toolCallId: string,
  toolName: string | undefined,
  args: unknown,
  owner: Ownership,
): TranscriptToolCallPart {
  const part = owner.own<TranscriptToolCallPart>({
    type: 'tool-call',
    toolCallId,
    toolName,
    args,
    state: 'called',
    result: undefined,
    error: undefined,
    modelCall: currentModelCall(next),
  });
  const index = writableIndex(next, owner);
  addToolCall(index, owner.listEdit, toolCallId, next.parts.length);
  putParts(next, next.parts.append(part, owner.listEdit), index, owner);
  return part;
}

/** The part at `position`, copied (and put in the list) unless the batch made it. */
function writablePart(next: Mutable<AgentTranscript>, position: number, owner: Ownership): TranscriptPart {
  const part = next.parts.at(position)!;
  if (owner.isOwned(part)) return part;
  const copy = owner.own({ ...part });
  putParts(next, next.parts.set(position, copy, owner.listEdit), indexOfParts(next.parts), owner);
  return copy;
}

/**
 * The index of the transcript's parts, for this batch to change: a copy the first time in a batch,
 * paired with the list when the batch made that list, else by `putParts` with the list the change makes.
 */
function writableIndex(next: Mutable<AgentTranscript>, owner: Ownership): Mutable<TranscriptIndex> {
  const parts = next.parts;
  const index = indexOfParts(parts);
  if (owner.isOwned(index)) return index;
  const copy = owner.own({ ...index });
  // A list this batch made is paired with the copy now; an earlier state's keeps its own index.
  if (owner.isOwned(parts)) setIndexOfParts(parts, copy);
  return copy;
}

/** Puts a list this batch made, with the index that describes it. */
function putParts(
  next: Mutable<AgentTranscript>,
  parts: AgentTranscript['parts'],
  index: TranscriptIndex,
  owner: Ownership,
): void {
  // Owned: `writableIndex` may pair a new index with a list this batch made, never with an older one.
  next.parts = owner.own(parts);
  setIndexOfParts(parts, index);
}

function writableCalls(transcript: Mutable<AgentTranscript>, owner: Ownership): ModelCall[] {
  const calls = transcript.modelCalls;
  if (owner.isOwned(calls)) return calls as ModelCall[];
  const copy = owner.own([...calls]);
  transcript.modelCalls = copy;
  return copy;
}

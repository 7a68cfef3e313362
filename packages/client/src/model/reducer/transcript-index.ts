import { type TrieNode, trieGet, trieSet } from '../../util/hash-trie';
import type { PersistentList } from '../../util/persistent-list';
import type { TranscriptPart } from '../agent-transcript';

/**
 * Where a transcript's parts are, by what a chunk names: its open text and reasoning parts by type and
 * part id, its tool calls by id. Why: a delta with a new part id (some providers send one per token)
 * and a new tool call were found by walking back over every part, so each chunk cost more than the last.
 *
 * Kept beside each parts list in a WeakMap, as the content index is: lists are immutable, so an older
 * state keeps the index of its own list, and nothing extra appears in the transcript (a spread copy, a
 * moved transcript, keeps its list and so its index). The tries and stacks are persistent; a batch
 * copies the index object once and then changes it in place (`own`), and its tries under the batch's
 * edit token. A list that arrives without one (a transcript built elsewhere) is indexed once, on first use.
 */
export interface TranscriptIndex {
  /** Open text and reasoning parts by `openKey`: their positions, the newest on top (a delta goes there). */
  open: TrieNode<PositionStack | undefined> | undefined;
  /** Tool-call parts by `toolCallId`: the position. */
  toolCalls: TrieNode<number> | undefined;
  /**
   * Every part opened since the last agent finish, newest first; some have closed since. The finish
   * closes what is still open by walking only these, each once, not every part of the transcript.
   */
  opened: PositionStack | undefined;
}

/** Positions in the parts list, an immutable stack shared by every index that holds it. */
export interface PositionStack {
  readonly position: number;
  readonly below: PositionStack | undefined;
}

const indexes = new WeakMap<PersistentList<TranscriptPart>, TranscriptIndex>();

/** The key of an open part: its type's initial and its part id (none is a key of its own). */
export function openKey(type: 'text' | 'reasoning', partId: string | undefined): string {
  return partId === undefined ? type[0]! : `${type[0]}:${partId}`;
}

/** The index of `parts`, built when the list has none (one walk, once per such list). */
export function indexOfParts(parts: PersistentList<TranscriptPart>): TranscriptIndex {
  const known = indexes.get(parts);
  if (known !== undefined) return known;
  const edit = {};
  const index: TranscriptIndex = { open: undefined, toolCalls: undefined, opened: undefined };
  let position = 0;
  for (const part of parts) {
    if (part.type === 'tool-call') {
      // The last call with an id wins, as a search from the end found it.
      index.toolCalls = trieSet(index.toolCalls, edit, part.toolCallId, position);
    } else if (part.streaming) {
      pushOpen(index, edit, openKey(part.type, part.partId), position);
    }
    position++;
  }
  indexes.set(parts, index);
  return index;
}

/** Records that `parts` (a list this batch made) is described by `index` (one this batch owns). */
export function setIndexOfParts(parts: PersistentList<TranscriptPart>, index: TranscriptIndex): void {
  indexes.set(parts, index);
}

/** The position of the newest open part under `key`, or -1. */
export function findOpen(index: TranscriptIndex, key: string): number {
  return trieGet(index.open, key)?.position ?? -1;
}

/** The position of the tool call with that id, or -1. */
export function findToolCall(index: TranscriptIndex, toolCallId: string): number {
  return trieGet(index.toolCalls, toolCallId) ?? -1;
}

export function pushOpen(index: TranscriptIndex, edit: object, key: string, position: number): void {
  index.open = trieSet(index.open, edit, key, { position, below: trieGet(index.open, key) });
  index.opened = { position, below: index.opened };
}

/** Takes the newest open part under `key` off its stack (it closed). */
export function popOpen(index: TranscriptIndex, edit: object, key: string): void {
  index.open = trieSet(index.open, edit, key, trieGet(index.open, key)?.below);
}

export function addToolCall(
  index: TranscriptIndex,
  edit: object,
  toolCallId: string,
  position: number,
): void {
  index.toolCalls = trieSet(index.toolCalls, edit, toolCallId, position);
}

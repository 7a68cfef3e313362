import { type TrieEdit, type TrieNode, trieGet, trieSet } from '../../util/hash-trie';

/**
 * Which contents a list of chunks without ids (custom `data-*` chunks, writes read without a position)
 * already holds, so a replayed chunk is found in O(1) instead of by comparing its JSON text with every
 * earlier one (8,000 data chunks took 21 s that way).
 *
 * The index is a persistent hash trie kept beside each list in a WeakMap: a state's lists are immutable,
 * so an older state keeps the index of its own list, and nothing extra appears in the state. A list that
 * arrives without one (a state built elsewhere) is indexed once, on first use.
 */
/** A list of chunks: the run's `data` array, or a step's append-only `writes`. */
type ChunkList<T> = Iterable<T> & object;

const indexes = new WeakMap<ChunkList<unknown>, TrieNode<true> | undefined>();

/**
 * The content key of a chunk: its JSON text, prefixed (with the data name). Undefined for content that has
 * no JSON text: such a chunk is never taken for a replay.
 */
export function contentKey(prefix: string, value: unknown): string | undefined {
  let text: string | undefined;
  try {
    text = typeof value === 'string' ? `s${value}` : JSON.stringify(value);
  } catch {
    return undefined;
  }
  return text === undefined ? undefined : `${prefix}\u0000${text}`;
}

export function hasContent<T>(
  list: ChunkList<T>,
  keyOf: (item: T) => string | undefined,
  key: string,
): boolean {
  return trieGet(indexOf(list, keyOf), key) !== undefined;
}

/**
 * Records that `next` (the list after appending the chunk with `key`) holds what `previous` held plus
 * `key`. `next` may be `previous` itself, grown in place within one batch.
 */
export function addContent<T>(
  previous: ChunkList<T>,
  next: ChunkList<T>,
  keyOf: (item: T) => string | undefined,
  key: string | undefined,
  edit: TrieEdit,
): void {
  const root = indexOf(previous, keyOf);
  indexes.set(next, key === undefined ? root : trieSet(root, edit, key, true));
}

function indexOf<T>(list: ChunkList<T>, keyOf: (item: T) => string | undefined): TrieNode<true> | undefined {
  if (indexes.has(list)) return indexes.get(list);
  let root: TrieNode<true> | undefined;
  const edit = {};
  for (const item of list) {
    const key = keyOf(item);
    if (key !== undefined) root = trieSet(root, edit, key, true);
  }
  indexes.set(list, root);
  return root;
}

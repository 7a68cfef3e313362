/**
 * A persistent hash array mapped trie (Bagwell's HAMT, as in Clojure and Immutable.js), insert-only,
 * with string keys: the structure behind a run's steps.
 *
 * Why: a run state is immutable, and copying a record of 10,000 steps for every batch of events made the
 * cost per event grow with the run. Here a write copies only the path to one leaf (at most seven nodes of
 * up to 32 slots; three for 10,000 keys), and a read follows that path.
 *
 * Writes take an `edit` token. Nodes created under a token belong to that edit and are changed in place
 * by later writes with the same token, so a batch of events touching one step copies its path once. Once
 * the batch is over its token is never used again, and every node is as immutable as the rest.
 *
 * Steps are never removed from a run, so there is no delete.
 */

/** Whoever owns a batch of writes: any object, compared by identity. */
export type TrieEdit = object;

/**
 * Up to 32 slots, present ones flagged in `bitmap`, stored densely in `array` as pairs: `[key, value]` for
 * a leaf, `[null, child]` for a subtree. A node for keys whose whole 32-bit hashes are equal (rare) has
 * `collision` set to that hash and keeps `[key, value]` pairs searched in order. `edit`: the token whose
 * writes may change it in place.
 *
 * A node with more than `maxBitmapEntries` slots is an array node instead (`bitmap` is `arrayNode`):
 * `array` holds 32 children by slot, undefined where there is none, and a key of its own is a child of
 * one entry. Why: the upper nodes of a big map are full, and a write copies each node on its path
 * (every write, when a stream is reduced one event per read): 32 slots copy half what 32 pairs did.
 */
export interface TrieNode<V> {
  edit: TrieEdit | undefined;
  bitmap: number;
  array: unknown[];
  collision: number | undefined;
  /** Never set: ties a node to the type of its values. */
  readonly value?: V;
}

function trieNode<V>(
  edit: TrieEdit | undefined,
  bitmap: number,
  array: unknown[],
  collision?: number,
): TrieNode<V> {
  return { edit, bitmap, array, collision };
}

/** `node` itself when `edit` owns it, else a copy that `edit` owns. */
function own<V>(node: TrieNode<V>, edit: TrieEdit | undefined): TrieNode<V> {
  return edit !== undefined && node.edit === edit
    ? node
    : trieNode(edit, node.bitmap, node.array.slice(), node.collision);
}

const bitsPerLevel = 5;
const levelMask = 31;

/** The `bitmap` of an array node: every slot's bit. A bitmap node never has them all (see below). */
const arrayNode = -1;

/** The most entries a bitmap node holds; one more makes it an array node (as Clojure's maps do). */
const maxBitmapEntries = 16;

/**
 * FNV-1a over UTF-16 code units: fast for the short ids steps have, and well spread. A signed 32-bit
 * result: an unsigned one above 2^31 is no small integer to V8, and half the lookups allocated a number.
 */
export function hashKey(key: string): number {
  let hash = 0x811c9dc5 | 0;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash;
}

function bitCount(value: number): number {
  let x = value - ((value >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/** The value under `key`, or undefined. */
export function trieGet<V>(root: TrieNode<V> | undefined, key: string, hash = hashKey(key)): V | undefined {
  let node = root;
  let shift = 0;
  while (node !== undefined) {
    const array = node.array;
    if (node.collision !== undefined) {
      if (node.collision !== hash) return undefined;
      for (let i = 0; i < array.length; i += 2) if (array[i] === key) return array[i + 1] as V;
      return undefined;
    }
    if (node.bitmap === arrayNode) {
      node = array[(hash >>> shift) & levelMask] as TrieNode<V> | undefined;
      shift += bitsPerLevel;
      continue;
    }
    const bit = 1 << ((hash >>> shift) & levelMask);
    if ((node.bitmap & bit) === 0) return undefined;
    const index = 2 * bitCount(node.bitmap & (bit - 1));
    const slotKey = array[index];
    if (slotKey === null) {
      node = array[index + 1] as TrieNode<V>;
      shift += bitsPerLevel;
      continue;
    }
    return slotKey === key ? (array[index + 1] as V) : undefined;
  }
  return undefined;
}

/**
 * Sets `key` to `value`. Returns the same root when the key already held that very value; nodes owned by
 * `edit` are changed in place, every other node on the path is copied. Only the root comes back (no
 * object around it): the step map writes once per step event, and knows whether the key is new.
 */
export function trieSet<V>(
  root: TrieNode<V> | undefined,
  edit: TrieEdit | undefined,
  key: string,
  value: V,
): TrieNode<V> {
  const hash = hashKey(key);
  if (root === undefined) return leafNode(edit, 0, hash, key, value);
  return setIn(root, edit, 0, hash, key, value);
}

function setIn<V>(
  node: TrieNode<V>,
  edit: TrieEdit | undefined,
  shift: number,
  hash: number,
  key: string,
  value: V,
): TrieNode<V> {
  const array = node.array;
  const collision = node.collision;
  let owned: TrieNode<V>;
  if (collision !== undefined) {
    if (hash !== collision) {
      // A different hash below a collision: give the collision node a parent that tells the two apart.
      const parent = trieNode<V>(edit, 1 << ((collision >>> shift) & levelMask), [null, node]);
      return setIn(parent, edit, shift, hash, key, value);
    }
    let index = 0;
    while (index < array.length && array[index] !== key) index += 2;
    if (index < array.length && array[index + 1] === value) return node;
    owned = own(node, edit);
    owned.array[index] = key;
    owned.array[index + 1] = value;
    return owned;
  }

  if (node.bitmap === arrayNode) {
    const slot = (hash >>> shift) & levelMask;
    const child = array[slot] as TrieNode<V> | undefined;
    const next =
      child === undefined
        ? leafNode<V>(edit, shift + bitsPerLevel, hash, key, value)
        : setIn(child, edit, shift + bitsPerLevel, hash, key, value);
    if (next === child) return node;
    owned = own(node, edit);
    owned.array[slot] = next;
    return owned;
  }

  const bit = 1 << ((hash >>> shift) & levelMask);
  const index = 2 * bitCount(node.bitmap & (bit - 1));
  if ((node.bitmap & bit) === 0) {
    if (array.length === 2 * maxBitmapEntries) return toArrayNode(node, edit, shift, hash, key, value);
    owned = own(node, edit);
    owned.array.splice(index, 0, key, value);
    owned.bitmap |= bit;
    return owned;
  }
  const slotKey = array[index];
  const slotValue = array[index + 1];
  let child: unknown = value;
  if (slotKey === null) {
    child = setIn(slotValue as TrieNode<V>, edit, shift + bitsPerLevel, hash, key, value);
  } else if (slotKey !== key) {
    // Another key in this slot: both move one level down.
    const otherKey = slotKey as string;
    child = branch(edit, shift + bitsPerLevel, otherKey, hashKey(otherKey), slotValue, key, hash, value);
  }
  if (child === slotValue) return node;
  owned = own(node, edit);
  if (slotKey !== key) owned.array[index] = null;
  owned.array[index + 1] = child;
  return owned;
}

/** A node holding one key, at the level below `shift`'s parent. */
function leafNode<V>(edit: TrieEdit | undefined, shift: number, hash: number, key: string, value: unknown) {
  return trieNode<V>(edit, 1 << ((hash >>> shift) & levelMask), [key, value]);
}

/** A full bitmap node as an array node, with a new key in a slot it did not have. */
function toArrayNode<V>(
  node: TrieNode<V>,
  edit: TrieEdit | undefined,
  shift: number,
  hash: number,
  key: string,
  value: V,
): TrieNode<V> {
  const children: unknown[] = new Array(32).fill(undefined);
  const array = node.array;
  let index = 0;
  for (let slot = 0; slot < 32; slot++) {
    if ((node.bitmap & (1 << slot)) === 0) continue;
    const slotKey = array[index] as string | null;
    const slotValue = array[index + 1];
    children[slot] =
      slotKey === null
        ? slotValue
        : leafNode(edit, shift + bitsPerLevel, hashKey(slotKey), slotKey, slotValue);
    index += 2;
  }
  children[(hash >>> shift) & levelMask] = leafNode(edit, shift + bitsPerLevel, hash, key, value);
  return trieNode(edit, arrayNode, children);
}

/** The smallest subtree holding two keys. Distinct 32-bit hashes part by shift 30 at the latest. */
function branch<V>(
  edit: TrieEdit | undefined,
  shift: number,
  key1: string,
  hash1: number,
  value1: unknown,
  key2: string,
  hash2: number,
  value2: unknown,
): TrieNode<V> {
  if (hash1 === hash2) return trieNode(edit, 0, [key1, value1, key2, value2], hash1);
  const slot1 = (hash1 >>> shift) & levelMask;
  const slot2 = (hash2 >>> shift) & levelMask;
  if (slot1 === slot2) {
    const child = branch(edit, shift + bitsPerLevel, key1, hash1, value1, key2, hash2, value2);
    return trieNode(edit, 1 << slot1, [null, child]);
  }
  return trieNode(
    edit,
    (1 << slot1) | (1 << slot2),
    slot1 < slot2 ? [key1, value1, key2, value2] : [key2, value2, key1, value1],
  );
}

/**
 * Calls `fn` for every entry, in hash order: the same for the same keys whatever order they were set in
 * (keys whose whole hashes collide keep the order they came in).
 */
export function trieForEach<V>(node: TrieNode<V> | undefined, fn: (value: V, key: string) => void): void {
  if (node === undefined) return;
  const array = node.array;
  if (node.bitmap === arrayNode) {
    for (let slot = 0; slot < array.length; slot++) trieForEach(array[slot] as TrieNode<V> | undefined, fn);
    return;
  }
  for (let i = 0; i < array.length; i += 2) {
    const key = array[i];
    if (key === null) trieForEach(array[i + 1] as TrieNode<V>, fn);
    else fn(array[i + 1] as V, key as string);
  }
}

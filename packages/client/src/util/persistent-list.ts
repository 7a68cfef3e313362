/**
 * An immutable list where appending, inserting, replacing or removing one item copies a few nodes of at
 * most 32 slots (O(log n)), not the list. Why: a run's step ids (kept in start order, so a snapshot read
 * newest first inserts each at the front) and a loop step's executions (one per iteration, the latest
 * replaced by its result) were arrays copied once per batch, and a stream read one event per batch did
 * quadratic work.
 *
 * A B-tree by position: leaves hold up to 32 items, branches up to 32 children and the count below them.
 * Writes take an optional `edit` token, as `trieSet` in hash-trie.ts: nodes created under a token are
 * changed in place by later writes with the same token, so a batch of events copies each path once.
 * Once the batch is over its token is never used again, and every node is as immutable as the rest.
 *
 * The last items (up to 32) are kept out of the tree, in an array shared as `AppendOnlyList` shares its
 * own: a list reads only its part of it, and no item of any list's part is overwritten, so appending to
 * the newest list (a new round of a loop, a new step) pushes onto that array: no copy, no walk, and
 * `at(-1)` is one read. Replacing an item there copies that part (up to 32 items); inserting before the
 * end or removing moves it into the tree first.
 *
 * It reads like `AppendOnlyList`: `length`, `at`, `slice`, `for … of`, `toArray()`, JSON.
 *
 * @example
 * const executions = step.executions; // PersistentList<StepExecution>
 * const latest = executions.at(-1);
 * const rounds = executions.toArray().map((execution) => execution.status);
 */
export class PersistentList<T> implements Iterable<T> {
  readonly length: number;
  /** Every item but the last `length − #root.size`. */
  readonly #root: Node;
  /** The last items: `#tail[0 … length − #root.size)`, the rest of the array is other lists'. */
  readonly #tail: T[];
  #array: readonly T[] | undefined;

  private constructor(root: Node, tail: T[], tailLength: number) {
    this.#root = root;
    this.#tail = tail;
    this.length = root.size + tailLength;
  }

  /** A new empty list (each its own tail: a shared one would hold the first list's items for ever). */
  static empty<T>(): PersistentList<T> {
    return new PersistentList<T>(emptyRoot, [], 0);
  }

  /** A list holding the items of `items`, in order. */
  static from<T>(items: Iterable<T>): PersistentList<T> {
    const edit = {};
    let list = PersistentList.empty<T>();
    for (const item of items) list = list.append(item, edit);
    return list;
  }

  /** This list with `item` at the end; this list is unchanged (unless `edit` owns its nodes). */
  append(item: T, edit?: object): PersistentList<T> {
    const root = this.#root;
    const count = this.length - root.size;
    // A full tail goes into the tree, and the item starts the next one.
    if (count === maxWidth) return new PersistentList(intoTree(root, this.#tail, count, edit), [item], 1);
    // The newest list pushes onto the shared array; an older one copies its part first.
    const tail = this.#tail.length === count ? this.#tail : this.#tail.slice(0, count);
    tail.push(item);
    return new PersistentList(root, tail, count + 1);
  }

  /** This list with `item` before the item at `index` (0 ≤ index ≤ length). */
  insert(index: number, item: T, edit?: object): PersistentList<T> {
    check(index, this.length, 1);
    if (index === this.length) return this.append(item, edit);
    return new PersistentList(treeInsert(this.#tree(edit), index, item, edit), [], 0);
  }

  /** This list with the item at `index` replaced by `item`. */
  set(index: number, item: T, edit?: object): PersistentList<T> {
    check(index, this.length, 0);
    const root = this.#root;
    const count = this.length - root.size;
    if (index < root.size) {
      const next = setIn(root, index, item, edit);
      return next === root ? this : new PersistentList(next, this.#tail, count);
    }
    if (this.#tail[index - root.size] === item) return this;
    const tail = this.#tail.slice(0, count);
    tail[index - root.size] = item;
    return new PersistentList(root, tail, count);
  }

  /** This list without the item at `index`. */
  remove(index: number, edit?: object): PersistentList<T> {
    check(index, this.length, 0);
    let root = removeFrom(this.#tree(edit), index, edit);
    while (!root.leaf && root.items.length === 1) root = root.items[0];
    return new PersistentList(root, [], 0);
  }

  /**
   * A tree of every item, the tail moved in: for an insert before the end or a removal (rare: a start
   * that moved, a step that started before others), which then need no case of their own for the tail.
   */
  #tree(edit: object | undefined): Node {
    return intoTree(this.#root, this.#tail, this.length - this.#root.size, edit);
  }

  /** The item at `index`; a negative index counts from the end, as `Array.prototype.at`. */
  at(index: number): T | undefined {
    let offset = index < 0 ? this.length + index : index;
    if (!(offset >= 0 && offset < this.length)) return undefined;
    let at = this.#root;
    if (offset >= at.size) return this.#tail[offset - at.size];
    // Index loops, not `for … of`: this runs for every read of an item.
    while (!at.leaf) {
      at = at.items[childAt(at.items, offset)];
      offset = rest;
    }
    return at.items[offset];
  }

  /**
   * The index of the last item `predicate` holds for, searching back from `fromIndex` (the end by
   * default), or -1, as `Array.prototype.findLastIndex`: O(log n + items visited), where calling `at`
   * for each would be O(log n) each.
   */
  findLastIndex(predicate: (item: T, index: number) => boolean, fromIndex = this.length - 1): number {
    const size = this.#root.size;
    let from = Math.min(fromIndex, this.length - 1);
    for (; from >= size; from--) if (predicate(this.#tail[from - size]!, from)) return from;
    return from < 0 ? -1 : findBack(this.#root, 0, from, predicate);
  }

  /** Items from `start` up to `end` as a new array, as `Array.prototype.slice`: O(log n + end − start). */
  slice(start = 0, end = this.length): T[] {
    const from = start < 0 ? Math.max(0, this.length + start) : Math.min(start, this.length);
    const to = end < 0 ? Math.max(0, this.length + end) : Math.min(end, this.length);
    const out: T[] = [];
    const size = this.#root.size;
    if (to > from && from < size) collect(this.#root, from, Math.min(to, size), out);
    for (let index = Math.max(from, size); index < to; index++) out.push(this.#tail[index - size]!);
    return out;
  }

  /** The items as an array, built once per list. */
  toArray(): readonly T[] {
    this.#array ??= this.slice();
    return this.#array;
  }

  /** JSON sees the items, as it saw the array this list replaced. */
  toJSON(): readonly T[] {
    return this.toArray();
  }

  *[Symbol.iterator](): Iterator<T> {
    yield* walk(this.#root);
    yield* this.#tail.slice(0, this.length - this.#root.size);
  }
}

const maxWidth = 32;

/**
 * A leaf (`items` are the list's items) or a branch (`items` are nodes; `size` counts the items below).
 * One shape for both keeps every node access monomorphic. `edit`: the token whose writes may change it.
 */
interface Node {
  edit: object | undefined;
  // biome-ignore lint/suspicious/noExplicitAny: a leaf's items are the list's, a branch's are nodes.
  items: any[];
  size: number;
  leaf: boolean;
}

function node(edit: object | undefined, items: unknown[], size: number, leaf: boolean): Node {
  return { edit, items, size, leaf };
}

/**
 * The tree of every list made empty (every new step has one): no token owns it, so `own` copies it before
 * any write, and it stays empty. A node and an array per list saved, where the tail must be a list's own.
 */
const emptyRoot: Node = node(undefined, [], 0, true);

/** `node` itself when `edit` owns it, else a copy that `edit` owns. */
function own(from: Node, edit: object | undefined): Node {
  return edit !== undefined && from.edit === edit
    ? from
    : node(edit, from.items.slice(), from.size, from.leaf);
}

/** Throws unless `index` is a position of a list of `length` (or just past its end, with `past` 1). */
function check(index: number, length: number, past: number): void {
  if (!(index >= 0 && index < length + past))
    throw new RangeError(`No position ${index} in a list of ${length}`);
}

/** What `childAt` left of the offset: the position within the child it returned. */
let rest = 0;

/** The index of the child of a branch holding position `offset` (the last child for the end). */
function childAt(children: readonly Node[], offset: number): number {
  let index = 0;
  while (index < children.length - 1 && offset >= children[index]!.size) offset -= children[index++]!.size;
  rest = offset;
  return index;
}

/** `root` with `item` inserted at `index`, grown by a level when its root split. */
function treeInsert(root: Node, index: number, item: unknown, edit: object | undefined): Node {
  const grown = insertInto(root, index, item, edit);
  const right = pendingSplit;
  if (right === undefined) return grown;
  pendingSplit = undefined;
  return node(edit, [grown, right], grown.size + right.size, false);
}

/**
 * `root` with the first `count` of `items` appended (a tail). Under one token (the batch's, else one
 * of its own), so the path it grows is copied once, not once per item.
 */
function intoTree(root: Node, items: readonly unknown[], count: number, edit: object | undefined): Node {
  if (count === 0) return root;
  const token = edit ?? {};
  for (let index = 0; index < count; index++) root = treeInsert(root, root.size, items[index], token);
  return root;
}

/** The node split off by the last `insertInto`, to the right of the one it returned. */
let pendingSplit: Node | undefined;

/**
 * `at` with `item` inserted at `index`. A node that grows past 32 is split, the right part left in
 * `pendingSplit`: at the end when the insert was there (items arriving in order fill whole leaves), at the
 * front when it was there (items arriving in reverse order do too), else in halves.
 */
function insertInto(at: Node, index: number, item: unknown, edit: object | undefined): Node {
  const owned = own(at, edit);
  const items = owned.items;
  owned.size++;
  let slot = index;
  if (at.leaf) {
    if (index === items.length) items.push(item);
    else items.splice(index, 0, item);
  } else {
    slot = childAt(items, index);
    items[slot] = insertInto(items[slot], rest, item, edit);
    const right = pendingSplit;
    if (right === undefined) return owned;
    pendingSplit = undefined;
    items.splice(++slot, 0, right);
  }
  if (items.length > maxWidth) {
    const moved = items.splice(
      slot === items.length - 1 ? slot : slot === 0 ? 1 : items.length >>> 1,
    ) as Node[];
    let size = 0;
    for (const each of moved) size += at.leaf ? 1 : each.size;
    owned.size -= size;
    pendingSplit = node(edit, moved, size, at.leaf);
  }
  return owned;
}

function setIn(at: Node, index: number, item: unknown, edit: object | undefined): Node {
  let slot = index;
  let value = item;
  if (!at.leaf) {
    slot = childAt(at.items, index);
    value = setIn(at.items[slot], rest, item, edit);
  }
  if (at.items[slot] === value) return at;
  const owned = own(at, edit);
  owned.items[slot] = value;
  return owned;
}

/** `at` without the item at `index`; an emptied child is dropped (nodes are not merged: removal is rare). */
function removeFrom(at: Node, index: number, edit: object | undefined): Node {
  const owned = own(at, edit);
  const items = owned.items;
  owned.size--;
  if (at.leaf) items.splice(index, 1);
  else {
    const slot = childAt(items, index);
    const child = removeFrom(items[slot], rest, edit);
    if (child.size === 0 && items.length > 1) items.splice(slot, 1);
    else items[slot] = child;
  }
  return owned;
}

/** `findLastIndex` below `at`, whose first item has index `base`, from `base + from` back. */
function findBack<T>(
  at: Node,
  base: number,
  from: number,
  predicate: (item: T, index: number) => boolean,
): number {
  const items = at.items;
  if (at.leaf) {
    for (let index = from; index >= 0; index--)
      if (predicate(items[index], base + index)) return base + index;
    return -1;
  }
  let slot = childAt(items, from);
  let offset = rest;
  let childBase = base + from - offset;
  for (; slot >= 0; slot--) {
    const found = findBack(items[slot], childBase, offset, predicate);
    if (found !== -1) return found;
    if (slot > 0) {
      offset = items[slot - 1].size - 1;
      childBase -= offset + 1;
    }
  }
  return -1;
}

function collect<T>(at: Node, from: number, to: number, out: T[]): void {
  const items = at.items;
  if (at.leaf) {
    for (let index = from; index < to; index++) out.push(items[index]);
    return;
  }
  let offset = 0;
  for (let slot = 0; slot < items.length; slot++) {
    const child: Node = items[slot];
    const end = offset + child.size;
    if (end > from && offset < to)
      collect(child, Math.max(0, from - offset), Math.min(child.size, to - offset), out);
    if (end >= to) return;
    offset = end;
  }
}

function* walk<T>(at: Node): Generator<T> {
  const items = at.items;
  for (let index = 0; index < items.length; index++) {
    if (at.leaf) yield items[index];
    else yield* walk(items[index]);
  }
}

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
 * It reads like `AppendOnlyList`: `length`, `at`, `slice`, `for … of`, `toArray()`, JSON.
 *
 * @example
 * const executions = step.executions; // PersistentList<StepExecution>
 * const latest = executions.at(-1);
 * const rounds = executions.toArray().map((execution) => execution.status);
 */
export class PersistentList<T> implements Iterable<T> {
  readonly length: number;
  readonly #root: Node<T>;
  #array: readonly T[] | undefined;

  private constructor(root: Node<T>) {
    this.#root = root;
    this.length = root.size;
  }

  /** A new empty list. */
  static empty<T>(): PersistentList<T> {
    return new PersistentList<T>(new Leaf<T>(undefined, []));
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
    return this.insert(this.length, item, edit);
  }

  /** This list with `item` before the item at `index` (0 ≤ index ≤ length). */
  insert(index: number, item: T, edit?: object): PersistentList<T> {
    if (!(index >= 0 && index <= this.length))
      throw new RangeError(`No position ${index} in a list of ${this.length}`);
    const root = insertInto(this.#root, index, item, edit);
    const right = takeSplit<T>();
    if (right === undefined) return new PersistentList(root);
    return new PersistentList(new Branch(edit, [root, right], root.size + right.size));
  }

  /** This list with the item at `index` replaced by `item`. */
  set(index: number, item: T, edit?: object): PersistentList<T> {
    if (!(index >= 0 && index < this.length))
      throw new RangeError(`No item ${index} in a list of ${this.length}`);
    return new PersistentList(setIn(this.#root, index, item, edit));
  }

  /** This list without the item at `index`. */
  remove(index: number, edit?: object): PersistentList<T> {
    if (!(index >= 0 && index < this.length))
      throw new RangeError(`No item ${index} in a list of ${this.length}`);
    let root = removeFrom(this.#root, index, edit);
    while (root instanceof Branch && root.children.length === 1) root = root.children[0]!;
    return new PersistentList(root);
  }

  /** The item at `index`; a negative index counts from the end, as `Array.prototype.at`. */
  at(index: number): T | undefined {
    const position = index < 0 ? this.length + index : index;
    if (!(position >= 0 && position < this.length)) return undefined;
    let node = this.#root;
    let offset = position;
    // Index loops, not `for … of`: this runs for every read of an item.
    while (node instanceof Branch) {
      const children: readonly Node<T>[] = node.children;
      let childIndex = 0;
      while (offset >= children[childIndex]!.size) offset -= children[childIndex++]!.size;
      node = children[childIndex]!;
    }
    return (node as Leaf<T>).items[offset];
  }

  /**
   * The index of the last item `predicate` holds for, searching back from `fromIndex` (the end by
   * default), or -1, as `Array.prototype.findLastIndex`: O(log n + items visited), where calling `at`
   * for each would be O(log n) each.
   */
  findLastIndex(predicate: (item: T, index: number) => boolean, fromIndex = this.length - 1): number {
    const from = Math.min(fromIndex, this.length - 1);
    return from < 0 ? -1 : findBack(this.#root, 0, from, predicate);
  }

  /** Items from `start` up to `end` as a new array, as `Array.prototype.slice`: O(log n + end − start). */
  slice(start = 0, end = this.length): T[] {
    const from = start < 0 ? Math.max(0, this.length + start) : Math.min(start, this.length);
    const to = end < 0 ? Math.max(0, this.length + end) : Math.min(end, this.length);
    const out: T[] = [];
    if (to > from) collect(this.#root, from, to, out);
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
  }
}

const maxWidth = 32;

class Leaf<T> {
  constructor(
    public edit: object | undefined,
    public items: T[],
  ) {}

  get size(): number {
    return this.items.length;
  }
}

class Branch<T> {
  constructor(
    public edit: object | undefined,
    public children: Node<T>[],
    public size: number,
  ) {}
}

type Node<T> = Leaf<T> | Branch<T>;

function editableLeaf<T>(leaf: Leaf<T>, edit: object | undefined): Leaf<T> {
  return edit !== undefined && leaf.edit === edit ? leaf : new Leaf(edit, leaf.items.slice());
}

function editableBranch<T>(branch: Branch<T>, edit: object | undefined): Branch<T> {
  return edit !== undefined && branch.edit === edit
    ? branch
    : new Branch(edit, branch.children.slice(), branch.size);
}

/** The node split off by the last `insertInto`, to the right of the one it returned. */
let pendingSplit: Node<unknown> | undefined;

function takeSplit<T>(): Node<T> | undefined {
  const split = pendingSplit as Node<T> | undefined;
  pendingSplit = undefined;
  return split;
}

/**
 * `node` with `item` inserted at `index`. A node that grows past 32 is split, the right part left in
 * `pendingSplit`: at the end when the insert was there (items arriving in order fill whole leaves), at the
 * front when it was there (items arriving in reverse order do too), else in halves.
 */
function insertInto<T>(node: Node<T>, index: number, item: T, edit: object | undefined): Node<T> {
  if (node instanceof Leaf) {
    const leaf = editableLeaf(node, edit);
    const items = leaf.items;
    if (index === items.length) items.push(item);
    else items.splice(index, 0, item);
    if (items.length > maxWidth) pendingSplit = new Leaf(edit, items.splice(splitAt(index, items.length)));
    return leaf;
  }
  const children = node.children;
  let childIndex = 0;
  let offset = index;
  while (childIndex < children.length - 1 && offset >= children[childIndex]!.size) {
    offset -= children[childIndex]!.size;
    childIndex++;
  }
  const child = insertInto(children[childIndex]!, offset, item, edit);
  const right = takeSplit<T>();
  const branch = editableBranch(node, edit);
  branch.children[childIndex] = child;
  branch.size += 1;
  if (right !== undefined) {
    branch.children.splice(childIndex + 1, 0, right);
    if (branch.children.length > maxWidth) {
      const moved = branch.children.splice(splitAt(childIndex + 1, branch.children.length));
      let size = 0;
      for (const each of moved) size += each.size;
      branch.size -= size;
      pendingSplit = new Branch(edit, moved, size);
    }
  }
  return branch;
}

/** Where a node of `length` slots that just took a new one at `index` splits (the right part's start). */
function splitAt(index: number, length: number): number {
  if (index === length - 1) return length - 1;
  if (index === 0) return 1;
  return length >>> 1;
}

function setIn<T>(node: Node<T>, index: number, item: T, edit: object | undefined): Node<T> {
  if (node instanceof Leaf) {
    if (node.items[index] === item) return node;
    const leaf = editableLeaf(node, edit);
    leaf.items[index] = item;
    return leaf;
  }
  let childIndex = 0;
  let offset = index;
  while (offset >= node.children[childIndex]!.size) {
    offset -= node.children[childIndex]!.size;
    childIndex++;
  }
  const before = node.children[childIndex]!;
  const child = setIn(before, offset, item, edit);
  if (child === before) return node;
  const branch = editableBranch(node, edit);
  branch.children[childIndex] = child;
  return branch;
}

/** `node` without the item at `index`; an emptied child is dropped (nodes are not merged: removal is rare). */
function removeFrom<T>(node: Node<T>, index: number, edit: object | undefined): Node<T> {
  if (node instanceof Leaf) {
    const leaf = editableLeaf(node, edit);
    leaf.items.splice(index, 1);
    return leaf;
  }
  let childIndex = 0;
  let offset = index;
  while (offset >= node.children[childIndex]!.size) {
    offset -= node.children[childIndex]!.size;
    childIndex++;
  }
  const child = removeFrom(node.children[childIndex]!, offset, edit);
  const branch = editableBranch(node, edit);
  branch.size -= 1;
  if (child.size === 0 && branch.children.length > 1) branch.children.splice(childIndex, 1);
  else branch.children[childIndex] = child;
  return branch;
}

/** `findLastIndex` below `node`, whose first item has index `base`, from `base + from` back. */
function findBack<T>(
  node: Node<T>,
  base: number,
  from: number,
  predicate: (item: T, index: number) => boolean,
): number {
  if (node instanceof Leaf) {
    for (let index = from; index >= 0; index--)
      if (predicate(node.items[index]!, base + index)) return base + index;
    return -1;
  }
  const children = node.children;
  let childIndex = 0;
  let offset = from;
  let childBase = base;
  while (offset >= children[childIndex]!.size) {
    offset -= children[childIndex]!.size;
    childBase += children[childIndex]!.size;
    childIndex++;
  }
  for (; childIndex >= 0; childIndex--) {
    const found = findBack(children[childIndex]!, childBase, offset, predicate);
    if (found !== -1) return found;
    if (childIndex > 0) {
      offset = children[childIndex - 1]!.size - 1;
      childBase -= children[childIndex - 1]!.size;
    }
  }
  return -1;
}

function collect<T>(node: Node<T>, from: number, to: number, out: T[]): void {
  if (node instanceof Leaf) {
    for (let index = from; index < to; index++) out.push(node.items[index]!);
    return;
  }
  let offset = 0;
  for (let childIndex = 0; childIndex < node.children.length; childIndex++) {
    const child = node.children[childIndex]!;
    const end = offset + child.size;
    if (end > from && offset < to)
      collect(child, Math.max(0, from - offset), Math.min(child.size, to - offset), out);
    if (end >= to) return;
    offset = end;
  }
}

function* walk<T>(node: Node<T>): Generator<T> {
  if (node instanceof Leaf) {
    for (let index = 0; index < node.items.length; index++) yield node.items[index]!;
    return;
  }
  for (let childIndex = 0; childIndex < node.children.length; childIndex++)
    yield* walk(node.children[childIndex]!);
}

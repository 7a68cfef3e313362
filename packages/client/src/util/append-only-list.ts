/**
 * An immutable list that only grows, where adding an item is O(1) amortized instead of a copy of the
 * list. Why: a step that writes 10,000 tokens with `writer.write` got a new array per batch of events,
 * each a copy of every earlier write, and a stream read one event per batch did quadratic work.
 *
 * Lists share one backing array, like Go slices: a list is a length over it, and items below any list's
 * length are never overwritten. Appending to the longest list pushes onto the backing array; appending
 * to an older, shorter one (a state reduced twice) copies its items first, so every list still reads as
 * the items it had.
 *
 * @example
 * const writes = step.writes; // AppendOnlyList<unknown>
 * const latest = writes.at(-1);
 * const lastTwenty = writes.slice(-20);
 * for (const write of writes) console.log(write);
 */
export class AppendOnlyList<T> implements Iterable<T> {
  readonly length: number;
  readonly #items: T[];
  #array: readonly T[] | undefined;

  private constructor(items: T[], length: number) {
    this.#items = items;
    this.length = length;
  }

  /** A new empty list (each its own: a shared one would hold the first list's items for ever). */
  static empty<T>(): AppendOnlyList<T> {
    return new AppendOnlyList<T>([], 0);
  }

  /** A list holding a copy of `items`. */
  static from<T>(items: Iterable<T>): AppendOnlyList<T> {
    const copy = [...items];
    return new AppendOnlyList(copy, copy.length);
  }

  /** This list with `item` at the end; this list is unchanged. */
  append(item: T): AppendOnlyList<T> {
    if (this.#items.length === this.length) {
      this.#items.push(item);
      return new AppendOnlyList(this.#items, this.length + 1);
    }
    const copy = this.#items.slice(0, this.length);
    copy.push(item);
    return new AppendOnlyList(copy, copy.length);
  }

  /** The item at `index`; a negative index counts from the end, as `Array.prototype.at`. */
  at(index: number): T | undefined {
    const position = index < 0 ? this.length + index : index;
    return position >= 0 && position < this.length ? this.#items[position] : undefined;
  }

  /** Items from `start` up to `end` as a new array, as `Array.prototype.slice`: O(end − start). */
  slice(start = 0, end = this.length): T[] {
    const from = start < 0 ? Math.max(0, this.length + start) : Math.min(start, this.length);
    const to = end < 0 ? Math.max(0, this.length + end) : Math.min(end, this.length);
    return this.#items.slice(from, Math.max(from, to));
  }

  /** The items as an array, built once per list. */
  toArray(): readonly T[] {
    this.#array ??= this.#items.slice(0, this.length);
    return this.#array;
  }

  /** JSON sees the items, as it saw the array this list replaced. */
  toJSON(): readonly T[] {
    return this.toArray();
  }

  *[Symbol.iterator](): Iterator<T> {
    for (let index = 0; index < this.length; index++) yield this.#items[index]!;
  }
}

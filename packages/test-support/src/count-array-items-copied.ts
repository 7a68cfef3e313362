/**
 * Items copied into new arrays while `run` runs, counted at the ways code copies a list (spread goes
 * through the array iterator; `slice`; `concat`): a list copied per change makes the count grow with n²; a
 * list that shares its items between states copies a bounded number per change.
 */
export function countArrayItemsCopied<T>(run: () => T): { result: T; items: number } {
  let items = 0;
  const prototype = Array.prototype as unknown as Record<PropertyKey, unknown>;
  const slice = Array.prototype.slice;
  const concat = Array.prototype.concat;
  const iterator = Array.prototype[Symbol.iterator];
  // Patched by hand, not with vi.spyOn: the spy records its calls with arrays and would count itself.
  prototype.slice = function (this: unknown[], start?: number, end?: number) {
    const copy = slice.call(this, start, end);
    items += copy.length;
    return copy;
  };
  prototype.concat = function (this: unknown[], ...values: unknown[]) {
    const copy = concat.apply(this, values);
    items += copy.length;
    return copy;
  };
  prototype[Symbol.iterator] = function (this: unknown[]) {
    items += this.length;
    return iterator.call(this);
  };
  try {
    const result = run();
    return { result, items };
  } finally {
    prototype.slice = slice;
    prototype.concat = concat;
    prototype[Symbol.iterator] = iterator;
  }
}

type IndexOf = (this: Uint8Array, value: number, from?: number) => number;

/**
 * Node's `Buffer#indexOf` where there is one (Node, Bun, Deno): a native search about 25 times faster
 * than `Uint8Array#indexOf` on a 64 KiB read, which cost the SSE relay as much as JSON.parse of the same
 * bytes. It takes any `Uint8Array` as `this`. Elsewhere (an edge runtime without `Buffer`), the
 * standard one.
 */
const nodeIndexOf = (globalThis as { Buffer?: { prototype: { indexOf: IndexOf } } }).Buffer?.prototype
  .indexOf;
const indexOf: IndexOf = typeof nodeIndexOf === 'function' ? nodeIndexOf : Uint8Array.prototype.indexOf;

/**
 * The index of the first `value` byte at or after `from`, or -1.
 *
 * @example
 * findByte(bytes, 0x1e); // where the first record ends
 */
export function findByte(bytes: Uint8Array, value: number, from = 0): number {
  return indexOf.call(bytes, value, from);
}

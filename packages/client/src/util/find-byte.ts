type IndexOf = (this: Uint8Array, value: number, from?: number) => number;

/**
 * Node's `Buffer#indexOf` where there is one (Node, Bun, Deno): a native search about 25 times faster
 * than `Uint8Array#indexOf` on a 64 KiB read, which cost the SSE relay as much as JSON.parse of the same
 * bytes. It takes any `Uint8Array` as `this`. Elsewhere (an edge runtime without `Buffer`), the
 * standard one.
 */
const nodeIndexOf = (globalThis as { Buffer?: { prototype: { indexOf: IndexOf } } }).Buffer?.prototype
  .indexOf;
const indexOf: IndexOf = worksOnPlainBytes(nodeIndexOf) ? nodeIndexOf : Uint8Array.prototype.indexOf;

/** A `Buffer` polyfill (an edge runtime's Node compatibility) may not take a plain `Uint8Array`: tried once. */
function worksOnPlainBytes(candidate: IndexOf | undefined): candidate is IndexOf {
  if (typeof candidate !== 'function') return false;
  try {
    const probe = new Uint8Array([7, 30, 9, 30]).subarray(2);
    return candidate.call(probe, 30) === 1 && candidate.call(probe, 30, 2) === -1;
  } catch {
    return false;
  }
}

/**
 * The index of the first `value` byte at or after `from`, or -1.
 *
 * @example
 * findByte(bytes, 0x1e); // where the first record ends
 */
export function findByte(bytes: Uint8Array, value: number, from = 0): number {
  return indexOf.call(bytes, value, from);
}

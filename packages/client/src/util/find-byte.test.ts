import { describe, expect, it } from 'vitest';
import { findByte } from './find-byte';

describe('findByte', () => {
  it('finds a byte from an offset, in a view that starts inside its buffer', () => {
    const bytes = new Uint8Array([1, 0x1e, 2, 3, 0x1e, 4]);
    expect(findByte(bytes, 0x1e)).toBe(1);
    expect(findByte(bytes, 0x1e, 2)).toBe(4);
    expect(findByte(bytes, 0x0a)).toBe(-1);
    const view = bytes.subarray(2);
    expect(findByte(view, 0x1e)).toBe(2);
    expect(findByte(view, 1)).toBe(-1);
  });
});

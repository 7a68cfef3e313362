import { describe, expect, it } from 'vitest';
import { createEventNumbering } from './event-numbering';

describe('createEventNumbering', () => {
  it('numbers distinct texts 1, 2, 3 and drops repeats', () => {
    const numbering = createEventNumbering();
    expect(['a', 'b', 'a', 'c', 'b', 'd'].map((text) => numbering.next(text))).toEqual([
      1,
      2,
      undefined,
      3,
      undefined,
      4,
    ]);
    expect(numbering.count).toBe(4);
  });

  it('skips the first lastEventId distinct texts, counting the same way', () => {
    const numbering = createEventNumbering({ lastEventId: 2 });
    expect(['a', 'a', 'b', 'a', 'c', 'd'].map((text) => numbering.next(text))).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      3,
      4,
    ]);
  });

  it('numbers every text when dedupe is off', () => {
    const numbering = createEventNumbering({ dedupe: false });
    expect(['a', 'a'].map((text) => numbering.next(text))).toEqual([1, 2]);
  });
});

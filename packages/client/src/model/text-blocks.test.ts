import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitTextBlocks, type TextBlocks } from './text-blocks';

/** Feeds `tokens` one at a time, as a view does on every render. */
function grow(tokens: readonly string[], options?: Parameters<typeof splitTextBlocks>[2]): TextBlocks[] {
  const seen: TextBlocks[] = [];
  let blocks = splitTextBlocks('', undefined, options);
  for (const token of tokens) {
    blocks = splitTextBlocks(blocks.text + token, blocks, options);
    seen.push(blocks);
  }
  return seen;
}

describe('splitTextBlocks', () => {
  it('closes a block at the first line break once it is long enough, so blocks read as the text', () => {
    const text = 'first line\nsecond line\nthird';
    const blocks = splitTextBlocks(text, undefined, { softLength: 12 });
    expect(blocks.closed).toEqual(['first line\nsecond line\n']);
    expect(blocks.open).toBe('third');
  });

  it('keeps a closed block unchanged as tokens arrive, and the closed list while none closes', () => {
    const tokens = Array.from({ length: 400 }, (_, index) => (index % 10 === 9 ? ' end.\n' : ' word'));
    const steps = grow(tokens, { softLength: 100 });
    for (let index = 1; index < steps.length; index++) {
      const before = steps[index - 1]!;
      const after = steps[index]!;
      expect(after.closed.slice(0, before.closed.length)).toEqual(before.closed);
      if (after.closed.length === before.closed.length) expect(after.closed).toBe(before.closed);
    }
    const last = steps[steps.length - 1]!;
    expect(last.closed.length).toBeGreaterThan(10);
    expect(last.closed.every((block) => block.endsWith('\n'))).toBe(true);
  });

  it('cuts a paragraph with no line break at a space once it passes the hard length', () => {
    const tokens = Array.from({ length: 3_000 }, () => ' the');
    const last = grow(tokens, { softLength: 100, hardLength: 1_000 }).at(-1)!;
    expect(last.closed.length).toBeGreaterThanOrEqual(11);
    for (const block of last.closed) {
      expect(block.length).toBeGreaterThanOrEqual(1_000);
      expect(block.length).toBeLessThanOrEqual(1_250);
    }
  });

  it('cuts a long line without spaces anywhere past 1.25 × the hard length', () => {
    const last = grow(['x'.repeat(3_000)], { hardLength: 1_000 }).at(-1)!;
    expect(last.closed.map((block) => block.length)).toEqual([1_250, 1_250]);
    expect(last.open).toHaveLength(500);
  });

  it('returns the same object for the same text, and starts over for a text that did not grow', () => {
    const blocks = splitTextBlocks('a\nb', undefined, { softLength: 1 });
    expect(splitTextBlocks('a\nb', blocks)).toBe(blocks);
    const other = splitTextBlocks('zz\nq', blocks, { softLength: 1 });
    expect(other.closed).toEqual(['zz\n']);
    expect(splitTextBlocks('a', blocks, { softLength: 1 }).closed).toEqual([]);
  });

  it('joins to the text, however it is fed (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.stringMatching(/^[a-c \n]{0,12}$/), { maxLength: 80 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 60 }),
        (tokens, softLength, hardLength) => {
          const options = { softLength, hardLength };
          const text = tokens.join('');
          const incremental = grow(tokens, options).at(-1) ?? splitTextBlocks('', undefined, options);
          const whole = splitTextBlocks(text, undefined, options);
          expect(incremental.closed.join('') + incremental.open).toBe(text);
          // Fed token by token or at once, the cut is the same.
          expect(incremental.closed).toEqual(whole.closed);
          expect(incremental.open).toBe(whole.open);
        },
      ),
    );
  });
});

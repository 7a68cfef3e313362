import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hashKey, type TrieNode, trieForEach, trieGet, trieSet } from './hash-trie';

function entriesOf(root: TrieNode<number> | undefined): [string, number][] {
  const entries: [string, number][] = [];
  trieForEach(root, (value, key) => entries.push([key, value]));
  return entries;
}

/** Two distinct keys with the same 32-bit hash, found by brute force (about 2^16 tries by the birthday bound). */
function collidingKeys(): [string, string] {
  const seen = new Map<number, string>();
  for (let i = 0; ; i++) {
    const key = `step-${i}`;
    const other = seen.get(hashKey(key));
    if (other !== undefined) return [other, key];
    seen.set(hashKey(key), key);
  }
}

describe('the hash trie', () => {
  it('holds what a Map holds, for any keys and writes, persistent or in place', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.string({ maxLength: 6 }), fc.integer(), fc.boolean()), { maxLength: 300 }),
        (writes) => {
          const reference = new Map<string, number>();
          let root: TrieNode<number> | undefined;
          const edit = {};
          for (const [key, value, inPlace] of writes) {
            root = trieSet(root, inPlace ? edit : undefined, key, value);
            reference.set(key, value);
          }
          for (const [key, value] of reference) expect(trieGet(root, key)).toBe(value);
          expect(new Map(entriesOf(root))).toEqual(reference);
          expect(entriesOf(root)).toHaveLength(reference.size);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('leaves an earlier version untouched by writes under another edit', () => {
    const first = trieSet(trieSet(undefined, undefined, 'a', 1), undefined, 'b', 2);
    const second = trieSet(first, {}, 'a', 10);
    expect(trieGet(first, 'a')).toBe(1);
    expect(trieGet(second, 'a')).toBe(10);
    expect(second).not.toBe(first);
  });

  it('changes nodes of the same edit in place', () => {
    const edit = {};
    const start = trieSet(undefined, edit, 'a', 1);
    const again = trieSet(start, edit, 'b', 2);
    expect(again).toBe(start);
    expect(trieSet(again, edit, 'b', 3)).toBe(start);
    expect(trieGet(start, 'a')).toBe(1);
    expect(trieGet(start, 'b')).toBe(3);
  });

  it('returns the same root when a key already holds that value', () => {
    const value = { n: 1 };
    const root = trieSet(undefined, undefined, 'a', value);
    expect(trieSet(root, undefined, 'a', value)).toBe(root);
  });

  it('keeps keys whose hashes collide apart, and splits them from other keys', () => {
    const [one, two] = collidingKeys();
    expect(hashKey(one)).toBe(hashKey(two));
    let root = trieSet(undefined, undefined, one, 1);
    root = trieSet(root, undefined, two, 2);
    root = trieSet(root, undefined, 'other', 3);
    root = trieSet(root, undefined, two, 20);
    expect(trieGet(root, one)).toBe(1);
    expect(trieGet(root, two)).toBe(20);
    expect(trieGet(root, 'other')).toBe(3);
    expect(trieGet(root, 'missing')).toBeUndefined();
    expect(entriesOf(root)).toHaveLength(3);
  });

  it('iterates the same keys in the same order whatever order they were set in', () => {
    const keys = Array.from({ length: 2000 }, (_, i) => `step-${i}`);
    const build = (order: string[]) =>
      order.reduce<TrieNode<number> | undefined>((root, key) => trieSet(root, undefined, key, 1), undefined);
    expect(entriesOf(build([...keys].reverse()))).toEqual(entriesOf(build(keys)));
  });
});

describe('the hash trie past 16 keys a node', () => {
  it('leaves every earlier version as it was, in place writes included', () => {
    const keys = Array.from({ length: 3000 }, (_, i) => `step-${i}`);
    const versions: (TrieNode<number> | undefined)[] = [];
    let root: TrieNode<number> | undefined;
    // Batches of 100 writes, each its own edit: later batches must not change earlier roots.
    for (let batch = 0; batch < 30; batch++) {
      const edit = {};
      for (let i = 0; i < 100; i++) root = trieSet(root, edit, keys[(batch * 37 + i * 53) % 3000]!, batch);
      versions.push(root);
    }
    const reference = new Map<string, number>();
    versions.forEach((version, batch) => {
      for (let i = 0; i < 100; i++) reference.set(keys[(batch * 37 + i * 53) % 3000]!, batch);
      expect(new Map(entriesOf(version))).toEqual(reference);
      for (const [key, value] of reference) expect(trieGet(version, key)).toBe(value);
    });
  });
});

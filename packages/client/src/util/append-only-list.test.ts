import { describe, expect, it } from 'vitest';
import { AppendOnlyList } from './append-only-list';

describe('AppendOnlyList', () => {
  it('appends without changing the list it came from', () => {
    const empty = AppendOnlyList.empty<string>();
    const one = empty.append('a');
    const two = one.append('b');
    expect(empty.toArray()).toEqual([]);
    expect(one.toArray()).toEqual(['a']);
    expect(two.toArray()).toEqual(['a', 'b']);
    expect([...two]).toEqual(['a', 'b']);
  });

  it('keeps an older list whole when it is appended to again (a state reduced twice)', () => {
    const base = AppendOnlyList.from(['a', 'b']);
    const left = base.append('c');
    const right = base.append('x').append('y');
    expect(left.toArray()).toEqual(['a', 'b', 'c']);
    expect(right.toArray()).toEqual(['a', 'b', 'x', 'y']);
    expect(base.toArray()).toEqual(['a', 'b']);
    expect(left.append('d').toArray()).toEqual(['a', 'b', 'c', 'd']);
  });

  it('reads like an array: at, slice, length, JSON', () => {
    const list = AppendOnlyList.from([1, 2, 3, 4]).append(5);
    expect(list).toHaveLength(5);
    expect(list.at(0)).toBe(1);
    expect(list.at(-1)).toBe(5);
    expect(list.at(5)).toBeUndefined();
    expect(list.slice(-2)).toEqual([4, 5]);
    expect(list.slice(1, 3)).toEqual([2, 3]);
    expect(list.slice(-20)).toEqual([1, 2, 3, 4, 5]);
    expect(JSON.stringify({ writes: list })).toBe('{"writes":[1,2,3,4,5]}');
  });

  it('is equal to a list with the same items, not to one with other items of the same length', () => {
    const shared = AppendOnlyList.from(['a']).append('b');
    expect(shared).toEqual(AppendOnlyList.from(['a', 'b']));
    expect(shared).not.toEqual(AppendOnlyList.from(['a', 'c']));
  });
});

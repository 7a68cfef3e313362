import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PersistentList } from './persistent-list';

const operation = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), value: fc.integer() }),
  fc.record({ kind: fc.constant('set' as const), at: fc.nat(), value: fc.integer() }),
  fc.record({ kind: fc.constant('remove' as const), at: fc.nat() }),
);

describe('PersistentList', () => {
  it('reads as an array given the same inserts, sets and removes, and every earlier list is unchanged', () => {
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 400 }), fc.boolean(), (operations, batched) => {
        const edit = batched ? {} : undefined;
        let list = PersistentList.empty<number>();
        let array: number[] = [];
        const history: { list: PersistentList<number>; array: number[] }[] = [];
        for (const op of operations) {
          // Under one edit token the lists in between may change in place: only the last is kept then.
          if (!batched) history.push({ list, array });
          if (op.kind === 'insert') {
            const at = op.at % (array.length + 1);
            list = list.insert(at, op.value, edit);
            array = [...array.slice(0, at), op.value, ...array.slice(at)];
          } else if (array.length > 0) {
            const at = op.at % array.length;
            if (op.kind === 'set') {
              list = list.set(at, op.value, edit);
              array = array.map((value, index) => (index === at ? op.value : value));
            } else {
              list = list.remove(at, edit);
              array = array.filter((_, index) => index !== at);
            }
          }
        }
        expect(list.toArray()).toEqual(array);
        expect([...list]).toEqual(array);
        expect(list).toHaveLength(array.length);
        for (const from of [array.length - 1, array.length >> 1, 0, -1]) {
          const wanted = (value: number) => value % 3 === 0;
          expect(list.findLastIndex(wanted, from)).toBe(
            from < 0 ? -1 : array.findLastIndex((v, i) => i <= from && wanted(v)),
          );
        }
        for (const earlier of history) expect(earlier.list.toArray()).toEqual(earlier.array);
      }),
    );
  });

  it('writes to an earlier list leave every other list as it was (lists share their last items)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ from: fc.nat(), op: operation }), { maxLength: 300 }),
        fc.boolean(),
        (steps, appendMostly) => {
          const versions: { list: PersistentList<number>; array: number[] }[] = [
            { list: PersistentList.empty<number>(), array: [] },
          ];
          for (const { from, op } of steps) {
            // Mostly the newest list, as a reducer writes; else any earlier one, as a state reduced twice.
            const base = versions[from % 3 === 0 ? from % versions.length : versions.length - 1]!;
            let { list, array } = base;
            if (op.kind === 'insert') {
              const at = appendMostly && op.at % 4 !== 0 ? array.length : op.at % (array.length + 1);
              list = list.insert(at, op.value);
              array = [...array.slice(0, at), op.value, ...array.slice(at)];
            } else if (array.length > 0) {
              const at = op.at % array.length;
              if (op.kind === 'set') {
                list = list.set(at, op.value);
                array = array.map((value, index) => (index === at ? op.value : value));
              } else {
                list = list.remove(at);
                array = array.filter((_, index) => index !== at);
              }
            }
            versions.push({ list, array });
          }
          for (const { list, array } of versions) {
            expect(list.toArray()).toEqual(array);
            expect([...list]).toEqual(array);
            expect(list).toHaveLength(array.length);
            expect(list.at(-1)).toBe(array.at(-1));
            expect(list.slice(1, -1)).toEqual(array.slice(1, -1));
            const wanted = (value: number) => value % 2 === 0;
            expect(list.findLastIndex(wanted)).toBe(array.findLastIndex(wanted));
          }
        },
      ),
    );
  });

  it('keeps order across many leaves, appended or put at the front', () => {
    let back = PersistentList.empty<number>();
    let front = PersistentList.empty<number>();
    for (let index = 0; index < 5_000; index++) {
      back = back.append(index);
      front = front.insert(0, index);
    }
    expect(back.toArray()).toEqual(Array.from({ length: 5_000 }, (_, index) => index));
    expect(front.toArray()).toEqual(Array.from({ length: 5_000 }, (_, index) => 4_999 - index));
    expect(back.at(1_234)).toBe(1_234);
    expect(front.at(-1)).toBe(0);
    expect(back.slice(4_990, 4_993)).toEqual([4_990, 4_991, 4_992]);
    expect(back.slice(-2)).toEqual([4_998, 4_999]);
  });

  it('reads like an array: at, slice, length, JSON, equality by items', () => {
    const list = PersistentList.from([1, 2, 3, 4]).append(5);
    expect(list.at(0)).toBe(1);
    expect(list.at(-1)).toBe(5);
    expect(list.at(5)).toBeUndefined();
    expect(list.slice(1, 3)).toEqual([2, 3]);
    expect(list.slice(-20)).toEqual([1, 2, 3, 4, 5]);
    expect(JSON.stringify({ ids: list })).toBe('{"ids":[1,2,3,4,5]}');
    expect(list).toEqual(PersistentList.from([1, 2, 3, 4, 5]));
    expect(list).not.toEqual(PersistentList.from([1, 2, 3, 4, 6]));
  });

  it('refuses a position outside the list', () => {
    const list = PersistentList.from(['a']);
    expect(() => list.insert(2, 'b')).toThrow(RangeError);
    expect(() => list.set(1, 'b')).toThrow(RangeError);
    expect(() => list.remove(-1)).toThrow(RangeError);
  });
});

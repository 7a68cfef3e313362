import { describe, expect, it } from 'vitest';
import { createCheckedNumbering, parseEventPosition } from './checked-event-ids';

const sendAll = (texts: readonly string[], last?: string) => {
  const numbering = createCheckedNumbering({ last: parseEventPosition(last) });
  return texts.flatMap((text) => numbering.push(text));
};

describe('createCheckedNumbering', () => {
  it('numbers distinct texts with their position and a hash of the history so far', () => {
    const events = sendAll(['a', 'b', 'a', 'c']);
    expect(events.map((event) => event.data)).toEqual(['a', 'b', 'c']);
    expect(events.map((event) => parseEventPosition(event.id)?.position)).toEqual([1, 2, 3]);
    // The same texts in another order are another history.
    expect(sendAll(['b', 'a'])[1]?.id).not.toBe(events[1]?.id);
  });

  it('continues after the last id when the replay is the same history', () => {
    const first = sendAll(['a', 'b', 'c']);
    const again = sendAll(['a', 'b', 'a', 'c', 'd'], first[1]?.id);
    expect(again.map((event) => event.data)).toEqual(['c', 'd']);
    expect(again[0]?.id).toBe(first[2]?.id);
  });

  it('sends the whole replay when it is another history (the run restarted in a new process)', () => {
    const old = sendAll(['start', 'step-1', 'step-2']);
    const replay = sendAll(['start', 'step-2 again', 'step-3'], old[1]?.id);
    expect(replay.map((event) => event.data)).toEqual(['start', 'step-2 again', 'step-3']);
  });

  it('holds a replay shorter than the last id until released, then sends it', () => {
    const old = sendAll(['a', 'b', 'c', 'd']);
    const numbering = createCheckedNumbering({ last: parseEventPosition(old[3]?.id) });
    expect(numbering.push('a')).toEqual([]);
    expect(numbering.push('x')).toEqual([]);
    expect(numbering.holding).toBe(true);
    expect(numbering.release().map((event) => event.data)).toEqual(['a', 'x']);
    expect(numbering.holding).toBe(false);
    expect(numbering.push('y').map((event) => event.data)).toEqual(['y']);
  });

  it('trusts a plain numeric id as a position, as relays before the hash did', () => {
    expect(sendAll(['a', 'b', 'c'], '2').map((event) => event.data)).toEqual(['c']);
  });
});

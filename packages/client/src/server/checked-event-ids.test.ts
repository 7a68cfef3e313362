import { describe, expect, it } from 'vitest';
import { createCheckedNumbering, formatEventId, parseEventPosition } from './checked-event-ids';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function numberingOf(last?: string) {
  const sent: { id: string; data: string }[] = [];
  const checked = createCheckedNumbering({
    last: parseEventPosition(last),
    send: (position, hash, data) =>
      sent.push({ id: formatEventId(position, hash), data: decoder.decode(data) }),
  });
  const numbering = { ...checked, push: (text: string) => checked.push(encoder.encode(text)) };
  Object.defineProperty(numbering, 'holding', { get: () => checked.holding });
  return { numbering, sent };
}

const sendAll = (texts: readonly string[], last?: string) => {
  const { numbering, sent } = numberingOf(last);
  for (const text of texts) numbering.push(text);
  return sent;
};

describe('createCheckedNumbering', () => {
  it('numbers texts with their position and a hash of the history so far', () => {
    const events = sendAll(['a', 'b', 'a', 'c']);
    expect(events.map((event) => event.data)).toEqual(['a', 'b', 'a', 'c']);
    expect(events.map((event) => parseEventPosition(event.id)?.position)).toEqual([1, 2, 3, 4]);
    // The same texts in another order are another history.
    expect(sendAll(['b', 'a'])[1]?.id).not.toBe(sendAll(['a', 'b'])[1]?.id);
  });

  it('tells long records apart that differ only at the end, where Mastra puts times and status', () => {
    const body = 'x'.repeat(5_000);
    const [running] = sendAll([`{"payload":"${body}","status":"running"}`]);
    const [success] = sendAll([`{"payload":"${body}","status":"success"}`]);
    expect(running?.id).not.toBe(success?.id);
  });

  it('continues after the last id when the replay is the same history', () => {
    const first = sendAll(['a', 'b', 'c']);
    const again = sendAll(['a', 'b', 'c', 'd'], first[1]?.id);
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
    const { numbering, sent } = numberingOf(old[3]?.id);
    numbering.push('a');
    numbering.push('x');
    expect(sent).toEqual([]);
    expect(numbering.holding).toBe(true);
    numbering.release();
    expect(sent.map((event) => event.data)).toEqual(['a', 'x']);
    expect(numbering.holding).toBe(false);
    numbering.push('y');
    expect(sent.map((event) => event.data)).toEqual(['a', 'x', 'y']);
  });

  it('trusts a plain numeric id as a position, as relays before the hash did', () => {
    expect(sendAll(['a', 'b', 'c'], '2').map((event) => event.data)).toEqual(['c']);
  });
});

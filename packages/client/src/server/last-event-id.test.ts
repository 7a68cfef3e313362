import { describe, expect, it } from 'vitest';
import { lastEventIdFrom, parseEventId } from './last-event-id';

describe('lastEventIdFrom', () => {
  it('reads the Last-Event-ID header of a Request', () => {
    const request = new Request('http://app.test/events', { headers: { 'Last-Event-ID': '12' } });
    expect(lastEventIdFrom(request)).toBe(12);
  });

  it('falls back to the lastEventId query parameter (EventSource polyfills)', () => {
    expect(lastEventIdFrom(new Request('http://app.test/events?lastEventId=7'))).toBe(7);
    // The header wins when both are there.
    const both = new Request('http://app.test/events?lastEventId=7', { headers: { 'last-event-id': '9' } });
    expect(lastEventIdFrom(both)).toBe(9);
  });

  it('reads Node requests: lower-cased headers, arrays, a path-only url', () => {
    expect(lastEventIdFrom({ headers: { 'last-event-id': '4' }, url: '/events' })).toBe(4);
    expect(lastEventIdFrom({ headers: { 'last-event-id': ['5', '6'] } })).toBe(5);
    expect(lastEventIdFrom({ headers: {}, url: '/events?runId=r&lastEventId=8' })).toBe(8);
    expect(lastEventIdFrom({ headers: {} })).toBeUndefined();
  });

  it('reads the position of a relay id (position.hash)', () => {
    expect(lastEventIdFrom({ headers: { 'last-event-id': '12.k3j9x' } })).toBe(12);
  });

  it('treats anything but a position (and a hash) as no id, so the client gets the whole stream', () => {
    for (const value of ['', 'abc', '-1', '1.', '1.A', '1e3', '0x10', '99999999999999999', '1.5.5']) {
      expect(lastEventIdFrom({ headers: { 'last-event-id': value } }), value).toBeUndefined();
    }
    expect(parseEventId(' 0 ')).toBe(0);
    expect(parseEventId(null)).toBeUndefined();
  });
});

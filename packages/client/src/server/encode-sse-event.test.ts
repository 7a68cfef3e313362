import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { describe, expect, it } from 'vitest';
import { encodeSseComment, encodeSseEvent, encodeSseRetry } from './encode-sse-event';

function parse(text: string) {
  const events: EventSourceMessage[] = [];
  const comments: string[] = [];
  const retries: number[] = [];
  const parser = createParser({
    onEvent: (event) => events.push(event),
    onComment: (comment) => comments.push(comment),
    onRetry: (retry) => retries.push(retry),
  });
  parser.feed(text);
  return { events, comments, retries };
}

describe('encodeSseEvent', () => {
  it('frames id and data, ending with the blank line that dispatches', () => {
    expect(encodeSseEvent({ id: 3, data: '{"type":"workflow-start"}' })).toBe(
      'id: 3\ndata: {"type":"workflow-start"}\n\n',
    );
  });

  it('writes retry, id, event and one data line per line of data, as a parser reads them back', () => {
    const text = encodeSseEvent({ retry: 1500, id: 'a-1', event: 'update', data: 'one\ntwo\r\nthree\rfour' });
    expect(text).toBe(
      'retry: 1500\nid: a-1\nevent: update\ndata: one\ndata: two\ndata: three\ndata: four\n\n',
    );
    expect(parse(text)).toEqual({
      events: [{ id: 'a-1', event: 'update', data: 'one\ntwo\nthree\nfour' }],
      comments: [],
      retries: [1500],
    });
  });

  it('keeps an empty data and leading spaces of data', () => {
    expect(parse(encodeSseEvent({ data: '' })).events).toEqual([
      { id: undefined, event: undefined, data: '' },
    ]);
    expect(parse(encodeSseEvent({ data: '  indented' })).events[0]?.data).toBe('  indented');
  });

  it('refuses ids and event types that would inject fields', () => {
    expect(() => encodeSseEvent({ id: '1\ndata: forged', data: 'x' })).toThrow(TypeError);
    expect(() => encodeSseEvent({ id: 'a\0b', data: 'x' })).toThrow(TypeError);
    expect(() => encodeSseEvent({ event: 'a\rretry: 1', data: 'x' })).toThrow(TypeError);
    expect(() => encodeSseEvent({ retry: -1, data: 'x' })).toThrow(RangeError);
    expect(() => encodeSseRetry(1.5)).toThrow(RangeError);
    // Past 2^31-1 ms a browser's setTimeout overflows and reconnects every millisecond.
    expect(() => encodeSseRetry(2 ** 31)).toThrow(RangeError);
    expect(encodeSseRetry(2 ** 31 - 1)).toBe('retry: 2147483647\n\n');
  });
});

describe('encodeSseComment and encodeSseRetry', () => {
  it('frame comments (one per line) and retry hints that clients do not dispatch as events', () => {
    expect(encodeSseComment('ping')).toBe(': ping\n\n');
    expect(encodeSseComment()).toBe(':\n\n');
    expect(encodeSseRetry(2000)).toBe('retry: 2000\n\n');
    const parsed = parse(encodeSseComment('a\nb') + encodeSseRetry(10));
    expect(parsed).toEqual({ events: [], comments: ['a', 'b'], retries: [10] });
  });
});

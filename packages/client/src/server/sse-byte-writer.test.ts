import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { describe, expect, it } from 'vitest';
import { createSseByteWriter } from './sse-byte-writer';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function parsed(bytes: Uint8Array): EventSourceMessage[] {
  const events: EventSourceMessage[] = [];
  createParser({ onEvent: (event) => events.push(event) }).feed(decoder.decode(bytes));
  return events;
}

describe('createSseByteWriter', () => {
  it('writes id and data as a parser reads them back: positions and hashes as decimal digits', () => {
    const writer = createSseByteWriter();
    writer.event(0, 0, encoder.encode('{"a":1}'), true);
    writer.event(12, 4_294_967_295, encoder.encode('{"b":"🦊"}'), true);
    writer.event(9_007_199_254_740_991, 10, encoder.encode('{}'));
    const bytes = writer.take();
    expect(decoder.decode(bytes)).toBe(
      'id: 0.0\ndata: {"a":1}\n\nid: 12.4294967295\ndata: {"b":"🦊"}\n\nid: 9007199254740991.10\ndata: {}\n\n',
    );
    expect(writer.length).toBe(0);
  });

  it('writes every digit of numbers around the powers of ten and 10^9, where the digits are split', () => {
    const writer = createSseByteWriter();
    const numbers = [
      9, 10, 99, 100, 999_999_999, 1_000_000_000, 1_000_000_001, 2_147_483_648, 10_000_000_000,
    ];
    for (const [index, value] of numbers.entries())
      writer.event(value, numbers[numbers.length - 1 - index]!, encoder.encode('{}'), true);
    expect(parsed(writer.take()).map((event) => event.id)).toEqual(
      numbers.map((value, index) => `${value}.${numbers[numbers.length - 1 - index]}`),
    );
  });

  it('frames a pretty-printed record line by line, so the client joins it back into the same JSON', () => {
    const writer = createSseByteWriter();
    const pretty = JSON.stringify({ type: 'workflow-start', payload: { workflowId: 'w' } }, null, 2);
    writer.event(1, 7, encoder.encode(pretty.replace('\n', '\r\n')));
    const [event] = parsed(writer.take());
    expect(event?.id).toBe('1.7');
    expect(JSON.parse(event?.data ?? '')).toEqual({ type: 'workflow-start', payload: { workflowId: 'w' } });
  });

  it('grows past its first buffer and hands out a copy of its own', () => {
    const writer = createSseByteWriter();
    const record = encoder.encode(`{"text":"${'x'.repeat(50_000)}"}`);
    writer.event(1, 1, record, true);
    const first = writer.take();
    writer.event(2, 2, record, true);
    writer.event(3, 3, record, true);
    const second = writer.take();
    expect(parsed(first).map((event) => event.id)).toEqual(['1.1']);
    expect(parsed(second).map((event) => event.id)).toEqual(['2.2', '3.3']);
  });

  it('hands out small writes as views that later writes never touch, across fresh buffers', () => {
    const writer = createSseByteWriter();
    const taken: Uint8Array[] = [];
    for (let position = 1; position <= 200; position++) {
      writer.event(
        position,
        position,
        encoder.encode(`{"n":${position},"pad":"${'p'.repeat(position * 3)}"}`),
        true,
      );
      taken.push(writer.take());
      expect(writer.length).toBe(0);
    }
    for (const [index, bytes] of taken.entries()) {
      const position = index + 1;
      expect(decoder.decode(bytes)).toBe(
        `id: ${position}.${position}\ndata: {"n":${position},"pad":"${'p'.repeat(position * 3)}"}\n\n`,
      );
    }
  });
});

import { createParser } from 'eventsource-parser';
import { describe, expect, it } from 'vitest';
import { createRecordSplitter } from '../wire/record-splitter';
import { mastraEvents } from './mastra-events';
import { chunkBytes, concatBytes, encodeMastraStream, encodeSseStream } from './stream-encoding';

const chunks = [
  mastraEvents.workflowStart('run-1', 'wf'),
  mastraEvents.stepStart('greet', { runId: 'run-1', payload: { name: 'Zoë 👋' }, startedAt: 1 }),
  mastraEvents.workflowFinish('success', { runId: 'run-1', result: 'ok' }),
];

describe('encodeMastraStream', () => {
  it('writes each chunk as JSON followed by \\x1E and nothing else', () => {
    const text = new TextDecoder().decode(encodeMastraStream(chunks));
    expect(text.endsWith('\x1E')).toBe(true);
    expect(
      text
        .split('\x1E')
        .slice(0, -1)
        .map((record) => JSON.parse(record)),
    ).toEqual(chunks);
    expect(text).not.toContain('\n');
  });
});

describe('chunkBytes', () => {
  const bytes = encodeMastraStream(chunks);

  it('cuts into pieces of the given size that join back to the input', () => {
    const pieces = chunkBytes(bytes, 5);
    expect(pieces.slice(0, -1).every((piece) => piece.length === 5)).toBe(true);
    expect(concatBytes(pieces)).toEqual(bytes);
  });

  it('cuts at random but reproducible sizes, splitting records and multibyte characters', () => {
    const pieces = chunkBytes(bytes, 'random', { seed: 3, maxSize: 9 });
    expect(pieces.map((piece) => piece.length)).toEqual(
      chunkBytes(bytes, 'random', { seed: 3, maxSize: 9 }).map((piece) => piece.length),
    );
    expect(new Set(pieces.map((piece) => piece.length)).size).toBeGreaterThan(3);
    expect(Math.max(...pieces.map((piece) => piece.length))).toBeLessThanOrEqual(9);
    const records: string[] = [];
    const splitter = createRecordSplitter({ onRecord: (text) => records.push(text), onError: () => {} });
    for (const piece of pieces) splitter.push(piece);
    splitter.end();
    expect(records.map((record) => JSON.parse(record))).toEqual(chunks);
  });

  it('rejects a size that is not a positive whole number', () => {
    expect(() => chunkBytes(bytes, 0)).toThrow(RangeError);
    expect(() => chunkBytes(bytes, 1.5)).toThrow(RangeError);
  });
});

describe('encodeSseStream', () => {
  it('writes id: and data: lines that an SSE parser reads back', () => {
    const text = encodeSseStream(chunks, { firstId: 10 });
    expect(text.startsWith('id: 10\ndata: {"type":"workflow-start"')).toBe(true);
    const events: { id: string | undefined; data: string }[] = [];
    const parser = createParser({ onEvent: (event) => events.push({ id: event.id, data: event.data }) });
    parser.feed(text);
    expect(events.map((event) => event.id)).toEqual(['10', '11', '12']);
    expect(events.map((event) => JSON.parse(event.data))).toEqual(chunks);
  });

  it('adds an event: line when asked', () => {
    expect(encodeSseStream([chunks[0]], { event: 'chunk' })).toMatch(/^id: 1\nevent: chunk\ndata: /);
  });
});

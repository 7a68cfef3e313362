import { createParser } from 'eventsource-parser';
import { describe, expect, it, vi } from 'vitest';
import { mastraEvents } from './mastra-events';
import { malformedRecordText } from './mock-body';
import { createMockRunResponse } from './mock-run-response';
import { encodeMastraStream } from './stream-encoding';
import { parseBody, readBody, recordsOf, stateOf } from './test-helpers';

const runId = 'run-1';
const chunks = [
  mastraEvents.workflowStart(runId, 'wf'),
  ...mastraEvents.step('fetch', {
    runId,
    payload: { q: 1 },
    output: { rows: 2 },
    startedAt: 100,
    endedAt: 200,
  }),
  ...mastraEvents.step('report', {
    runId,
    payload: { rows: 2 },
    output: 'done',
    startedAt: 201,
    endedAt: 300,
  }),
  mastraEvents.workflowFinish('success', { runId, result: 'done' }),
];
const fullLength = encodeMastraStream(chunks).length;

describe('createMockRunResponse', () => {
  it('streams \\x1E records as text/plain, one record per chunk by default', async () => {
    const response = createMockRunResponse(chunks);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain');
    const body = await parseBody(response.body);
    expect(body.pieces).toHaveLength(chunks.length);
    expect(recordsOf(body.text)).toEqual(chunks);
    const state = stateOf(body.events);
    expect(state.status).toBe('success');
    expect(state.result).toBe('done');
    expect(state.stepIds.toArray()).toEqual(['fetch', 'report']);
  });

  it('cuts the body into chunkSize pieces', async () => {
    const body = await parseBody(createMockRunResponse(chunks, { chunkSize: 16 }).body);
    expect(body.pieces.length).toBe(Math.ceil(fullLength / 16));
    expect(body.errors).toEqual([]);
    expect(stateOf(body.events).status).toBe('success');
  });

  it('waits delayMs between chunks', async () => {
    const started = performance.now();
    await readBody(createMockRunResponse(chunks, { delayMs: 15 }).body);
    expect(performance.now() - started).toBeGreaterThanOrEqual(15 * (chunks.length - 1) - 5);
  });

  it('answers an HTTP fault with a Mastra-like JSON error', async () => {
    const response = createMockRunResponse(chunks, { faults: { status: 401 } });
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.json()).toEqual({ error: 'Invalid or expired token' });
    const conflict = createMockRunResponse(chunks, {
      faults: { status: 409, errorMessage: 'already finished' },
    });
    expect(await conflict.json()).toEqual({ error: 'already finished' });
  });

  it('cuts the connection after exactly N bytes, like a dropped TCP connection', async () => {
    const body = await parseBody(
      createMockRunResponse(chunks, { chunkSize: 10, faults: { cutAfterBytes: 123 } }).body,
    );
    expect(body.bytes.length).toBe(123);
    expect(body.error).toBeInstanceOf(TypeError);
    expect((body.error as Error).message).toBe('network error');
    // What arrived whole is still usable.
    expect(body.events[0]).toMatchObject({ type: 'run-start' });
  });

  it('cuts before the first byte, and at the very end instead of closing', async () => {
    const none = await readBody(createMockRunResponse(chunks, { faults: { cutAfterBytes: 0 } }).body);
    expect(none.bytes.length).toBe(0);
    expect(none.error).toBeInstanceOf(TypeError);
    const all = await readBody(createMockRunResponse(chunks, { faults: { cutAfterBytes: fullLength } }).body);
    expect(all.bytes.length).toBe(fullLength);
    expect(all.error).toBeInstanceOf(TypeError);
  });

  // On the clock the stall is made of (setTimeout), not the wall clock: under load, libuv's cached loop
  // time let an 80 ms stall measure 74.5 ms by performance.now(), and the wall-clock version was flaky.
  it('stalls after N bytes for the given time, then sends the rest', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const response = createMockRunResponse(chunks, { faults: { stall: { afterBytes: 50, ms: 80 } } });
      const reader = response.body!.getReader();
      let total = 0;
      while (total < 50) {
        const { done, value } = await reader.read();
        if (done) throw new Error('the body ended before the stall');
        total += value.length;
      }
      expect(total).toBe(50);
      let arrived = false;
      const next = reader.read().then((result) => {
        arrived = true;
        return result;
      });
      await vi.advanceTimersByTimeAsync(79);
      expect(arrived).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      const { done, value } = await next;
      expect(done).toBe(false);
      total += value!.length;
      for (;;) {
        const rest = await reader.read();
        if (rest.done) break;
        total += rest.value.length;
      }
      expect(total).toBe(fullLength);
    } finally {
      vi.useRealTimers();
    }
  });

  it('inserts a malformed record at index k: the parser reports it and goes on', async () => {
    const body = await parseBody(createMockRunResponse(chunks, { faults: { malformedRecordAt: 2 } }).body);
    const records = body.text.split('\x1E');
    expect(records[2]).toBe(malformedRecordText);
    expect(body.errors.map((error) => error.code)).toEqual(['parse']);
    expect(body.events).toHaveLength(chunks.length);
    expect(stateOf(body.events).status).toBe('success');
  });

  it('truncates the last record: the parser reports a record cut off', async () => {
    const body = await parseBody(
      createMockRunResponse(chunks, { faults: { truncateLastRecord: true } }).body,
    );
    expect(body.text.endsWith('\x1E')).toBe(false);
    expect(body.errors.map((error) => error.message)).toEqual([
      'The stream ended in the middle of a record; the partial record was skipped.',
    ]);
    expect(body.events).toHaveLength(chunks.length - 1);
    expect(stateOf(body.events).status).toBe('running');
  });

  it('errors the body when the request is aborted mid-stream, as fetch does', async () => {
    const controller = new AbortController();
    const response = createMockRunResponse(chunks, { delayMs: 20, signal: controller.signal });
    const reader = response.body!.getReader();
    await reader.read();
    controller.abort();
    await expect(reader.read()).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('stops producing when the reader cancels', async () => {
    const response = createMockRunResponse(chunks, { delayMs: 5 });
    const reader = response.body!.getReader();
    await reader.read();
    await reader.cancel();
    await expect(reader.closed).resolves.toBeUndefined();
  });

  it('frames as server-sent events on request, with the same faults', async () => {
    const response = createMockRunResponse(chunks, { framing: 'sse', chunkSize: 'random', seed: 5 });
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const body = await readBody(response.body);
    const data: unknown[] = [];
    const ids: (string | undefined)[] = [];
    const parser = createParser({
      onEvent: (event) => {
        ids.push(event.id);
        data.push(JSON.parse(event.data));
      },
    });
    for (const piece of body.pieces) parser.feed(new TextDecoder().decode(piece, { stream: true }));
    expect(data).toEqual(chunks);
    expect(ids).toEqual(chunks.map((_, index) => String(index + 1)));

    const malformed = await readBody(
      createMockRunResponse(chunks, { framing: 'sse', faults: { malformedRecordAt: 0 } }).body,
    );
    expect(malformed.text.startsWith(`id: 1\ndata: ${malformedRecordText}\n\n`)).toBe(true);
  });
});

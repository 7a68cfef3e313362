import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SteplineError } from '../util/stepline-error';
import { relayRunAsSse, sseResponseHeaders } from './relay-run-as-sse';
import type { RunChunkSourceContext } from './run-chunk-source';

const encoder = new TextEncoder();
const start = { type: 'workflow-start', runId: 'r1', from: 'WORKFLOW', payload: { workflowId: 'wf' } };
const stepStart = { type: 'workflow-step-start', runId: 'r1', payload: { id: 'a', stepCallId: 'c1' } };
const stepResult = { type: 'workflow-step-result', runId: 'r1', payload: { id: 'a', status: 'success' } };
const finish = { type: 'workflow-finish', runId: 'r1', payload: { workflowStatus: 'success' } };

function parseSse(text: string) {
  const events: EventSourceMessage[] = [];
  const comments: string[] = [];
  const retries: number[] = [];
  const parser = createParser({
    onEvent: (event) => events.push(event),
    onComment: (comment) => comments.push(comment),
    onRetry: (retry) => retries.push(retry),
  });
  parser.feed(text);
  return { events, comments, retries, chunks: events.map((event) => JSON.parse(event.data) as unknown) };
}

const positionOf = (id: string | undefined) => Number(id?.split('.')[0]);

function streamOf<T>(values: readonly T[], onCancel?: (reason: unknown) => void): ReadableStream<T> {
  let index = 0;
  return new ReadableStream<T>({
    pull(controller) {
      const value = values[index++];
      if (value === undefined) controller.close();
      else controller.enqueue(value);
    },
    cancel: onCancel,
  });
}

/** A source that sends `values` and then stays open until cancelled. */
function openSource(values: readonly unknown[]) {
  const cancel = vi.fn();
  let index = 0;
  const stream = new ReadableStream<unknown>({
    pull(controller) {
      const value = values[index++];
      if (value !== undefined) controller.enqueue(value);
      else return new Promise<void>(() => {});
    },
    cancel,
  });
  return { stream, cancel };
}

const rawRecords = (chunks: readonly unknown[]) =>
  chunks.map((chunk) => `${JSON.stringify(chunk)}\x1E`).join('');

async function readUntil(reader: ReadableStreamDefaultReader<Uint8Array>, done: (text: string) => boolean) {
  const decoder = new TextDecoder();
  let text = '';
  while (!done(text)) {
    const next = await reader.read();
    if (next.done) break;
    text += decoder.decode(next.value, { stream: true });
  }
  return text;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('relayRunAsSse', () => {
  it('answers 200 with the SSE headers, a retry hint, then each chunk as id + data', async () => {
    const response = await relayRunAsSse({
      source: streamOf([start, stepStart, stepResult, finish]),
      retryMs: 1500,
      headers: { 'Access-Control-Allow-Origin': '*', 'Content-Type': 'text/html' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('text/event-stream; charset=utf-8');
    expect(response.headers.get('Cache-Control')).toBe('no-cache, no-transform');
    expect(response.headers.get('Connection')).toBe('keep-alive');
    expect(response.headers.get('X-Accel-Buffering')).toBe('no');
    expect(response.headers.get('Access-Control-Allow-Origin')).toBe('*');
    expect(Object.keys(sseResponseHeaders)).toHaveLength(4);

    const text = await response.text();
    // Each id is the position and a rolling hash of the history so far (see checked-event-ids).
    const hashes = parseSse(text).events.map((event) => /^\d+\.([0-9a-z]+)$/.exec(event.id ?? '')?.[1]);
    expect(new Set(hashes).size).toBe(4);
    expect(text).toBe(
      'retry: 1500\n\n' +
        [start, stepStart, stepResult, finish]
          .map((chunk, index) => `id: ${index + 1}.${hashes[index]}\ndata: ${JSON.stringify(chunk)}\n\n`)
          .join(''),
    );
    expect(parseSse(text).retries).toEqual([1500]);
  });

  it('refuses a retry: above 2^31-1 ms, which overflows setTimeout in browsers, before opening the source', async () => {
    let opened = 0;
    const source = () => {
      opened++;
      return streamOf([start, finish]);
    };
    await expect(relayRunAsSse({ source, retryMs: 2 ** 31 })).rejects.toThrow(RangeError);
    await expect(relayRunAsSse({ source, retryMs: Number.MAX_SAFE_INTEGER })).rejects.toThrow(/2147483647/);
    expect(opened).toBe(0);
    const largest = await relayRunAsSse({ source, retryMs: 2 ** 31 - 1 });
    expect(parseSse(await largest.text()).retries).toEqual([2 ** 31 - 1]);
  });

  it('accepts an AsyncIterable, a byte stream of \\x1E records and a fetch Response alike', async () => {
    async function* generate() {
      yield start;
      yield finish;
    }
    const bytes = encoder.encode(rawRecords([start, finish]));
    const sources = [
      generate(),
      // Records split at arbitrary bytes, with a multibyte character across the cut.
      streamOf([bytes.subarray(0, 7), bytes.subarray(7, 60), bytes.subarray(60)]),
      new Response(bytes, { headers: { 'Content-Type': 'text/plain' } }),
      streamOf([rawRecords([start]), rawRecords([finish])]),
    ];
    for (const source of sources) {
      const response = await relayRunAsSse({ source, heartbeatMs: 0 });
      expect(parseSse(await response.text()).chunks).toEqual([start, finish]);
    }
  });

  it('decodes multibyte characters split across upstream reads', async () => {
    const chunk = { type: 'data-note', data: { text: 'Grüße 🌍 ünïcode' } };
    const bytes = encoder.encode(rawRecords([chunk]));
    const cut = bytes.indexOf(0xf0) + 2;
    const response = await relayRunAsSse({ source: streamOf([bytes.subarray(0, cut), bytes.subarray(cut)]) });
    expect(parseSse(await response.text()).chunks).toEqual([chunk]);
  });

  it('drops chunks already sent on the connection (observe replays its buffer) and numbers without gaps', async () => {
    // What observe sends mid-run: history, then the buffer again from workflow-start, then live events.
    const replayed = [start, stepStart, start, stepStart, stepResult, finish];
    const response = await relayRunAsSse({ source: streamOf(replayed) });
    const { events, chunks } = parseSse(await response.text());
    expect(chunks).toEqual([start, stepStart, stepResult, finish]);
    expect(events.map((event) => positionOf(event.id))).toEqual([1, 2, 3, 4]);
  });

  it('regression: repeated identical tokens were dropped before the browser; each position is sent once', async () => {
    const token = (text: string) => ({
      type: 'workflow-step-output',
      runId: 'r1',
      from: 'USER',
      payload: { stepName: 'a', output: text, runId: 'r1' },
    });
    const story = ['the', ' cat', ' and', ' the', ' dog', ' and', ' the', ' bird'].map(token);
    // observe mid-run: the history so far (three tokens), then everything again from workflow-start.
    const observed = [start, stepStart, ...story.slice(0, 3), start, stepStart, ...story, stepResult, finish];
    const { chunks, events } = parseSse(await (await relayRunAsSse({ source: streamOf(observed) })).text());
    expect(chunks).toEqual([start, stepStart, ...story, stepResult, finish]);
    expect(events.map((event) => event.id?.split('.')[0])).toEqual(
      Array.from({ length: 12 }, (_value, index) => String(index + 1)),
    );

    // A reconnect after the 6th id resumes at the second " and", with the repeats that follow it.
    const resumed = await relayRunAsSse({ lastEventId: events[5]!.id, source: () => streamOf(observed) });
    expect(parseSse(await resumed.text()).chunks).toEqual([...story.slice(4), stepResult, finish]);
  });

  it('writes every event readable at once in one write, up to 64 KiB, not one write per upstream read', async () => {
    const tokens = Array.from({ length: 2_000 }, (_value, index) => ({
      type: 'workflow-step-output',
      runId: 'r1',
      from: 'USER',
      payload: { stepName: 'a', output: `token ${index % 7}`, runId: 'r1' },
    }));
    const response = await relayRunAsSse({ source: streamOf([start, stepStart, ...tokens]), heartbeatMs: 0 });
    const reader = response.body!.getReader();
    const writes: Uint8Array[] = [];
    for (let next = await reader.read(); !next.done; next = await reader.read()) writes.push(next.value);
    const text = Buffer.concat(writes).toString('utf8');
    expect(parseSse(text).chunks).toEqual([start, stepStart, ...tokens]);
    // The retry hint, then about 2,000 * 130 bytes in writes of at most 64 KiB and one event.
    expect(writes.length).toBeLessThanOrEqual(1 + Math.ceil(text.length / (64 * 1024)) + 1);
    expect(Math.max(...writes.map((write) => write.length))).toBeLessThan(64 * 1024 + 1_000);
  });

  it('sends identical records that are not a replay: a data chunk written twice is two events', async () => {
    const tick = { type: 'data-progress', runId: 'r1', from: 'USER', data: { percent: 50 } };
    const { chunks } = parseSse(
      await (await relayRunAsSse({ source: streamOf([start, tick, tick]) })).text(),
    );
    expect(chunks).toEqual([start, tick, tick]);
  });

  it('sends every chunk when dedupe is off', async () => {
    const response = await relayRunAsSse({ source: streamOf([start, start]), dedupe: false });
    expect(parseSse(await response.text()).events.map((event) => positionOf(event.id))).toEqual([1, 2]);
  });

  it('continues after Last-Event-ID: the factory reopens upstream, replays are deduplicated, the first n skipped', async () => {
    const contexts: RunChunkSourceContext[] = [];
    const history = [start, stepStart, start, stepStart, stepResult, finish];
    const request = new Request('http://app.test/events', { headers: { 'Last-Event-ID': '2' } });
    const response = await relayRunAsSse({
      request,
      source: (context) => {
        contexts.push(context);
        return streamOf(history);
      },
    });
    const { events, chunks } = parseSse(await response.text());
    expect(contexts.map((context) => context.lastEventId)).toEqual([2]);
    expect(chunks).toEqual([stepResult, finish]);
    expect(events.map((event) => positionOf(event.id))).toEqual([3, 4]);

    // The query parameter works for clients that cannot set headers; `lastEventId` overrides both.
    const fromQuery = await relayRunAsSse({
      request: new Request('http://app.test/events?lastEventId=3'),
      source: () => streamOf(history),
    });
    expect(parseSse(await fromQuery.text()).events.map((event) => positionOf(event.id))).toEqual([4]);
    const overridden = await relayRunAsSse({ request, lastEventId: 0, source: () => streamOf(history) });
    expect(parseSse(await overridden.text()).events).toHaveLength(4);
  });

  it('sends nothing but the retry hint when the client already has everything', async () => {
    const response = await relayRunAsSse({ lastEventId: 10, source: streamOf([start, finish]) });
    expect(await response.text()).toBe('retry: 2000\n\n');
  });

  it('writes a : ping comment every heartbeatMs while upstream is quiet', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const { stream } = openSource([start]);
    const response = await relayRunAsSse({ source: stream, heartbeatMs: 1000 });
    const reader = response.body!.getReader();
    expect(await readUntil(reader, (text) => text.includes('id: 1'))).toContain('data: ');
    vi.advanceTimersByTime(3000);
    const pings = await readUntil(reader, (text) => text.split(': ping\n\n').length - 1 >= 3);
    expect(pings).toBe(': ping\n\n: ping\n\n: ping\n\n');
    await reader.cancel();
    // Stopped with the stream: no timer is left behind.
    expect(vi.getTimerCount()).toBe(0);
  });

  it('uses the 15 s default heartbeat', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const { stream } = openSource([]);
    const response = await relayRunAsSse({ source: stream });
    const reader = response.body!.getReader();
    await readUntil(reader, (text) => text.includes('retry'));
    vi.advanceTimersByTime(14_999);
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(1);
    expect(await readUntil(reader, (text) => text.includes('ping'))).toBe(': ping\n\n');
    await reader.cancel();
  });

  it('cancels the upstream and aborts the factory signal when the response body is cancelled', async () => {
    const { stream, cancel } = openSource([start]);
    let upstreamSignal: AbortSignal | undefined;
    const response = await relayRunAsSse({
      heartbeatMs: 10,
      source: ({ signal }) => {
        upstreamSignal = signal;
        return stream;
      },
    });
    const reader = response.body!.getReader();
    await readUntil(reader, (text) => text.includes('id: 1'));
    await reader.cancel('client gone');
    expect(cancel).toHaveBeenCalledWith('client gone');
    expect(upstreamSignal?.aborted).toBe(true);
  });

  it('cancels the upstream when the request signal aborts, and ends the body', async () => {
    const { stream, cancel } = openSource([start]);
    const client = new AbortController();
    let upstreamSignal: AbortSignal | undefined;
    const response = await relayRunAsSse({
      request: new Request('http://app.test/events', { signal: client.signal }),
      source: ({ signal }) => {
        upstreamSignal = signal;
        return stream;
      },
    });
    const reader = response.body!.getReader();
    await readUntil(reader, (text) => text.includes('id: 1'));
    client.abort();
    expect(upstreamSignal?.aborted).toBe(true);
    expect(cancel).toHaveBeenCalledOnce();
    await readUntil(reader, () => false);
  });

  it('does not abort the factory signal when the upstream simply ends', async () => {
    let upstreamSignal: AbortSignal | undefined;
    const response = await relayRunAsSse({
      source: ({ signal }) => {
        upstreamSignal = signal;
        return streamOf([finish]);
      },
    });
    await response.text();
    expect(upstreamSignal?.aborted).toBe(false);
  });

  it('stops an async generator source: return() when it waits at a yield, the factory signal when it waits on I/O', async () => {
    for (const pauseBeforeCancel of [false, true]) {
      let stopped = false;
      const response = await relayRunAsSse({
        heartbeatMs: 0,
        async *source({ signal }) {
          try {
            yield start;
            // Waiting on upstream I/O, as a generator wrapping a fetch does.
            if (!signal.aborted)
              await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
          } finally {
            stopped = true;
          }
        },
      });
      const reader = response.body!.getReader();
      await readUntil(reader, (text) => text.includes('id: 1'));
      if (pauseBeforeCancel) await new Promise((resolve) => setTimeout(resolve, 5));
      await reader.cancel();
      await vi.waitFor(() => expect(stopped).toBe(true));
    }
  });

  it('reports a record that is not JSON and an unserializable chunk, and goes on', async () => {
    const errors: unknown[] = [];
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    const response = await relayRunAsSse({
      onError: (error) => errors.push(error),
      source: streamOf<unknown>([`${JSON.stringify(start)}\x1E{not json\x1E`, circular, 10n, finish]),
    });
    expect(parseSse(await response.text()).chunks).toEqual([start, finish]);
    expect(errors.map((error) => (error as SteplineError).code)).toEqual([
      'parse',
      'invalid-event',
      'invalid-event',
    ]);
  });

  it('answers an error status, without upstream details, when the upstream cannot be opened', async () => {
    const errors: unknown[] = [];
    const onError = (error: unknown) => errors.push(error);
    const notFound = Object.assign(new Error('HTTP error! status: 404 - {"error":"secret internal"}'), {
      status: 404,
    });
    const cases: [() => unknown, number][] = [
      [() => Promise.reject(notFound), 404],
      [() => new Response('run not found', { status: 404 }), 404],
      [() => new Response('already finished', { status: 409 }), 409],
      // The relay's own credentials refused upstream: not the browser's auth problem.
      [() => new Response('no', { status: 401 }), 502],
      [() => new Response('boom', { status: 500 }), 502],
      [
        () => {
          throw new TypeError('fetch failed');
        },
        502,
      ],
    ];
    for (const [source, status] of cases) {
      const response = await relayRunAsSse({ source: source as () => Response, onError });
      expect(response.status).toBe(status);
      expect(response.headers.get('Content-Type')).toBe('text/plain; charset=utf-8');
      expect(await response.text()).not.toContain('secret');
    }
    expect(errors).toHaveLength(cases.length);
    // Coded as the transports code a status (the relay said `http` for every status but 401/403).
    expect((errors[1] as SteplineError).code).toBe('not-found');
    expect((errors[2] as SteplineError).code).toBe('conflict');
    expect((errors[3] as SteplineError).code).toBe('auth');
    expect((errors[4] as SteplineError).code).toBe('http');
  });

  it('errors the body when the upstream breaks mid-stream, so the client sees a cut connection', async () => {
    const errors: unknown[] = [];
    const broken = new Error('terminated');
    let sent = false;
    const source = new ReadableStream<unknown>({
      pull(controller) {
        if (!sent) {
          sent = true;
          controller.enqueue(start);
        } else controller.error(broken);
      },
    });
    const response = await relayRunAsSse({ source, onError: (error) => errors.push(error) });
    await expect(response.text()).rejects.toBe(broken);
    expect(errors).toEqual([broken]);
  });

  it('sends what was gathered before a read that fails, then errors the body', async () => {
    const broken = new Error('terminated');
    let reads = 0;
    const source = new ReadableStream<unknown>({
      pull(controller) {
        reads += 1;
        if (reads <= 2) controller.enqueue(reads === 1 ? start : stepStart);
        else controller.error(broken);
      },
    });
    const response = await relayRunAsSse({ source, heartbeatMs: 0, onError: () => {} });
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    let failure: unknown;
    try {
      for (let next = await reader.read(); !next.done; next = await reader.read()) {
        text += decoder.decode(next.value, { stream: true });
      }
    } catch (error) {
      failure = error;
    }
    expect(failure).toBe(broken);
    expect(parseSse(text).chunks).toEqual([start, stepStart]);
  });

  it('writes each event at once when the upstream reads come apart, one write per event', async () => {
    const chunks = [start, stepStart, stepResult, finish];
    let index = 0;
    const source = new ReadableStream<unknown>({
      pull: (controller) =>
        new Promise<void>((resolve) =>
          setTimeout(() => {
            const value = chunks[index++];
            if (value === undefined) controller.close();
            else controller.enqueue(value);
            resolve();
          }, 1),
        ),
    });
    const response = await relayRunAsSse({ source, heartbeatMs: 0 });
    const reader = response.body!.getReader();
    const writes: string[] = [];
    const decoder = new TextDecoder();
    for (let next = await reader.read(); !next.done; next = await reader.read()) {
      writes.push(decoder.decode(next.value));
    }
    // The retry hint, then one write per event; no write is changed by the ones after it.
    expect(writes.slice(1).map((write) => parseSse(write).chunks)).toEqual(chunks.map((chunk) => [chunk]));
  });

  it('reports to console.warn by default', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const response = await relayRunAsSse({ source: streamOf(['{bad\x1E']) });
      await response.text();
      expect(warn).toHaveBeenCalledWith('[stepline] SSE relay:', expect.any(SteplineError));
    } finally {
      warn.mockRestore();
    }
  });
});

describe('relayRunAsSse after a Mastra restart', () => {
  const resumedStep = { type: 'workflow-step-start', runId: 'r1', payload: { id: 'b', stepCallId: 'c2' } };

  it('relay ids survive a Mastra restart: an id from the old history gets the whole new one, not its tail', async () => {
    const before = await relayRunAsSse({ source: streamOf([start, stepStart, stepResult]), heartbeatMs: 0 });
    const lastId = parseSse(await before.text()).events.at(-1)?.id;
    // The new process replays only what it ran: the same workflow-start, then the restarted part.
    const request = new Request('http://app.test/events', { headers: { 'Last-Event-ID': lastId ?? '' } });
    const after = await relayRunAsSse({
      request,
      source: streamOf([start, resumedStep, finish]),
      heartbeatMs: 0,
    });
    expect(parseSse(await after.text()).chunks).toEqual([start, resumedStep, finish]);
  });

  it('releases a held replay that pauses before the client position, after resyncAfterMs', async () => {
    const before = await relayRunAsSse({ source: streamOf([start, stepStart, stepResult]), heartbeatMs: 0 });
    const lastId = parseSse(await before.text()).events.at(-1)?.id;
    const { stream } = openSource([start, resumedStep]);
    const response = await relayRunAsSse({
      lastEventId: lastId,
      source: stream,
      heartbeatMs: 0,
      resyncAfterMs: 50,
    });
    const reader = response.body!.getReader();
    const text = await readUntil(reader, (sofar) => parseSse(sofar).chunks.length >= 2);
    expect(parseSse(text).chunks).toEqual([start, resumedStep]);
    await reader.cancel();
  });
});

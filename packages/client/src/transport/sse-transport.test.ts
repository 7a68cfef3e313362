import { describe, expect, it, vi } from 'vitest';
import { encodeSseComment, encodeSseEvent } from '../server/encode-sse-event';
import { SteplineError } from '../util/stepline-error';
import type { ChunkHandlers, RunReference } from './run-transport';
import { createSseTransport } from './sse-transport';

const run: RunReference = { workflowId: 'content-brief', runId: 'run-1' };
const encoder = new TextEncoder();
const sseHeaders = { 'Content-Type': 'text/event-stream; charset=utf-8' };

/** A response whose body arrives in exactly these pieces, one network read each. */
function sseResponse(pieces: readonly (string | Uint8Array)[], init: ResponseInit = {}): Response {
  let index = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const piece = pieces[index++];
      if (piece === undefined) controller.close();
      else controller.enqueue(typeof piece === 'string' ? encoder.encode(piece) : piece);
    },
  });
  return new Response(body, { status: 200, ...init, headers: { ...sseHeaders, ...init.headers } });
}

function noFailure(): never {
  throw new Error('expected the stream to fail');
}

function asSteplineError(error: unknown): SteplineError {
  if (!SteplineError.isInstance(error)) throw error;
  return error;
}

const event = (id: number, chunk: unknown) => encodeSseEvent({ id, data: JSON.stringify(chunk) });

interface Call {
  readonly url: string;
  readonly method: string;
  readonly headers: Headers;
  readonly body: string | undefined;
}

function fakeFetch(respond: (call: Call, index: number) => Response | Promise<Response>) {
  const calls: Call[] = [];
  const fetch = vi.fn(async (input: string | URL | Request, init?: RequestInit) => {
    const call: Call = {
      url: String(input),
      method: init?.method ?? 'GET',
      headers: new Headers(init?.headers),
      body: typeof init?.body === 'string' ? init.body : undefined,
    };
    calls.push(call);
    init?.signal?.throwIfAborted();
    return respond(call, calls.length - 1);
  });
  return { fetch: fetch as unknown as typeof globalThis.fetch, calls };
}

function collect() {
  const batches: unknown[][] = [];
  const errors: SteplineError[] = [];
  const log: string[] = [];
  const handlers: ChunkHandlers = {
    onOpen: () => log.push('open'),
    onChunks: (chunks) => {
      log.push(`chunks:${chunks.length}`);
      batches.push(chunks);
    },
    onError: (error) => errors.push(error),
  };
  return { handlers, batches, errors, log, chunks: () => batches.flat() };
}

describe('createSseTransport: reading', () => {
  it('opens with Accept: text/event-stream, calls onOpen, then one onChunks for the reads that are there at once', async () => {
    const { fetch, calls } = fakeFetch(() =>
      sseResponse([event(1, { n: 1 }) + event(2, { n: 2 }), encodeSseComment('ping'), event(3, { n: 3 })]),
    );
    const transport = createSseTransport({ url: 'https://app.test/api/events?x=1', fetch });
    const sink = collect();
    await transport.observeRun(run, sink.handlers);
    // Three reads, all queued: one batch, one store reduce.
    expect(sink.log).toEqual(['open', 'chunks:3']);
    expect(sink.chunks()).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    expect(sink.errors).toEqual([]);
    expect(calls[0]?.url).toBe('https://app.test/api/events?x=1&workflowId=content-brief&runId=run-1');
    expect(calls[0]?.method).toBe('GET');
    expect(calls[0]?.headers.get('Accept')).toBe('text/event-stream');
    expect(calls[0]?.headers.has('Last-Event-ID')).toBe(false);
    expect(transport.lastEventIdOf(run)).toBe('3');
  });

  it('keeps every event of a read around a malformed one and one too long, and reports both in stream order', async () => {
    const malformed = encodeSseEvent({ id: 2, data: '{"n":' });
    const tooLong = encodeSseEvent({ id: 4, data: JSON.stringify({ text: 'x'.repeat(200) }) });
    // The parser measures what it holds across reads: the long event is cut between two of them.
    const cut = tooLong.length / 2;
    const { fetch } = fakeFetch(() =>
      sseResponse([
        event(1, { n: 1 }) + malformed + event(3, { n: 3 }) + tooLong.slice(0, cut),
        tooLong.slice(cut) + event(5, { n: 5 }),
      ]),
    );
    const sink = collect();
    await createSseTransport({ url: 'https://app.test/e', fetch, maxRecordLength: 100 }).observeRun(
      run,
      sink.handlers,
    );
    expect(sink.chunks()).toEqual([{ n: 1 }, { n: 3 }, { n: 5 }]);
    expect(sink.errors.map((error) => [error.code, error.message.replace(/:.*/, '')])).toEqual([
      ['parse', 'A stream record is not valid JSON'],
      ['parse', 'An SSE event is longer than 100 characters; it was skipped.'],
    ]);
  });

  it('hands a read that comes later over on its own, without waiting for more', async () => {
    let later: (() => void) | undefined;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(encoder.encode(event(1, { n: 1 }) + event(2, { n: 2 })));
        later = () => {
          controller.enqueue(encoder.encode(event(3, { n: 3 })));
          controller.close();
        };
      },
    });
    const { fetch } = fakeFetch(() => new Response(body, { headers: sseHeaders }));
    const sink = collect();
    const done = createSseTransport({ url: 'https://app.test/e', fetch }).observeRun(run, sink.handlers);
    await vi.waitFor(() => expect(sink.log).toEqual(['open', 'chunks:2']));
    later?.();
    await done;
    expect(sink.log).toEqual(['open', 'chunks:2', 'chunks:1']);
  });

  it('rejects with what onChunks throws and cancels the stream', async () => {
    const cancelled = vi.fn();
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(encoder.encode(event(1, { n: 1 })));
      },
      cancel: cancelled,
    });
    const { fetch } = fakeFetch(() => new Response(body, { headers: sseHeaders }));
    const broken = new Error('store broke');
    const observed = createSseTransport({ url: 'https://app.test/e', fetch }).observeRun(run, {
      onChunks: () => {
        throw broken;
      },
    });
    await expect(observed).rejects.toBe(broken);
    await vi.waitFor(() => expect(cancelled).toHaveBeenCalled());
  });

  it('reports invalid JSON as a parse error and goes on; ignores named events and empty data', async () => {
    const { fetch } = fakeFetch(() =>
      sseResponse([
        `id: 1\ndata: {"n":1}\n\nid: 2\ndata: {not json\n\n`,
        `event: custom\ndata: {"ignored":true}\n\ndata:\n\n`,
        `event: message\ndata: {"n":3}\n\n`,
      ]),
    );
    const sink = collect();
    await createSseTransport({ url: () => 'https://app.test/e', fetch }).observeRun(run, sink.handlers);
    expect(sink.chunks()).toEqual([{ n: 1 }, { n: 3 }]);
    expect(sink.errors.map((error) => error.code)).toEqual(['parse']);
    expect(sink.errors[0]?.input).toBe('{not json');
  });

  it('joins multi-line data and reads a comment-only stream as an empty one', async () => {
    const { fetch } = fakeFetch((_call, index) =>
      index === 0
        ? sseResponse(['data: {"a":\ndata: 1}\n\n'])
        : sseResponse([encodeSseComment('ping'), encodeSseComment('ping')]),
    );
    const transport = createSseTransport({ url: () => 'https://app.test/e', fetch });
    const first = collect();
    await transport.observeRun(run, first.handlers);
    expect(first.chunks()).toEqual([{ a: 1 }]);
    const second = collect();
    await transport.observeRun(run, second.handlers);
    expect(second.log).toEqual(['open']);
    expect(second.errors).toEqual([]);
  });

  it('reads CRLF and CR line endings, also when a CRLF is split across reads', async () => {
    const { fetch } = fakeFetch(() =>
      sseResponse([
        'id: 1\r\ndata: {"n":1}\r\n\r',
        '\nid: 2\rdata: {"n":2}\r\r',
        'data: {"n":3}\r\n',
        '\r\n',
      ]),
    );
    const sink = collect();
    await createSseTransport({ url: () => 'https://app.test/e', fetch }).observeRun(run, sink.handlers);
    expect(sink.chunks()).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    expect(sink.errors).toEqual([]);
  });

  it('drops a leading BOM, even split across reads', async () => {
    const bytes = encoder.encode(`\uFEFFid: 1\ndata: {"n":1}\n\n`);
    for (const cut of [1, 2, 3]) {
      const { fetch } = fakeFetch(() => sseResponse([bytes.subarray(0, cut), bytes.subarray(cut)]));
      const sink = collect();
      await createSseTransport({ url: () => 'https://app.test/e', fetch }).observeRun(run, sink.handlers);
      expect(sink.chunks(), `cut at ${cut}`).toEqual([{ n: 1 }]);
    }
  });

  it('decodes multibyte characters split across reads at every byte', async () => {
    const chunk = { text: 'Grüße 🌍 — 日本語' };
    const bytes = encoder.encode(event(1, chunk));
    for (let cut = 1; cut < bytes.length; cut++) {
      const { fetch } = fakeFetch(() => sseResponse([bytes.subarray(0, cut), bytes.subarray(cut)]));
      const sink = collect();
      await createSseTransport({ url: () => 'https://app.test/e', fetch }).observeRun(run, sink.handlers);
      expect(sink.chunks()).toEqual([chunk]);
    }
  });

  it('delivers a huge event arriving in many reads, and skips one over maxRecordLength', async () => {
    const huge = { output: 'x'.repeat(5 * 1024 * 1024) };
    const bytes = encoder.encode(event(1, huge) + event(2, { n: 2 }));
    const pieces: Uint8Array[] = [];
    for (let offset = 0; offset < bytes.length; offset += 64 * 1024)
      pieces.push(bytes.subarray(offset, offset + 64 * 1024));
    const { fetch } = fakeFetch(() => sseResponse(pieces));
    const sink = collect();
    await createSseTransport({ url: () => 'https://app.test/e', fetch }).observeRun(run, sink.handlers);
    expect(sink.chunks()).toEqual([huge, { n: 2 }]);

    const limited = fakeFetch(() => sseResponse(pieces));
    const small = collect();
    await createSseTransport({
      url: () => 'https://app.test/e',
      fetch: limited.fetch,
      maxRecordLength: 1024 * 1024,
    }).observeRun(run, small.handlers);
    expect(small.chunks()).toEqual([{ n: 2 }]);
    expect(small.errors.map((error) => error.code)).toEqual(['parse']);
    expect(small.errors[0]?.message).toContain('longer than 1048576 characters');
  });

  it('honours retry: hints (reported and remembered), ignoring invalid ones', async () => {
    const { fetch } = fakeFetch(() =>
      sseResponse(['retry: 2500\n\n', 'retry: soon\n\nretry: 1000\ndata: {"n":1}\n\n']),
    );
    const hints: number[] = [];
    const transport = createSseTransport({
      url: () => 'https://app.test/e',
      fetch,
      onRetryHint: (ms) => hints.push(ms),
    });
    const sink = collect();
    await transport.observeRun(run, sink.handlers);
    expect(hints).toEqual([2500, 1000]);
    expect(transport.retryHintOf(run)).toBe(1000);
    expect(sink.chunks()).toEqual([{ n: 1 }]);
    expect(sink.errors).toEqual([]);
  });

  it('drops an event cut off by the end of the stream, as EventSource does', async () => {
    const { fetch } = fakeFetch(() => sseResponse([`${event(1, { n: 1 })}id: 2\ndata: {"n":2}\n`]));
    const transport = createSseTransport({ url: () => 'https://app.test/e', fetch });
    const sink = collect();
    await transport.observeRun(run, sink.handlers);
    expect(sink.chunks()).toEqual([{ n: 1 }]);
    expect(transport.lastEventIdOf(run)).toBe('1');
  });

  it('sends a JSON body with POST', async () => {
    const { fetch, calls } = fakeFetch(() => sseResponse([]));
    const transport = createSseTransport({
      url: () => 'https://app.test/e',
      fetch,
      body: (ref) => ({ runId: ref.runId }),
    });
    await transport.observeRun(run, collect().handlers);
    expect(calls[0]).toMatchObject({ method: 'POST', body: '{"runId":"run-1"}' });
    expect(calls[0]?.headers.get('Content-Type')).toBe('application/json');
  });

  it('can be spread over another transport', async () => {
    const { fetch } = fakeFetch(() => sseResponse([event(1, { n: 1 })]));
    const other = { getRun: () => Promise.reject(new Error('unused')) };
    const transport = { ...other, ...createSseTransport({ url: () => 'https://app.test/e', fetch }) };
    const sink = collect();
    await transport.observeRun(run, sink.handlers);
    expect(sink.chunks()).toEqual([{ n: 1 }]);
    expect(transport.lastEventIdOf(run)).toBe('1');
  });
});

describe('createSseTransport: Last-Event-ID', () => {
  it('sends the last id it saw for the run; options.lastEventId overrides; "" and forgetRun send none', async () => {
    const { fetch, calls } = fakeFetch((_call, index) =>
      sseResponse(index === 0 ? [event(1, {}), event(2, { n: 2 })] : []),
    );
    const transport = createSseTransport({ url: () => 'https://app.test/e', fetch });
    const other: RunReference = { workflowId: 'content-brief', runId: 'run-2' };
    await transport.observeRun(run, collect().handlers);
    await transport.observeRun(run, collect().handlers);
    await transport.observeRun(other, collect().handlers);
    await transport.observeRun(run, collect().handlers, { lastEventId: '1' });
    await transport.observeRun(run, collect().handlers, { lastEventId: '' });
    transport.forgetRun(run);
    await transport.observeRun(run, collect().handlers);
    expect(calls.map((call) => call.headers.get('Last-Event-ID'))).toEqual([
      null,
      '2',
      null,
      '1',
      null,
      null,
    ]);
  });

  it('keeps the last complete id when the connection is cut, and fails with a network error', async () => {
    let pulls = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulls++ === 0) controller.enqueue(encoder.encode(`${event(1, { n: 1 })}id: 2\ndata: {"n"`));
        else controller.error(new TypeError('terminated'));
      },
    });
    const { fetch } = fakeFetch(() => new Response(body, { headers: sseHeaders }));
    const transport = createSseTransport({ url: () => 'https://app.test/e?token=in-query', fetch });
    const sink = collect();
    const failure = await transport.observeRun(run, sink.handlers).then(noFailure, asSteplineError);
    expect(failure.code).toBe('network');
    expect(failure.message).not.toContain('in-query');
    expect(failure.cause).toEqual(new TypeError('terminated'));
    expect(sink.chunks()).toEqual([{ n: 1 }]);
    expect(transport.lastEventIdOf(run)).toBe('1');
  });
});

describe('createSseTransport: failures', () => {
  it('retries once after a 401 with headers from attempt 2 (a refreshed token)', async () => {
    const { fetch, calls } = fakeFetch((call) =>
      call.headers.get('Authorization') === 'Bearer fresh-token-2'
        ? sseResponse([event(1, { n: 1 })])
        : new Response('expired', { status: 401 }),
    );
    const headers = vi.fn(({ attempt }: { attempt: number; url: string }) => ({
      Authorization: `Bearer ${attempt === 1 ? 'stale-token-1' : 'fresh-token-2'}`,
    }));
    const sink = collect();
    await createSseTransport({ url: () => 'https://app.test/e', fetch, headers }).observeRun(
      run,
      sink.handlers,
    );
    expect(headers.mock.calls).toEqual([
      [{ attempt: 1, url: 'https://app.test/e' }],
      [{ attempt: 2, url: 'https://app.test/e' }],
    ]);
    expect(calls).toHaveLength(2);
    expect(sink.log).toEqual(['open', 'chunks:1']);
  });

  it('fails with auth after a second 401/403, never showing the token, even when the server echoes it', async () => {
    const { fetch, calls } = fakeFetch(
      (call) =>
        new Response(`bad token: ${call.headers.get('Authorization')}`, {
          status: 403,
          statusText: 'Forbidden',
        }),
    );
    const failure = await createSseTransport({
      url: () => 'https://app.test/e',
      fetch,
      headers: async () => ({ Authorization: 'Bearer s3cret-token-value', 'X-Api-Key': 'key-123456' }),
    })
      .observeRun(run, collect().handlers)
      .then(noFailure, asSteplineError);
    expect(calls).toHaveLength(2);
    expect(failure).toMatchObject({ code: 'auth', status: 403 });
    expect(failure.message).toContain('403 Forbidden');
    expect(failure.message).not.toContain('s3cret');
    expect(failure.input).not.toContain('s3cret');
    expect(JSON.stringify({ ...failure, message: failure.message })).not.toContain('key-123456');
  });

  it('fails with auth when the headers function itself fails, and calls fetch detached', async () => {
    const refusal = new Error('refresh failed');
    const failure = await createSseTransport({
      url: () => 'https://app.test/e',
      fetch: () => Promise.reject(new Error('not called')),
      headers: () => Promise.reject(refusal),
    })
      .observeRun(run, collect().handlers)
      .then(noFailure, asSteplineError);
    expect(failure).toMatchObject({ code: 'auth', cause: refusal });

    // A browser's fetch throws "Illegal invocation" when called with another object as `this`.
    const thisValues: unknown[] = [];
    await createSseTransport({
      url: () => 'https://app.test/e',
      fetch: function (this: unknown) {
        thisValues.push(this);
        return Promise.resolve(sseResponse([]));
      } as unknown as typeof fetch,
    }).observeRun(run, collect().handlers);
    expect(thisValues).toEqual([undefined]);
  });

  it('does not retry a 401 with static headers', async () => {
    const { fetch, calls } = fakeFetch(() => new Response('no', { status: 401 }));
    const failure = await createSseTransport({
      url: () => 'https://app.test/e',
      fetch,
      headers: { Authorization: 'Bearer t0ken-abc' },
    })
      .observeRun(run, collect().handlers)
      .then(noFailure, asSteplineError);
    expect(failure).toMatchObject({ code: 'auth', status: 401 });
    expect(calls).toHaveLength(1);
  });

  it('codes a non-2xx answer as the other transports do (404 is not-found), and a body that is not an event stream as http', async () => {
    const answers = [
      new Response('{"error":"Run not found"}', { status: 404 }),
      new Response('boom', { status: 500 }),
      new Response('<html>', { status: 200, headers: { 'Content-Type': 'text/html' } }),
    ];
    const { fetch } = fakeFetch((_call, index) => answers[index]!);
    const transport = createSseTransport({ url: () => 'https://app.test/e', fetch });
    const failures: SteplineError[] = [];
    for (let i = 0; i < answers.length; i++) {
      failures.push(await transport.observeRun(run, collect().handlers).then(noFailure, asSteplineError));
    }
    // 404 is `not-found` here as in the HTTP and client-js transports (the SSE transport said `http`).
    expect(failures.map((failure) => [failure.code, failure.status])).toEqual([
      ['not-found', 404],
      ['http', 500],
      ['http', 200],
    ]);
    expect(failures[0]?.message).toContain('Run not found');
    expect(failures[2]?.message).toContain('text/html');
  });

  it('fails with network when the server cannot be reached', async () => {
    const fetch = vi.fn(() =>
      Promise.reject(new TypeError('fetch failed', { cause: new Error('ECONNREFUSED') })),
    );
    const failure = await createSseTransport({ url: () => 'http://127.0.0.1:1/e?secret=1', fetch })
      .observeRun(run, collect().handlers)
      .then(noFailure, asSteplineError);
    expect(failure.code).toBe('network');
    expect(failure.message).toContain('ECONNREFUSED');
    expect(failure.message).not.toContain('secret');
  });

  it('fails with aborted, before the request or in the middle of the stream', async () => {
    const { fetch, calls } = fakeFetch(() => sseResponse([event(1, {})]));
    const before = new AbortController();
    before.abort();
    const transport = createSseTransport({ url: () => 'https://app.test/e', fetch });
    await expect(
      transport.observeRun(run, collect().handlers, { signal: before.signal }),
    ).rejects.toMatchObject({
      code: 'aborted',
    });
    expect(calls).toHaveLength(0);

    const during = new AbortController();
    const hanging = fakeFetch(() => {
      const body = new ReadableStream<Uint8Array>({
        start: (controller) => controller.enqueue(encoder.encode(event(1, { n: 1 }))),
      });
      return new Response(body, { headers: sseHeaders });
    });
    const sink = collect();
    const pending = createSseTransport({ url: () => 'https://app.test/e', fetch: hanging.fetch }).observeRun(
      run,
      {
        ...sink.handlers,
        onChunks: (chunks) => {
          sink.handlers.onChunks(chunks);
          during.abort();
        },
      },
      { signal: during.signal },
    );
    await expect(pending).rejects.toMatchObject({ code: 'aborted' });
    expect(sink.chunks()).toEqual([{ n: 1 }]);
  });

  it('treats comments as liveness and fails with network when nothing arrives for idleTimeoutMs', async () => {
    // On the machine's clock a loaded runner could sleep past the idle timeout between two pings (it failed
    // under load); on a fake clock the pings are 15 ms apart exactly, and the silence exactly 40 ms.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    try {
      const pinging = fakeFetch(() => {
        let count = 0;
        const body = new ReadableStream<Uint8Array>({
          async pull(controller) {
            await new Promise((resolve) => setTimeout(resolve, 15));
            if (count++ < 6) controller.enqueue(encoder.encode(encodeSseComment('ping')));
            else controller.close();
          },
        });
        return new Response(body, { headers: sseHeaders });
      });
      const pinged = createSseTransport({
        url: () => 'https://app.test/e',
        fetch: pinging.fetch,
        idleTimeoutMs: 60,
      })
        .observeRun(run, collect().handlers)
        .then(() => 'ended', asSteplineError);
      await vi.advanceTimersByTimeAsync(15 * 8);
      expect(await pinged).toBe('ended');

      const silent = fakeFetch(() => new Response(new ReadableStream(), { headers: sseHeaders }));
      const failed = createSseTransport({
        url: () => 'https://app.test/e',
        fetch: silent.fetch,
        idleTimeoutMs: 40,
      })
        .observeRun(run, collect().handlers)
        .then(noFailure, asSteplineError);
      await vi.advanceTimersByTimeAsync(39);
      let settled = false;
      void failed.then(() => {
        settled = true;
      });
      await vi.advanceTimersByTimeAsync(0);
      expect(settled).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      const failure = await failed;
      expect(failure.code).toBe('network');
      expect(failure.message).toContain('silent for 40 ms');
    } finally {
      vi.useRealTimers();
    }
  });
});

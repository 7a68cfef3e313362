import { httpErrorOf } from '../transport/http-error';
import { SteplineError } from '../util/stepline-error';
import { isResponse, type RunChunkSource } from '../wire/chunk-source';
import { openRecordReader, type RecordRead, type RecordReader } from '../wire/record-reader';
import { createCheckedNumbering, type EventPosition, parseEventPosition } from './checked-event-ids';
import { assertSseRetry, encodeSseComment, encodeSseRetry } from './encode-sse-event';
import { type RequestLike, readRequestValue } from './last-event-id';
import { createReplayFilter } from './replay-filter';
import type { RunChunkSourceFactory } from './run-chunk-source';
import { createSseByteWriter } from './sse-byte-writer';

/** The headers of every relay response: no caching, no compression or buffering by proxies. */
export const sseResponseHeaders: Readonly<Record<string, string>> = {
  'Content-Type': 'text/event-stream; charset=utf-8',
  'Cache-Control': 'no-cache, no-transform',
  Connection: 'keep-alive',
  // nginx buffers proxied responses unless told not to; SSE through a buffer arrives all at the end.
  'X-Accel-Buffering': 'no',
};

export interface RelayRunOptions {
  /**
   * The run's chunks. Prefer a factory: it is called once per connection with the client's last event
   * id and an abort signal, so it can open the upstream lazily (`observe` on a reconnect) and stop it
   * when the client goes away.
   */
  readonly source: RunChunkSource | RunChunkSourceFactory;
  /** The incoming request: its `Last-Event-ID` (or `?lastEventId=`) and its `signal` are used. */
  readonly request?: Request;
  /** Overrides the id read from `request`: a position, or an id this relay sent (`12.3011245918`). */
  readonly lastEventId?: number | string;
  /** Aborts the relay (and the upstream) besides `request.signal`; Node adapters use it. */
  readonly signal?: AbortSignal;
  /** Milliseconds between `: ping` comments that keep the connection alive; 0 turns them off. Default 15 000. */
  readonly heartbeatMs?: number;
  /**
   * The reconnection delay sent to the client as `retry:`, in milliseconds. Default 2 000. A value that is
   * not an integer from 0 to 2^31-1 throws a `RangeError` before anything is opened: browsers overflow on it.
   */
  readonly retryMs?: number;
  /**
   * Drop what the upstream replays (default true): Mastra's `observe` resends a running run's history
   * from its `workflow-start` before it goes live. Replays are found by position, so identical records
   * that are not a replay (repeated agent tokens) all go through; an upstream that never replays pays
   * nothing for it.
   */
  readonly dedupe?: boolean;
  /** Extra response headers (CORS, for instance); they cannot replace the SSE ones. */
  readonly headers?: Headers | Readonly<Record<string, string>>;
  /**
   * Upstream failures and unreadable records (which are skipped). Default: `console.warn`. Never sent to
   * the client, as upstream messages may hold internal details.
   */
  readonly onError?: (error: unknown) => void;
  /** Raw records longer than this many characters are skipped. Default: the record splitter's 64 Mi. */
  readonly maxRecordLength?: number;
  /**
   * On a reconnect the replay is held back until it reaches the client's last event, to check it is the
   * same history. If the upstream pauses this long first, it is another history (the run was restarted
   * in a new process) and what was held is sent. Milliseconds, default 500.
   */
  readonly resyncAfterMs?: number;
}

/**
 * Relays a Mastra run to a browser as Server-Sent Events: the body of an app route, so nobody writes
 * the stream plumbing by hand. Returns a standard `Response` (Next.js route handlers, Hono, Remix, Bun,
 * Deno; `toNodeListener`/`sendResponse` for Express and `node:http`).
 *
 * The body starts with a `retry:` hint, then sends each record as `id: <n>.<hash>\ndata: <json>\n\n`
 * (positions 1, 2, 3… and a rolling hash of the history so far), and a `: ping` comment every
 * `heartbeatMs`. Mastra's records are passed on as they came, never parsed and stringified again, and
 * each write holds every event readable at that moment (up to 64 KiB), not one event per write.
 * Reconnects continue without duplicates or gaps: on `Last-Event-ID: n.h` the upstream is opened again
 * (Mastra's `observe` replays from the start), its replays are dropped the same way (by position: see
 * `dedupe`), and its first n records are skipped when they hash to h. When they do not — Mastra
 * restarted and the run goes on in a new process with a new history — the client gets the whole new
 * history rather than losing its first n records. This needs an upstream that replays the same history
 * in the same order, which `observe` does; a stream that cannot be replayed (the `stream` call that
 * starts a run) is fine for a first connection only, hence the factory.
 *
 * When the client goes away (the request's `signal` aborts or the body is cancelled) the upstream is
 * cancelled and the factory's `signal` aborts. If the upstream cannot be opened, the answer is a plain
 * error response: the upstream's status when it is a 4xx about the run (404, 409), else 502, so the
 * client's transport fails instead of reconnecting for ever. If the upstream breaks mid-stream, the body
 * errors (the connection is cut, not ended cleanly) so the client reconnects with its last id.
 *
 * @example
 * // app/api/runs/[runId]/events/route.ts (Next.js). `createSteplineRoute` does this and more (authorize,
 * // a 404 for an unknown run); the relay alone is for a route of your own.
 * export async function GET(request: Request, { params }: { params: Promise<{ runId: string }> }) {
 *   const { runId } = await params;
 *   return relayRunAsSse({
 *     request,
 *     source: ({ signal }) =>
 *       fetch(`${process.env.MASTRA_URL}/api/workflows/content-brief/observe?runId=${runId}`, {
 *         method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}', signal,
 *       }),
 *   });
 * }
 */
export async function relayRunAsSse(options: RelayRunOptions): Promise<Response> {
  // A misconfiguration, refused before the upstream is opened rather than mid-body.
  assertSseRetry(options.retryMs ?? 2_000);
  const report = options.onError ?? ((error: unknown) => console.warn('[stepline] SSE relay:', error));
  const last = lastEventOf(options);
  const lastEventId = last?.position;
  const upstreamAbort = new AbortController();
  const clientSignals = [options.signal, options.request?.signal].filter(
    (signal): signal is AbortSignal => signal !== undefined,
  );
  const onClientGone = () => upstreamAbort.abort(new SteplineError('aborted', 'The client went away.'));
  for (const signal of clientSignals) {
    if (signal.aborted) onClientGone();
    else signal.addEventListener('abort', onClientGone, { once: true });
  }
  const unlink = () => {
    for (const signal of clientSignals) signal.removeEventListener('abort', onClientGone);
  };

  let source: RunChunkSource;
  try {
    source =
      typeof options.source === 'function'
        ? await options.source({ lastEventId, signal: upstreamAbort.signal })
        : options.source;
  } catch (error) {
    unlink();
    report(error);
    return failureResponse(statusOf(error));
  }
  if (isResponse(source) && !source.ok) {
    unlink();
    // Coded as every transport codes a status, with a bounded read of what the upstream said.
    report(await httpErrorOf(source, { label: 'The upstream run stream' }));
    return failureResponse(source.status);
  }

  const reader = openRecordReader(source, {
    onError: report,
    ...(options.maxRecordLength === undefined ? {} : { maxRecordLength: options.maxRecordLength }),
  });
  const body = createRelayBody(reader, {
    last,
    resyncAfterMs: options.resyncAfterMs ?? 500,
    dedupe: options.dedupe ?? true,
    heartbeatMs: options.heartbeatMs ?? 15_000,
    retryMs: options.retryMs ?? 2_000,
    signal: upstreamAbort.signal,
    report,
    onClose(reason) {
      unlink();
      if (reason !== undefined && !upstreamAbort.signal.aborted) upstreamAbort.abort(reason);
    },
  });
  const headers = new Headers(options.headers);
  for (const [name, value] of Object.entries(sseResponseHeaders)) headers.set(name, value);
  return new Response(body, { status: 200, headers });
}

interface RelayBodyOptions {
  readonly last: EventPosition | undefined;
  readonly resyncAfterMs: number;
  readonly dedupe: boolean;
  readonly heartbeatMs: number;
  readonly retryMs: number;
  /** Aborts when the client goes away. */
  readonly signal: AbortSignal;
  readonly report: (error: unknown) => void;
  /** Called once: without a reason when the upstream ended, with one when the relay was stopped. */
  readonly onClose: (reason?: unknown) => void;
}

const encoder = new TextEncoder();
/** A write holds whatever is readable, up to about this many bytes. */
const writeSize = 64 * 1024;
/**
 * Microtask turns a write waits for the next read before it goes out: a read of queued data settles in
 * the first, one from a source that enqueues as it is pulled in the next (see `readIfReady`).
 */
const readyWithinTurns = 3;
/** A turn of the microtask queue is `nextTurn.then(fn)`: no promise of our own per turn. */
const nextTurn = /* @__PURE__ */ Promise.resolve();
function createRelayBody(reader: RecordReader, options: RelayBodyOptions): ReadableStream<Uint8Array> {
  // The events waiting for the next write.
  const out = createSseByteWriter();
  // Whether the records being numbered are known to hold no line break (see `RecordReader`).
  let oneLine = false;
  const numbering = createCheckedNumbering({
    last: options.last,
    send: (position, hash, record) => out.event(position, hash, record, oneLine),
  });
  const replays = options.dedupe ? createReplayFilter((record) => numbering.push(record)) : undefined;
  /**
   * The upstream is read one read at a time, by callbacks (`RecordReader.next`), not promises: under an
   * upstream that flushes every event on its own a read is an event, and a promise per read (and one per
   * reaction to it) cost more than the relay's own work on the event. Three parties take the read: the
   * plain wait in `step`, the readiness probe and the resync wait. A read that settles while none of them
   * waits for it (the probe or the resync wait gave up on it) is kept here for the next one.
   */
  let reading = false;
  let arrived: RecordRead | undefined;
  /** What broke the read that `arrived` stands for (then `arrived` is `failedRead`). */
  let readError: unknown;
  const failedRead: RecordRead = { done: true };
  let waiter: ((next: RecordRead) => void) | undefined;
  let waiterFailure: ((error: unknown) => void) | undefined;
  const settled = (next: RecordRead) => {
    reading = false;
    const to = waiter;
    waiter = undefined;
    waiterFailure = undefined;
    if (to) to(next);
    else arrived = next;
  };
  const settledWithError = (error: unknown) => {
    reading = false;
    const to = waiterFailure;
    waiter = undefined;
    waiterFailure = undefined;
    if (to) to(error);
    else {
      arrived = failedRead;
      readError = error;
    }
  };
  const startRead = () => {
    if (reading || arrived !== undefined) return;
    reading = true;
    reader.next(settled, settledWithError);
  };
  /** The next read to `onNext` (or its failure to `onFailure`), when it settles or at once if it has. */
  const awaitRead = (onNext: (next: RecordRead) => void, onFailure: (error: unknown) => void) => {
    const next = arrived;
    if (next === undefined) {
      waiter = onNext;
      waiterFailure = onFailure;
      startRead();
      return;
    }
    arrived = undefined;
    if (next !== failedRead) {
      onNext(next);
      return;
    }
    const error = readError;
    readError = undefined;
    onFailure(error);
  };
  const timedOut = Symbol('timed out');
  let resyncTimer: ReturnType<typeof setTimeout> | undefined;
  /**
   * The next read, waited for up to `timeoutMs` (then `timedOut`): only while records are held for a
   * resync. A read still in flight when the wait runs out is taken by the next wait.
   */
  const readWithin = (timeoutMs: number) => {
    resyncTimer = setTimeout(() => {
      resyncTimer = undefined;
      waiter = undefined;
      waiterFailure = undefined;
      onWaited(timedOut);
    }, timeoutMs);
    awaitRead(
      (next) => {
        clearTimeout(resyncTimer);
        resyncTimer = undefined;
        onWaited(next);
      },
      (error) => {
        clearTimeout(resyncTimer);
        resyncTimer = undefined;
        fail(error);
      },
    );
  };
  const ping = encoder.encode(encodeSseComment('ping'));
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  let closed = false;

  const close = (reason?: unknown) => {
    if (closed) return false;
    closed = true;
    if (heartbeat !== undefined) clearInterval(heartbeat);
    if (resyncTimer !== undefined) clearTimeout(resyncTimer);
    options.signal.removeEventListener('abort', onAbort);
    if (reason !== undefined) void reader.cancel(reason);
    options.onClose(reason);
    return true;
  };
  let onAbort = () => {};

  // The stream's controller, from `start`: the pump below writes to it from its callbacks.
  let stream!: ReadableStreamDefaultController<Uint8Array>;
  // A write is being gathered: `pull` starts one, it ends when it is enqueued (or the body ends).
  let gathering = false;
  /**
   * One write holds every event that is readable now (up to `writeSize`), not one event per write: once
   * something is gathered, reads go on only while they are there already (`probe`), then it is written.
   * With nothing gathered yet, the read simply waits, for as long as the upstream is quiet (or the resync
   * wait). Callbacks, not an async `pull`: under an upstream that flushes every event on its own, a write
   * is an event, and an async loop with a readiness probe cost a suspended frame, several promises and a
   * closure at each step, more than the rest of the relay's work on the event.
   */
  const step = () => {
    if (closed) return;
    if (out.length > 0) probe();
    else if (numbering.holding) readWithin(options.resyncAfterMs);
    // Nothing gathered: wait for as long as the upstream is quiet.
    else awaitRead(onRead, fail);
  };
  /** Ends the write being gathered; `enqueue` may call `pull` (and so `step`) again at once. */
  const flush = () => {
    gathering = false;
    stream.enqueue(out.take());
  };
  const fail = (error: unknown) => {
    gathering = false;
    if (closed) return;
    options.report(error);
    close(error);
    stream.error(error);
  };
  const onRead = (next: RecordRead) => {
    if (closed) return;
    try {
      if (next.done) {
        replays?.end();
        oneLine = false;
        numbering.release();
        const rest = out.length > 0 ? out.take() : undefined;
        gathering = false;
        close();
        if (rest) stream.enqueue(rest);
        stream.close();
        return;
      }
      // Held records released now may come from earlier reads: those are searched one by one.
      oneLine = next.oneLine && !numbering.holding;
      for (const record of next.records) {
        if (replays) replays.push(record);
        else numbering.push(record);
      }
      if (out.length >= writeSize) flush();
      else step();
    } catch (error) {
      fail(error);
    }
  };
  const onWaited = (next: RecordRead | typeof timedOut) => {
    if (closed) return;
    if (next !== timedOut) {
      onRead(next);
      return;
    }
    try {
      oneLine = false;
      numbering.release();
      if (out.length > 0) flush();
      else step();
    } catch (error) {
      fail(error);
    }
  };
  // The readiness probe: the read, once started, is looked at after each of a few microtask turns. A
  // read that failed counts as not ready: it fails on the next `pull`, after what was gathered went out.
  let probeTurns = 0;
  const probe = () => {
    startRead();
    probeTurns = 0;
    nextTurn.then(waitForProbe);
  };
  const waitForProbe = () => {
    if (closed) return;
    const ready = arrived;
    if (ready !== undefined && ready !== failedRead) {
      arrived = undefined;
      onRead(ready);
    } else if (++probeTurns < readyWithinTurns) {
      nextTurn.then(waitForProbe);
    } else {
      try {
        flush();
      } catch (error) {
        fail(error);
      }
    }
  };

  return new ReadableStream<Uint8Array>({
    start(controller) {
      stream = controller;
      controller.enqueue(encoder.encode(encodeSseRetry(options.retryMs)));
      onAbort = () => {
        if (!close(options.signal.reason ?? new SteplineError('aborted', 'The client went away.'))) return;
        try {
          controller.close();
        } catch {
          // Already closed or errored by the consumer.
        }
      };
      if (options.signal.aborted) {
        onAbort();
        return;
      }
      options.signal.addEventListener('abort', onAbort, { once: true });
      if (options.heartbeatMs > 0) {
        heartbeat = setInterval(() => {
          if (closed) return;
          try {
            controller.enqueue(ping);
          } catch {
            close(new SteplineError('aborted', 'The response body is no longer read.'));
          }
        }, options.heartbeatMs);
      }
    },
    pull() {
      if (gathering || closed) return;
      gathering = true;
      step();
    },
    cancel(reason) {
      close(reason ?? new SteplineError('aborted', 'The response body was cancelled.'));
    },
  });
}

function lastEventOf(options: RelayRunOptions): EventPosition | undefined {
  const given = options.lastEventId;
  if (typeof given === 'number')
    return Number.isInteger(given) && given >= 0 ? { position: given } : undefined;
  if (typeof given === 'string') return parseEventPosition(given);
  if (!options.request) return undefined;
  const request: RequestLike = options.request;
  return (
    parseEventPosition(readRequestValue(request, 'header', 'last-event-id')) ??
    parseEventPosition(readRequestValue(request, 'query', 'lastEventId'))
  );
}

/**
 * A 4xx about the run itself (unknown run, already finished) is passed on so the client stops; the
 * relay's own credentials being refused upstream is not the browser's problem, so it is a 502 like every
 * other upstream failure.
 */
function failureResponse(upstreamStatus: number | undefined): Response {
  const status =
    upstreamStatus !== undefined &&
    upstreamStatus >= 400 &&
    upstreamStatus < 500 &&
    upstreamStatus !== 401 &&
    upstreamStatus !== 403 &&
    upstreamStatus !== 407
      ? upstreamStatus
      : 502;
  const detail = upstreamStatus === undefined ? '' : ` (upstream status ${upstreamStatus})`;
  return new Response(`The run stream could not be opened${detail}.`, {
    status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
  });
}

function statusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { status, statusCode } = error as { status?: unknown; statusCode?: unknown };
  const value = typeof status === 'number' ? status : statusCode;
  return typeof value === 'number' && Number.isInteger(value) ? value : undefined;
}

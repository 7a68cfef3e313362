import type { createParser, EventSourceMessage, ParseError } from 'eventsource-parser';
import { excerpt, SteplineError } from '../util/stepline-error';
import { parseRecords } from '../wire/parse-record';
import { createUtf8Pieces } from '../wire/utf8-pieces';
import type { ChunkHandlers, HeadersInput, RunReference, RunTransport, StreamOptions } from './run-transport';
import { sendRequest } from './send-request';

export interface SseTransportOptions {
  /**
   * The app's SSE route. A string gets `workflowId` and `runId` appended as query parameters; a function
   * builds the whole URL for a run.
   */
  readonly url: string | ((run: RunReference) => string);
  /** Default: `POST` when `body` is given, else `GET`. */
  readonly method?: 'GET' | 'POST';
  /** A JSON request body for the run (sent with `Content-Type: application/json`). */
  readonly body?: (run: RunReference) => unknown;
  /**
   * Headers for every request. A function is called per request with `{attempt, url}`; after a 401 or
   * 403 it is called once more with `attempt: 2` (refresh the token there) and the request is retried.
   */
  readonly headers?: HeadersInput;
  readonly fetch?: typeof fetch;
  /** The server's `retry:` hint, in milliseconds: how long it asks clients to wait before reconnecting. */
  readonly onRetryHint?: (retryMs: number, run: RunReference) => void;
  /**
   * A connection that brings nothing (no event, no `: ping` comment) for this long is considered lost:
   * the request is aborted and `observeRun` rejects with a `network` error, so the caller reconnects.
   * Default 45 000, three heartbeats of `relayRunAsSse`; 0 turns it off.
   */
  readonly idleTimeoutMs?: number;
  /**
   * An event (one record) longer than this many characters is reported (`parse`) and skipped. The same
   * option as the other transports'. Default: 64 Mi.
   */
  readonly maxRecordLength?: number;
}

/** `observeRun` over an SSE route, plus what a reconnect needs to know. */
export interface SseTransport extends Pick<RunTransport, 'observeRun'> {
  /** The last event id received for a run (sent as `Last-Event-ID` on its next `observeRun`). */
  lastEventIdOf(run: RunReference): string | undefined;
  /** The last `retry:` hint the server sent for a run, in milliseconds. */
  retryHintOf(run: RunReference): number | undefined;
  /** Forgets a run's last event id, so its next `observeRun` gets the whole stream again. */
  forgetRun(run: RunReference): void;
}

interface RunMemory {
  lastEventId?: string;
  retryMs?: number;
}

const defaultIdleTimeoutMs = 45_000;
/** A batch takes further reads that are ready while it holds less than this many bytes. */
const batchBytes = 64 * 1024;
const defaultMaxEventLength = 64 * 1024 * 1024;
/**
 * Microtask turns a batch waits for the next read before it closes: a read of queued data settles in the
 * first, one from a source that enqueues as it is pulled in the next (see `readIfReady`).
 */
const readyWithinTurns = 3;
/** A turn of the microtask queue is `nextTurn.then(fn)`: no promise of our own per turn. */
const nextTurn = /* @__PURE__ */ Promise.resolve();

type StreamRead = Awaited<ReturnType<ReadableStreamDefaultReader<Uint8Array>['read']>>;

function ignore(): void {}

/**
 * The SSE parser (eventsource-parser, as much code as the transport itself) is a chunk of its own: a page needs
 * it only once a live stream is open, and its download starts when the transport is made, while the app
 * renders and the first requests go out. A failed download is tried again by the next connection.
 */
let parserModule: Promise<{ createParser: typeof createParser }> | undefined;
function loadParser(): Promise<{ createParser: typeof createParser }> {
  parserModule ??= import('eventsource-parser').catch((cause: unknown) => {
    parserModule = undefined;
    throw cause;
  });
  return parserModule;
}

/**
 * Reads a run's live stream from an SSE route such as one served by `relayRunAsSse`
 * (`@stepline/client/server`). Spread it over another transport to take the live stream from the app's
 * route and everything else from Mastra.
 *
 * - Each event's `data` is one JSON chunk; the chunks of one network read reach `onChunks` together.
 *   Invalid JSON is reported through `onError` as a `parse` error and skipped; events with a type other
 *   than `message` are ignored; comments are ignored but keep the connection alive (`idleTimeoutMs`).
 * - `Last-Event-ID` is `options.lastEventId` when given (`''` for none), else the last id this transport
 *   received for the run, so calling `observeRun` again after a drop continues where it stopped.
 * - Resolves when the server ends the stream. Rejects with a `SteplineError`: `auth`, `not-found`,
 *   `conflict` or `http` (with `status`) for a non-2xx answer, mapped as every transport maps them;
 *   `network` (with `cause`) when the server cannot be reached or the connection breaks; `aborted` when
 *   `options.signal` aborts. Header values never appear in messages.
 *
 * @example
 * // `/mastra/*` rewritten to Mastra's root: the HTTP transport adds `/api` itself (`/mastra/api/…`).
 * // `createRouteTransport` does both through one route of your app.
 * const transport = {
 *   ...createMastraHttpTransport({ baseUrl: '/mastra' }),
 *   ...createSseTransport({ url: (run) => `/api/runs/${run.runId}/events` }),
 * };
 */
export function createSseTransport(options: SseTransportOptions): SseTransport {
  loadParser().catch(ignore);
  const memory = new Map<string, RunMemory>();
  const remember = (run: RunReference): RunMemory => {
    const key = keyOf(run);
    let entry = memory.get(key);
    if (!entry) {
      entry = {};
      memory.set(key, entry);
    }
    return entry;
  };

  async function observeRun(run: RunReference, handlers: ChunkHandlers, streamOptions: StreamOptions = {}) {
    const userSignal = streamOptions.signal;
    if (userSignal?.aborted) throw abortedError(userSignal.reason);
    const entry = remember(run);
    const lastEventId = streamOptions.lastEventId ?? entry.lastEventId;
    const url = urlFor(options.url, run);
    const method = options.method ?? (options.body ? 'POST' : 'GET');
    const body = options.body ? JSON.stringify(options.body(run)) : undefined;

    const connection = new AbortController();
    const idleTimeoutMs = options.idleTimeoutMs ?? defaultIdleTimeoutMs;
    let idleExpired = false;
    let idleTimer: ReturnType<typeof setTimeout> | undefined;
    let onSilence = () => {};
    // A read only notes the time; the timer, armed once, looks at it when it fires and waits the rest.
    // Resetting a timer on every read cost as much as reading an event.
    let lastHeardAt = 0;
    const watchSilence = () => {
      const silentFor = Date.now() - lastHeardAt;
      if (silentFor < idleTimeoutMs) {
        idleTimer = setTimeout(watchSilence, idleTimeoutMs - silentFor);
        return;
      }
      idleExpired = true;
      connection.abort();
      onSilence();
    };
    const touch = () => {
      if (idleTimeoutMs <= 0) return;
      lastHeardAt = Date.now();
      idleTimer ??= setTimeout(watchSilence, idleTimeoutMs);
    };
    const onUserAbort = () => connection.abort(userSignal?.reason);
    userSignal?.addEventListener('abort', onUserAbort, { once: true });
    // Which of the two reasons ended the connection decides the error code.
    const failure = (cause: unknown, what: string): SteplineError => {
      if (userSignal?.aborted) return abortedError(userSignal.reason);
      if (idleExpired) {
        return new SteplineError(
          'network',
          `The SSE stream was silent for ${idleTimeoutMs} ms; the connection is considered lost.`,
          {
            runId: run.runId,
          },
        );
      }
      return new SteplineError('network', `${what} (${describeUrl(url)}): ${messageOf(cause)}`, {
        cause,
        runId: run.runId,
      });
    };

    // Asked for now, awaited once the server answered: the download, when there is one, overlaps the request.
    const parser = loadParser();
    parser.catch(ignore);
    try {
      touch();
      const response = await requestEventStream({
        fetch: options.fetch ?? globalThis.fetch,
        url,
        method,
        body,
        lastEventId: lastEventId === '' ? undefined : lastEventId,
        headers: options.headers,
        signal: connection.signal,
        runId: run.runId,
        failure,
      });
      touch();
      handlers.onOpen?.();
      if (!response.body) return;
      let parse: typeof createParser;
      try {
        parse = (await parser).createParser;
      } catch (cause) {
        // As a dropped connection: the controller reconnects, and the next attempt downloads it again.
        await response.body.cancel().catch(ignore);
        throw failure(cause, 'The SSE parser could not be loaded');
      }

      const reader = response.body.getReader();
      onSilence = () => void reader.cancel().catch(() => {});
      if (connection.signal.aborted) onSilence();
      connection.signal.addEventListener('abort', () => onSilence(), { once: true });
      const events = createEventReader(parse, {
        maxEventLength: options.maxRecordLength ?? defaultMaxEventLength,
        onId(id) {
          entry.lastEventId = id;
        },
        onRetry(retryMs) {
          entry.retryMs = retryMs;
          options.onRetryHint?.(retryMs, run);
        },
        onError: (error) => handlers.onError?.(error),
      });
      let completed = false;
      // A read that was not ready when the last batch closed: the next batch starts with it.
      let pending: Promise<StreamRead> | undefined;
      try {
        // Callbacks, not an async loop awaiting a readiness probe: when the server flushes every event on
        // its own, a read is an event, and each await cost a suspended frame, a promise and a closure.
        await new Promise<void>((resolve, reject) => {
          /** The batch: the chunks of a read and of the reads that were there already after it. */
          let chunks: unknown[] = [];
          let size = 0;
          // The readiness probe (`readIfReady` inlined): the read sets `probed` when it settles, looked at
          // after each of a few microtask turns. A read that failed counts as not ready: the next batch
          // starts with it and fails, after this one.
          let probed: StreamRead | undefined;
          let turns = 0;
          const onProbe = (result: StreamRead) => {
            probed = result;
          };
          const cutOff = (cause: unknown) => reject(failure(cause, 'The SSE stream was cut off'));
          /** Waits for the next read, for as long as the server is quiet. */
          const next = () => {
            const read = pending ?? reader.read();
            pending = undefined;
            read.then(onFirst, cutOff);
          };
          const onFirst = (result: StreamRead) => {
            // A cancelled reader ends "normally": only the signals tell an abort from the server's end.
            if (connection.signal.aborted) {
              reject(failure(connection.signal.reason, 'The SSE stream was cut off'));
              return;
            }
            if (result.done) {
              resolve();
              return;
            }
            try {
              touch();
              chunks = events.push(result.value);
              size = result.value.byteLength;
              gather();
            } catch (error) {
              reject(error);
            }
          };
          /** The reads that are there already join this batch: one hand-off to the store for a burst. */
          const gather = () => {
            if (size >= batchBytes) {
              deliver();
              return;
            }
            const read = reader.read();
            pending = read;
            // A probe of the read before may have set it since: that was not this read.
            probed = undefined;
            turns = 0;
            read.then(onProbe, ignore);
            nextTurn.then(waitForProbe);
          };
          const waitForProbe = () => {
            try {
              const more = probed;
              if (more === undefined) {
                if (++turns < readyWithinTurns) nextTurn.then(waitForProbe);
                else deliver();
                return;
              }
              probed = undefined;
              if (more.done) {
                pending = Promise.resolve(more);
                deliver();
                return;
              }
              pending = undefined;
              size += more.value.byteLength;
              const added = events.push(more.value);
              if (added.length > 0) chunks = chunks.length === 0 ? added : chunks.concat(added);
              gather();
            } catch (error) {
              reject(error);
            }
          };
          const deliver = () => {
            const batch = chunks;
            chunks = [];
            if (batch.length > 0) handlers.onChunks(batch);
            next();
          };
          next();
        });
        completed = true;
        const chunks = events.end();
        if (chunks.length > 0) handlers.onChunks(chunks);
      } finally {
        if (!completed) void reader.cancel().catch(() => {});
      }
    } finally {
      if (idleTimer !== undefined) clearTimeout(idleTimer);
      userSignal?.removeEventListener('abort', onUserAbort);
    }
  }

  return {
    observeRun,
    lastEventIdOf: (run) => memory.get(keyOf(run))?.lastEventId,
    retryHintOf: (run) => memory.get(keyOf(run))?.retryMs,
    forgetRun(run) {
      memory.delete(keyOf(run));
    },
  };
}

interface EventReaderOptions {
  readonly maxEventLength: number;
  readonly onId: (id: string) => void;
  readonly onRetry: (retryMs: number) => void;
  readonly onError: (error: SteplineError) => void;
}

/** bytes -> SSE events (eventsource-parser) -> JSON chunks, one array per network read. */
function createEventReader(parse: typeof createParser, options: EventReaderOptions) {
  // Not TextDecoder's `stream: true`: Node runs that through ICU, several times slower (see utf8-pieces).
  const decode = createUtf8Pieces();
  let texts: string[] = [];
  let chunks: unknown[] = [];
  let overflowed = false;
  const parser = parse({
    maxBufferSize: options.maxEventLength,
    onEvent(message: EventSourceMessage) {
      if (message.event !== undefined && message.event !== 'message') return;
      // An event with an empty data buffer is not dispatched, as EventSource does.
      if (message.data === '') return;
      // Parsed together when the read is done: one JSON.parse for all of a read's events (see parseRecords).
      texts.push(message.data);
    },
    // The spec's last-event-id buffer: an empty `id:` clears it.
    onId: options.onId,
    onRetry: options.onRetry,
    onError(error: ParseError) {
      // Unknown fields and invalid retry values are ignored, as the spec says; only a runaway event is
      // worth reporting.
      if (error.type !== 'max-buffer-size-exceeded') return;
      overflowed = true;
      // The events before it are reported (if malformed) before it: errors keep the stream's order.
      parsePending();
      options.onError(
        new SteplineError(
          'parse',
          `An SSE event is longer than ${options.maxEventLength} characters; it was skipped.`,
        ),
      );
    },
  });
  const feed = (text: string) => {
    if (text === '') return;
    parser.feed(text);
    if (overflowed) {
      // The parser stops for good after an overflow; a fresh one drops the rest of that event's line.
      overflowed = false;
      parser.reset();
    }
  };
  const parsePending = () => {
    if (texts.length === 0) return;
    const values = parseRecords(texts, options.onError);
    texts = [];
    chunks = chunks.length === 0 ? values : chunks.concat(values);
  };
  const take = () => {
    parsePending();
    const taken = chunks;
    chunks = [];
    return taken;
  };
  return {
    push(bytes: Uint8Array): unknown[] {
      feed(decode(bytes));
      return take();
    },
    /** An event without its closing blank line is dropped, as the spec says. */
    end(): unknown[] {
      feed(decode());
      return take();
    },
  };
}

interface EventStreamRequest {
  readonly fetch: typeof fetch;
  readonly url: string;
  readonly method: 'GET' | 'POST';
  readonly body: string | undefined;
  readonly lastEventId: string | undefined;
  readonly headers: HeadersInput | undefined;
  readonly signal: AbortSignal;
  readonly runId: string;
  readonly failure: (cause: unknown, what: string) => SteplineError;
}

/**
 * Opens the stream through the transports' one request helper (a 401/403 asks a header function once
 * more), with `Last-Event-ID`, then checks the answer is an event stream.
 */
async function requestEventStream(request: EventStreamRequest): Promise<Response> {
  const label = `${request.method} ${describeUrl(request.url)}`;
  const response = await sendRequest({
    url: request.url,
    label,
    method: request.method,
    headers: request.headers,
    protocolHeaders: {
      Accept: 'text/event-stream',
      ...(request.lastEventId === undefined ? {} : { 'Last-Event-ID': request.lastEventId }),
    },
    body: request.body,
    signal: request.signal,
    fetch: request.fetch,
    runId: request.runId,
    unreachable: (cause) => request.failure(cause, 'The SSE endpoint could not be reached'),
  });
  const type = response.headers.get('Content-Type');
  if (type !== null && !/^text\/event-stream\b/i.test(type.trim())) {
    await response.body?.cancel().catch(() => {});
    throw new SteplineError(
      'http',
      `${label} answered ${response.status} with ${excerpt(type, 80)} instead of text/event-stream.`,
      { status: response.status, runId: request.runId },
    );
  }
  return response;
}

function urlFor(url: SseTransportOptions['url'], run: RunReference): string {
  if (typeof url === 'function') return url(run);
  const hashIndex = url.indexOf('#');
  const base = hashIndex === -1 ? url : url.slice(0, hashIndex);
  const query = `workflowId=${encodeURIComponent(run.workflowId)}&runId=${encodeURIComponent(run.runId)}`;
  return `${base}${base.includes('?') ? '&' : '?'}${query}`;
}

/** The URL without query, fragment or credentials: what an error message may show. */
function describeUrl(url: string): string {
  return url.replace(/[?#].*$/s, '').replace(/\/\/[^/@]*@/, '//');
}

function keyOf(run: RunReference): string {
  return `${run.workflowId}\u0000${run.runId}`;
}

function abortedError(reason: unknown): SteplineError {
  return new SteplineError(
    'aborted',
    'The SSE stream was aborted.',
    reason === undefined ? {} : { cause: reason },
  );
}

function messageOf(cause: unknown): string {
  if (cause instanceof Error) {
    const inner = cause.cause instanceof Error ? ` (${cause.cause.message})` : '';
    return `${cause.message}${inner}`;
  }
  return String(cause);
}

import { httpErrorOf } from '../transport/http-error';
import { SteplineError } from '../util/stepline-error';
import { type ChunkReader, isResponse, openChunkReader, type RunChunkSource } from '../wire/chunk-source';
import { encodeSseComment, encodeSseEvent, encodeSseRetry } from './encode-sse-event';
import { createEventNumbering } from './event-numbering';
import { lastEventIdFrom } from './last-event-id';
import type { RunChunkSourceFactory } from './run-chunk-source';

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
  /** Overrides the id read from `request`. */
  readonly lastEventId?: number;
  /** Aborts the relay (and the upstream) besides `request.signal`; Node adapters use it. */
  readonly signal?: AbortSignal;
  /** Milliseconds between `: ping` comments that keep the connection alive; 0 turns them off. Default 15 000. */
  readonly heartbeatMs?: number;
  /** The reconnection delay sent to the client as `retry:`, in milliseconds. Default 2 000. */
  readonly retryMs?: number;
  /** Drop chunks whose JSON text was already sent on this connection (default true). See `createEventNumbering`. */
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
}

/**
 * Relays a Mastra run to a browser as Server-Sent Events: the body of an app route, so nobody writes
 * the stream plumbing by hand. Returns a standard `Response` (Next.js route handlers, Hono, Remix, Bun,
 * Deno; `toNodeListener`/`sendResponse` for Express and `node:http`).
 *
 * The body starts with a `retry:` hint, then sends each distinct chunk as `id: <n>\ndata: <json>\n\n`
 * with ids 1, 2, 3…, and a `: ping` comment every `heartbeatMs`. Reconnects continue without duplicates
 * or gaps: on `Last-Event-ID: n` the upstream is opened again (Mastra's `observe` replays from the
 * start), deduplicated the same way, and its first n distinct chunks are skipped (see
 * `createEventNumbering` for the one limit: identical chunks count once). This needs an upstream that
 * replays the same history in the same order, which `observe` does; a stream that cannot be replayed
 * (the `stream` call that starts a run) is fine for a first connection only, hence the factory.
 *
 * When the client goes away (the request's `signal` aborts or the body is cancelled) the upstream is
 * cancelled and the factory's `signal` aborts. If the upstream cannot be opened, the answer is a plain
 * error response: the upstream's status when it is a 4xx about the run (404, 409), else 502, so the
 * client's transport fails instead of reconnecting for ever. If the upstream breaks mid-stream, the body
 * errors (the connection is cut, not ended cleanly) so the client reconnects with its last id.
 *
 * @example
 * // app/api/runs/[runId]/events/route.ts (Next.js)
 * const mastra = new MastraClient({ baseUrl: process.env.MASTRA_URL! });
 * export async function GET(request: Request, { params }: { params: Promise<{ runId: string }> }) {
 *   const { runId } = await params;
 *   const run = await mastra.getWorkflow('content-brief').createRun({ runId });
 *   return relayRunAsSse({ request, source: () => run.observe() });
 * }
 */
export async function relayRunAsSse(options: RelayRunOptions): Promise<Response> {
  const report = options.onError ?? ((error: unknown) => console.warn('[stepline] SSE relay:', error));
  const lastEventId = options.lastEventId ?? (options.request ? lastEventIdFrom(options.request) : undefined);
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

  const reader = openChunkReader(source, {
    onError: report,
    ...(options.maxRecordLength === undefined ? {} : { maxRecordLength: options.maxRecordLength }),
  });
  const body = createRelayBody(reader, {
    lastEventId,
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
  readonly lastEventId: number | undefined;
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

function createRelayBody(reader: ChunkReader, options: RelayBodyOptions): ReadableStream<Uint8Array> {
  const numbering = createEventNumbering({ lastEventId: options.lastEventId, dedupe: options.dedupe });
  const ping = encoder.encode(encodeSseComment('ping'));
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  let closed = false;

  const close = (reason?: unknown) => {
    if (closed) return false;
    closed = true;
    if (heartbeat !== undefined) clearInterval(heartbeat);
    options.signal.removeEventListener('abort', onAbort);
    if (reason !== undefined) void reader.cancel(reason);
    options.onClose(reason);
    return true;
  };
  let onAbort = () => {};

  return new ReadableStream<Uint8Array>({
    start(controller) {
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
    async pull(controller) {
      try {
        // Keep reading until one upstream read yields something to send, so each network write holds
        // whole events (the client hands one write to the store as one batch).
        while (!closed) {
          const next = await reader.read();
          if (closed) return;
          if (next.done) {
            close();
            controller.close();
            return;
          }
          let text = '';
          for (const chunk of next.chunks) {
            const json = serialize(chunk, options.report);
            if (json === undefined) continue;
            const id = numbering.next(json);
            if (id !== undefined) text += encodeSseEvent({ id, data: json });
          }
          if (text !== '') {
            controller.enqueue(encoder.encode(text));
            return;
          }
        }
      } catch (error) {
        if (closed) return;
        options.report(error);
        close(error);
        controller.error(error);
      }
    },
    cancel(reason) {
      close(reason ?? new SteplineError('aborted', 'The response body was cancelled.'));
    },
  });
}

function serialize(chunk: unknown, report: (error: unknown) => void): string | undefined {
  try {
    const json = JSON.stringify(chunk);
    if (json !== undefined) return json;
  } catch (cause) {
    report(
      new SteplineError('invalid-event', 'A run chunk cannot be serialized as JSON; it was skipped.', {
        cause,
      }),
    );
    return undefined;
  }
  report(
    new SteplineError(
      'invalid-event',
      `A run chunk of type ${typeof chunk} has no JSON form; it was skipped.`,
    ),
  );
  return undefined;
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

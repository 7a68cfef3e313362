import type { IncomingMessage, ServerResponse } from 'node:http';

/** A fetch-style handler: what Next.js route handlers, Hono apps and `relayRunAsSse` speak. */
export type FetchHandler = (request: Request) => Response | Promise<Response>;

/** Hop-by-hop headers: HTTP/2 refuses them, and Node sets them itself for HTTP/1.1. */
const connectionHeaders = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade']);

/**
 * Writes a web `Response` to a Node response (`node:http`, Express, Fastify's `reply.raw`): status,
 * headers (flushed at once, so an SSE client sees the stream open), then the body as it comes, with
 * backpressure. When the client goes away the body is cancelled — for a `relayRunAsSse` response that
 * stops the upstream. When the body fails mid-way the connection is cut rather than ended, so the client
 * can tell a broken stream from a finished one.
 *
 * Resolves when the response is done, either way; it never rejects.
 *
 * @example
 * app.get('/api/runs/:runId/events', async (req, res) => {
 *   const controller = new AbortController();
 *   res.on('close', () => controller.abort());
 *   const response = await relayRunAsSse({
 *     lastEventId: req.get('last-event-id'), // the whole id: its hash tells a restarted run apart
 *     signal: controller.signal,
 *     source: ({ signal }) => fetch(`${mastraUrl}/api/workflows/content-brief/observe?runId=${req.params.runId}`, {
 *       method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}', signal,
 *     }),
 *   });
 *   await sendResponse(response, res);
 * });
 */
export async function sendResponse(response: Response, res: ServerResponse): Promise<void> {
  const body = response.body;
  if (res.destroyed) {
    await body?.cancel(new Error('The client went away before the response was sent.')).catch(() => {});
    return;
  }
  res.statusCode = response.status;
  const http2 = (res.req as IncomingMessage | undefined)?.httpVersionMajor === 2;
  response.headers.forEach((value, name) => {
    if (name === 'set-cookie' || (http2 && connectionHeaders.has(name))) return;
    res.setHeader(name, value);
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) res.setHeader('set-cookie', cookies);
  if (!body) {
    res.end();
    return;
  }
  res.flushHeaders();

  const reader = body.getReader();
  let clientGone = false;
  let markClosed = () => {};
  const closed = new Promise<void>((resolve) => {
    markClosed = resolve;
  });
  const onClose = () => {
    markClosed();
    if (res.writableFinished) return;
    clientGone = true;
    void reader.cancel(new Error('The client closed the connection.')).catch(() => {});
  };
  res.on('close', onClose);
  let lastWrite: Promise<void> = Promise.resolve();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done || clientGone) break;
      let flushed = () => {};
      lastWrite = new Promise((resolve) => {
        flushed = resolve;
      });
      if (!res.write(value, () => flushed())) await Promise.race([once(res, 'drain'), closed]);
    }
    if (!clientGone) res.end();
  } catch {
    // The body failed (the upstream broke). What was written still goes out, then the connection is cut
    // without the terminating chunk, so the client sees a broken stream, not a finished one.
    await Promise.race([lastWrite, closed]);
    res.destroy();
  } finally {
    res.off('close', onClose);
  }
}

/**
 * Turns a fetch-style handler into a `node:http` request listener (also usable as Express middleware at
 * the end of a chain). The `Request` it builds carries a `signal` that aborts when the client goes away.
 *
 * @example
 * const handler = (request: Request) => relayRunAsSse({ request, source: () => run.observe() });
 * createServer(toNodeListener(handler)).listen(3000);
 */
export function toNodeListener(
  handler: FetchHandler,
  options: { readonly onError?: (error: unknown) => void } = {},
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const report =
    options.onError ?? ((error: unknown) => console.error('[stepline] request handler failed:', error));
  return async (req, res) => {
    const controller = new AbortController();
    const onClose = () => {
      if (!res.writableFinished) controller.abort(new Error('The client closed the connection.'));
    };
    res.on('close', onClose);
    let response: Response;
    try {
      response = await handler(toRequest(req, controller.signal));
    } catch (error) {
      report(error);
      response = new Response('Internal Server Error', {
        status: 500,
        headers: { 'Content-Type': 'text/plain; charset=utf-8' },
      });
    }
    try {
      await sendResponse(response, res);
    } finally {
      res.off('close', onClose);
    }
  };
}

function toRequest(req: IncomingMessage, signal: AbortSignal): Request {
  const url = requestUrl(req);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (name.startsWith(':') || value === undefined) continue;
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else headers.set(name, value as string);
  }
  const method = req.method ?? 'GET';
  const init: RequestInit & { duplex?: 'half' } = { method, headers, signal };
  if (method !== 'GET' && method !== 'HEAD') {
    init.body = bodyOf(req);
    init.duplex = 'half';
  }
  return new Request(url, init);
}

/**
 * The URL the client asked for, on this server. The origin comes from the Host header (`:authority` on
 * HTTP/2), or the address the server is bound to when that is missing or malformed; the request target
 * only supplies the path and query. Resolving the target against a base would let `GET //evil.example/x`
 * (or an absolute-form target) name another host, and a handler that builds links or checks origins from
 * `request.url` would trust it.
 */
function requestUrl(req: IncomingMessage): URL {
  const socket = req.socket as (IncomingMessage['socket'] & { encrypted?: boolean }) | null;
  const scheme = socket?.encrypted === true ? 'https' : 'http';
  const host =
    validHost(req.headers.host) ?? validHost(req.headers[':authority']) ?? boundHost(socket) ?? 'localhost';
  // Express rewrites `req.url` below a mount point; `originalUrl` is the one the client asked for.
  let target = (req as { originalUrl?: string }).originalUrl ?? req.url ?? '/';
  if (!target.startsWith('/')) {
    // Absolute form (`GET http://host/path`, as sent to proxies) or `*`: keep only path and query.
    try {
      const absolute = new URL(target);
      target = `${absolute.pathname}${absolute.search}`;
    } catch {
      target = '/';
    }
  }
  try {
    // Appended, not resolved: `//evil.example/x` stays a path on this host.
    return new URL(`${scheme}://${host}${target}`);
  } catch {
    return new URL(`${scheme}://${host}/`);
  }
}

/** A Host header value that is only a host and an optional port: no path, user info or spaces. */
function validHost(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  return /^(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(?::\d{1,5})?$/.test(value) ? value : undefined;
}

function boundHost(socket: IncomingMessage['socket'] | null): string | undefined {
  const address = socket?.localAddress;
  if (!address) return undefined;
  const host = address.includes(':') ? `[${address}]` : address;
  return socket.localPort === undefined ? host : `${host}:${socket.localPort}`;
}

function bodyOf(req: IncomingMessage): ReadableStream<Uint8Array> {
  const iterator = req[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await iterator.next();
      if (next.done) controller.close();
      else
        controller.enqueue(
          typeof next.value === 'string' ? new TextEncoder().encode(next.value) : next.value,
        );
    },
    cancel() {
      req.destroy();
    },
  });
}

function once(res: ServerResponse, event: 'drain'): Promise<void> {
  return new Promise((resolve) => res.once(event, () => resolve()));
}

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
 *     lastEventId: lastEventIdFrom(req),
 *     signal: controller.signal,
 *     source: () => mastra.getWorkflow('content-brief').createRun({ runId: req.params.runId }).then((run) => run.observe()),
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
  const encrypted = (req.socket as { encrypted?: boolean } | null)?.encrypted === true;
  // Express rewrites `req.url` below a mount point; `originalUrl` is the one the client asked for.
  const path = (req as { originalUrl?: string }).originalUrl ?? req.url ?? '/';
  let url: URL;
  try {
    url = new URL(path, `${encrypted ? 'https' : 'http'}://${req.headers.host ?? 'localhost'}`);
  } catch {
    url = new URL(path, 'http://localhost');
  }
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

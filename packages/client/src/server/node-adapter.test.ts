import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { lastEventIdFrom } from './last-event-id';
import { type FetchHandler, sendResponse, toNodeListener } from './node-adapter';
import { relayRunAsSse } from './relay-run-as-sse';

const servers: { close: () => Promise<void> }[] = [];

async function serve(listener: (req: IncomingMessage, res: ServerResponse) => unknown) {
  const server = createServer((req, res) => void listener(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const handle = {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  servers.push(handle);
  return handle;
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** A stream that sends `first`, then stays open until cancelled. */
function hangingStream(first: string) {
  const cancelled = vi.fn();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode(first));
    },
    cancel: cancelled,
  });
  return { body, cancelled };
}

async function readFirst(response: Response): Promise<string> {
  const reader = response.body!.getReader();
  const { value } = await reader.read();
  reader.releaseLock();
  return new TextDecoder().decode(value);
}

describe('sendResponse', () => {
  it('writes status and headers at once (several Set-Cookie too), then streams the body', async () => {
    const { body } = hangingStream('data: 1\n\n');
    const headers = new Headers({ 'Content-Type': 'text/event-stream', 'X-Test': 'yes' });
    headers.append('Set-Cookie', 'a=1');
    headers.append('Set-Cookie', 'b=2');
    const server = await serve((_req, res) =>
      sendResponse(new Response(body, { status: 201, headers }), res),
    );
    const client = new AbortController();
    const response = await fetch(server.url, { signal: client.signal });
    expect(response.status).toBe(201);
    expect(response.headers.get('x-test')).toBe('yes');
    expect(response.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
    // The first chunk arrives while the body is still open: nothing is buffered.
    expect(await readFirst(response)).toBe('data: 1\n\n');
    client.abort();
  });

  it('cancels the body when the client disconnects', async () => {
    const { body, cancelled } = hangingStream('data: 1\n\n');
    const server = await serve((_req, res) => sendResponse(new Response(body), res));
    const client = new AbortController();
    const response = await fetch(server.url, { signal: client.signal });
    await readFirst(response);
    client.abort();
    await vi.waitFor(() => expect(cancelled).toHaveBeenCalledOnce());
  });

  it('ends the response when the body ends, and sends bodiless responses', async () => {
    const server = await serve((req, res) =>
      sendResponse(req.url === '/empty' ? new Response(null, { status: 204 }) : new Response('done'), res),
    );
    expect(await (await fetch(server.url)).text()).toBe('done');
    expect((await fetch(`${server.url}/empty`)).status).toBe(204);
  });

  it('cuts the connection when the body fails mid-way, so the client cannot mistake it for an end', async () => {
    let pulls = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulls++ === 0) controller.enqueue(new TextEncoder().encode('id: 1\ndata: {}\n\n'));
        else controller.error(new Error('upstream broke'));
      },
    });
    const server = await serve((_req, res) => sendResponse(new Response(body), res));
    const response = await fetch(server.url);
    await expect(response.text()).rejects.toThrow();
  });
});

describe('toNodeListener', () => {
  it('hands the handler a Request with method, full URL, headers and body', async () => {
    const seen: { method: string; url: string; lastEventId: number | undefined; body: string }[] = [];
    const handler: FetchHandler = async (request) => {
      seen.push({
        method: request.method,
        url: request.url,
        lastEventId: lastEventIdFrom(request),
        body: await request.text(),
      });
      return new Response('ok');
    };
    const server = await serve(toNodeListener(handler));
    await fetch(`${server.url}/runs/r1/events?x=1`, {
      method: 'POST',
      headers: { 'Last-Event-ID': '5', 'Content-Type': 'application/json' },
      body: '{"runId":"r1"}',
    });
    expect(seen).toEqual([
      { method: 'POST', url: `${server.url}/runs/r1/events?x=1`, lastEventId: 5, body: '{"runId":"r1"}' },
    ]);
  });

  it('builds request.url from the Host header: `GET //evil.example/x` stays on this host', async () => {
    const urls: string[] = [];
    const server = await serve(
      toNodeListener((request) => {
        urls.push(request.url);
        return new Response('ok');
      }),
    );
    const { port } = new URL(server.url);
    const send = (target: string, host?: string) =>
      new Promise<void>((resolve, reject) => {
        const socket = connect(Number(port), '127.0.0.1', () => {
          socket.write(
            `GET ${target} HTTP/1.1\r\n${host === undefined ? '' : `Host: ${host}\r\n`}Connection: close\r\n\r\n`,
          );
        });
        socket.on('data', () => {});
        socket.on('end', () => resolve());
        socket.on('error', reject);
      });
    await send('//evil.example/x?y=1', `127.0.0.1:${port}`);
    await send('/\\evil.example/x', `127.0.0.1:${port}`);
    await send('http://evil.example/x', `127.0.0.1:${port}`);
    // A Host header that is not a host falls back to the address the server is bound to.
    await send('/x', 'evil.example/y?');
    expect(urls.map((url) => new URL(url).host)).toEqual(Array(4).fill(`127.0.0.1:${port}`));
    expect(urls.map((url) => new URL(url).pathname)).toEqual([
      '//evil.example/x',
      '//evil.example/x',
      '/x',
      '/x',
    ]);
  });

  it("aborts the Request's signal when the client disconnects, which stops a relay's upstream", async () => {
    let upstreamSignal: AbortSignal | undefined;
    const upstreamCancelled = vi.fn();
    const server = await serve(
      toNodeListener((request) =>
        relayRunAsSse({
          request,
          source: ({ signal }) => {
            upstreamSignal = signal;
            return new ReadableStream({
              start: (controller) => controller.enqueue({ type: 'workflow-start' }),
              cancel: upstreamCancelled,
            });
          },
        }),
      ),
    );
    const client = new AbortController();
    const response = await fetch(server.url, { signal: client.signal });
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    await readFirst(response);
    client.abort();
    await vi.waitFor(() => expect(upstreamCancelled).toHaveBeenCalledOnce());
    expect(upstreamSignal?.aborted).toBe(true);
  });

  it('answers 500 when the handler throws, and reports the error', async () => {
    const errors: unknown[] = [];
    const server = await serve(
      toNodeListener(
        () => {
          throw new Error('handler bug');
        },
        { onError: (error) => errors.push(error) },
      ),
    );
    const response = await fetch(server.url);
    expect(response.status).toBe(500);
    expect(await response.text()).not.toContain('handler bug');
    expect(errors).toEqual([new Error('handler bug')]);
  });
});

import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FaultProxy, startFaultProxy } from './fault-proxy';

/** `/stream?n=&every=&size=`: n chunks of `size` bytes, one every `every` ms. `/hello`: one fixed body. */
let server: Server;
let serverPort: number;
const hello = 'x'.repeat(400);

function chunkText(index: number, size: number): string {
  return `${String(index).padStart(4, '0')}${'.'.repeat(size - 5)}\n`;
}

beforeAll(async () => {
  server = createHttpServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname === '/hello') {
      response.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': hello.length });
      response.end(hello);
      return;
    }
    const n = Number(url.searchParams.get('n') ?? 5);
    const every = Number(url.searchParams.get('every') ?? 5);
    const size = Number(url.searchParams.get('size') ?? 50);
    response.writeHead(200, { 'Content-Type': 'text/plain' });
    let sent = 0;
    const timer = setInterval(() => {
      if (response.destroyed) {
        clearInterval(timer);
        return;
      }
      response.write(chunkText(sent++, size));
      if (sent === n) {
        clearInterval(timer);
        response.end();
      }
    }, every);
    response.on('close', () => clearInterval(timer));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  serverPort = (server.address() as { port: number }).port;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

let proxy: FaultProxy;
beforeEach(async () => {
  proxy = await startFaultProxy({ target: { host: '127.0.0.1', port: serverPort } });
});
afterEach(async () => {
  await proxy.close();
});

/** Reads a body, noting how many bytes had arrived at each read. */
async function readAll(body: ReadableStream<Uint8Array>) {
  const reader = body.getReader();
  const reads: number[] = [];
  let text = '';
  const decoder = new TextDecoder();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    reads.push(value.length);
    text += decoder.decode(value, { stream: true });
  }
  return { reads, text };
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('startFaultProxy', () => {
  it('passes requests and streamed responses through untouched', async () => {
    expect(proxy.url).toBe(`http://127.0.0.1:${proxy.port}`);
    const response = await fetch(`${proxy.url}/hello`);
    expect(await response.text()).toBe(hello);
    const streamed = await readAll((await fetch(`${proxy.url}/stream?n=6&every=2&size=40`)).body!);
    expect(streamed.text).toBe(Array.from({ length: 6 }, (_, index) => chunkText(index, 40)).join(''));
    const stats = proxy.stats();
    expect(stats.connections).toBeGreaterThanOrEqual(1);
    expect(stats.bytesToClient).toBeGreaterThan(hello.length + 6 * 40);
  });

  it('cutAll breaks an open response off: the client sees an error', async () => {
    const response = await fetch(`${proxy.url}/stream?n=200&every=5`);
    const reader = response.body!.getReader();
    await reader.read();
    expect(proxy.stats().open).toBe(1);
    proxy.cutAll();
    expect(proxy.stats().open).toBe(0);
    const error = await (async () => {
      for (;;) {
        const { done } = await reader.read();
        if (done) return undefined;
      }
    })().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TypeError);
  });

  it('stalls both ways, then delivers everything held back', async () => {
    // Stalled before the request: the server never even sees it until the stall ends.
    proxy.setStalled(true);
    let answered = false;
    const pending = fetch(`${proxy.url}/hello`).then(async (response) => {
      answered = true;
      return response.text();
    });
    await wait(80);
    expect(answered).toBe(false);
    proxy.setStalled(false);
    expect(await pending).toBe(hello);

    // Stalled mid-response: nothing arrives for the stall, then the rest, nothing lost.
    const response = await fetch(`${proxy.url}/stream?n=20&every=3&size=20`);
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = decoder.decode((await reader.read()).value, { stream: true });
    proxy.setStalled(true);
    let reading = true;
    const rest = (async () => {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        text += decoder.decode(value, { stream: true });
      }
      reading = false;
    })();
    await wait(30); // bytes already on the wire when the stall began may still land
    const duringStall = text.length;
    await wait(100);
    expect(text.length).toBe(duringStall);
    expect(reading).toBe(true);
    proxy.setStalled(false);
    await rest;
    expect(text).toBe(Array.from({ length: 20 }, (_, index) => chunkText(index, 20)).join(''));
  });

  it('throttles server→client data into many small delayed pieces', async () => {
    proxy.setThrottle({ bytesPerChunk: 16, delayMs: 2 });
    const started = performance.now();
    const response = await fetch(`${proxy.url}/hello`);
    const { reads, text } = await readAll(response.body!);
    expect(text).toBe(hello);
    expect(reads.length).toBeGreaterThanOrEqual(10);
    expect(Math.max(...reads)).toBeLessThanOrEqual(16);
    expect(performance.now() - started).toBeGreaterThanOrEqual(20);
    proxy.setThrottle(undefined);
    expect(await (await fetch(`${proxy.url}/hello`)).text()).toBe(hello);
    expect(() => proxy.setThrottle({ bytesPerChunk: 0, delayMs: 1 })).toThrow(RangeError);
  });

  it('refuses: accepts then drops new connections until turned off', async () => {
    proxy.setRefuse(true);
    const before = proxy.stats().connections;
    await expect(fetch(`${proxy.url}/hello`, { headers: { Connection: 'close' } })).rejects.toThrow(
      TypeError,
    );
    expect(proxy.stats().connections).toBeGreaterThan(before);
    expect(proxy.stats().open).toBe(0);
    proxy.setRefuse(false);
    expect(await (await fetch(`${proxy.url}/hello`)).text()).toBe(hello);
  });

  it('only proxies to loopback', async () => {
    await expect(startFaultProxy({ target: { host: 'example.com', port: 80 } })).rejects.toThrow(/loopback/);
  });

  it('close ends open connections and frees the port', async () => {
    const response = await fetch(`${proxy.url}/stream?n=200&every=5`);
    const reader = response.body!.getReader();
    await reader.read();
    const { port } = proxy;
    await proxy.close();
    await expect(reader.read()).rejects.toThrow(TypeError);
    const again = createNetServer();
    await new Promise<void>((resolve, reject) => {
      again.once('error', reject);
      again.listen(port, '127.0.0.1', resolve);
    });
    await new Promise<void>((resolve) => again.close(() => resolve()));
  });
});

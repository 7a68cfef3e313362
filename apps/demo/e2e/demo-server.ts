import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { toNodeListener } from '@stepline/client/server';
import { createDemoRoute, demoRoutePath } from '../server/demo-route.ts';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
};

export interface ApiRequest {
  readonly method: string;
  /** Path and query, as the page asked for it. */
  readonly url: string;
  readonly at: number;
}

export interface DemoServer {
  readonly url: string;
  /**
   * Every request the page made to the Stepline route or Mastra's `/api`, in order: what a test counts to
   * see how chatty the page is.
   */
  readonly apiRequests: ApiRequest[];
  close(): Promise<void>;
}

/**
 * Serves the built demo, its Stepline route (server/demo-route.ts) and forwards `/api` to Mastra,
 * streaming both ways, like the Vite dev server does: the page and the API share an origin. The target
 * port stays the same across a server restart, so the page does not notice anything but the outage.
 */
export async function startDemoServer(options: { distDir: string; apiPort: number }): Promise<DemoServer> {
  const apiRequests: ApiRequest[] = [];
  const route = toNodeListener(createDemoRoute(`http://127.0.0.1:${options.apiPort}`));
  const server: Server = createServer((req, res) => {
    const url = req.url ?? '/';
    if (url.startsWith(`${demoRoutePath}/`)) {
      apiRequests.push({ method: req.method ?? 'GET', url, at: Date.now() });
      void route(req, res);
      return;
    }
    if (url.startsWith('/api/')) {
      apiRequests.push({ method: req.method ?? 'GET', url, at: Date.now() });
      const upstream = httpRequest(
        { host: '127.0.0.1', port: options.apiPort, path: url, method: req.method, headers: req.headers },
        (upstreamRes) => {
          res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
          upstreamRes.pipe(res);
          upstreamRes.on('error', () => res.destroy());
        },
      );
      upstream.on('error', () => {
        if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
        res.end('Mastra server unreachable');
      });
      res.on('close', () => upstream.destroy());
      req.pipe(upstream);
      return;
    }
    const path = normalize(decodeURIComponent(url.split('?')[0]!)).replace(/^(\.\.[/\\])+/, '');
    let file = join(options.distDir, path);
    if (!existsSync(file) || statSync(file).isDirectory()) file = join(options.distDir, 'index.html');
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    apiRequests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

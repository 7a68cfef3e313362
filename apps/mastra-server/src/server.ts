import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import type { Mastra } from '@mastra/core/mastra';
import { MastraServer } from '@mastra/hono';
import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { createMastra, type MastraLogLevel } from './mastra.ts';

export interface StartMastraServerOptions {
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  /** A libsql URL: `file:/path/to.db` or `:memory:`. */
  storageUrl?: string;
  /** Mastra's own logging; silent when omitted. */
  logLevel?: MastraLogLevel;
  /**
   * Require `Authorization: Bearer <token>` on every API call; `accepts` decides which tokens pass, so a
   * test can rotate tokens and see a client refresh after a 401.
   */
  auth?: { accepts: (token: string) => boolean };
}

export interface RunningMastraServer {
  url: string;
  apiUrl: string;
  port: number;
  mastra: Mastra;
  close(): Promise<void>;
}

const appDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const defaultStorageUrl = `file:${resolve(appDir, '.stepline-data/mastra.db')}`;

function ensureStorageDir(storageUrl: string): void {
  if (!storageUrl.startsWith('file:')) return;
  const path = storageUrl.slice('file:'.length);
  if (path === '' || path.startsWith(':memory:')) return;
  mkdirSync(dirname(path), { recursive: true });
}

export async function startMastraServer(
  options: StartMastraServerOptions = {},
): Promise<RunningMastraServer> {
  const host = options.host ?? '127.0.0.1';
  const storageUrl = options.storageUrl ?? defaultStorageUrl;
  ensureStorageDir(storageUrl);

  const { mastra, storage } = createMastra(storageUrl, options.logLevel);
  await storage.init();

  const app = new Hono();
  // The demo app runs on another port and calls the API from the browser.
  app.use('*', cors({ origin: '*', allowHeaders: ['*'], exposeHeaders: ['*'] }));
  const auth = options.auth;
  if (auth) {
    app.use('/api/*', async (context, next) => {
      const header = context.req.header('authorization') ?? '';
      const token = header.startsWith('Bearer ') ? header.slice('Bearer '.length) : '';
      if (context.req.method !== 'OPTIONS' && !auth.accepts(token)) {
        return context.json({ error: 'Unauthorized' }, 401);
      }
      await next();
    });
  }
  const mastraServer = new MastraServer({ app, mastra });
  await mastraServer.init();

  const server = await new Promise<ReturnType<typeof serve>>((resolveListening, rejectListening) => {
    const listening = serve({ fetch: app.fetch, port: options.port ?? 0, hostname: host }, () =>
      resolveListening(listening),
    );
    listening.once('error', rejectListening);
  }).catch(async (error: unknown) => {
    // Port taken: release the storage file before reporting, so the caller can retry elsewhere.
    await mastra.shutdown({ drainTimeout: 0 }).catch(() => {});
    await storage.close();
    throw error;
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  let closing: Promise<void> | undefined;
  async function close(): Promise<void> {
    closing ??= (async () => {
      // Open workflow streams keep connections alive; cut them so the port is really released.
      const closed = new Promise<void>((done) => server.close(() => done()));
      if ('closeAllConnections' in server) server.closeAllConnections();
      await closed;
      await mastra.shutdown({ drainTimeout: 0 }).catch(() => {});
      await storage.close();
    })();
    return closing;
  }

  return { url, apiUrl: `${url}/api`, port, mastra, close };
}

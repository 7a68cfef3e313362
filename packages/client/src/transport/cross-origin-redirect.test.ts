import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { SteplineError } from '../util/stepline-error';
import { createMastraHttpTransport } from './mastra-http-transport';

const servers: { close: () => Promise<void> }[] = [];

/** A loopback server on its own port: another origin than any other one here. */
async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void) {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  servers.push({
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
  return url;
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

const run = { workflowId: 'approval', runId: 'run-1' };
const token = 'Bearer s3cret-token-4f9a';

describe('redirects of API requests', () => {
  it('a cross-origin redirect is not followed: headers and the resume body stay home', async () => {
    const seenElsewhere: { headers: IncomingMessage['headers']; url: string | undefined }[] = [];
    const elsewhere = await serve((req, res) => {
      seenElsewhere.push({ headers: req.headers, url: req.url });
      res.end('{}');
    });
    const api = await serve((req, res) => {
      res.statusCode = 307;
      res.setHeader('Location', `${elsewhere}${req.url}`);
      res.end();
    });
    const transport = createMastraHttpTransport({ baseUrl: api, headers: { Authorization: token } });
    let caught: unknown;
    try {
      await transport.resumeRun(
        run,
        { step: 'review', resumeData: { approved: true } },
        { onChunks: () => {} },
      );
    } catch (error) {
      caught = error;
    }
    expect(SteplineError.isInstance(caught) && caught.code).toBe('http');
    expect((caught as Error).message).toContain('redirected');
    expect(seenElsewhere).toEqual([]);
  });

  it('a redirect on the same origin is still followed', async () => {
    const api = await serve((req, res) => {
      if (req.url?.startsWith('/api/')) {
        res.statusCode = 308;
        res.setHeader('Location', req.url.replace('/api/', '/v2/api/'));
        res.end();
        return;
      }
      expect(req.headers.authorization).toBe(token);
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify({ runId: run.runId, status: 'success', steps: {} }));
    });
    const transport = createMastraHttpTransport({ baseUrl: api, headers: { Authorization: token } });
    expect((await transport.getRun(run)).status).toBe('success');
  });
});

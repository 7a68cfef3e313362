import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createMastraHttpTransport,
  createRouteTransport,
  createRunController,
  type RunController,
  SteplineError,
} from '@stepline/client';
import { createSteplineRoute, toNodeListener } from '@stepline/client/server';
import compression from 'compression';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from './mastra-test-server';
import { waitFor } from './wait-for';

// The misconfigurations a README-following user hits, against the real server: each is recognised and
// named with its fix (ConnectionState.diagnosis), and the view keeps working where it can.
let mastra: Awaited<ReturnType<typeof startTestServer>>;
let compressingProxy: Server;
let proxyUrl: string;
let routeServer: Server;
let routeOrigin: string;
const controllers: RunController[] = [];

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  mastra = await startTestServer();
  // A rewrite to Mastra behind compression, as `next start` does with `rewrites()`: Mastra's text/plain
  // stream carries no no-transform, so it is gzipped and held until the buffer fills or the run ends.
  const forward = toNodeListener(async (request) => {
    const url = new URL(request.url);
    const init: RequestInit & { duplex?: 'half' } = {
      method: request.method,
      headers: { 'Content-Type': request.headers.get('content-type') ?? 'application/json' },
      signal: request.signal,
    };
    if (request.method === 'POST') init.body = await request.text();
    const answer = await fetch(`${mastra.url}${url.pathname}${url.search}`, init);
    return new Response(answer.body, {
      status: answer.status,
      headers: { 'Content-Type': answer.headers.get('content-type') ?? 'text/plain' },
    });
  });
  const compress = compression();
  compressingProxy = createServer((req: IncomingMessage, res: ServerResponse) => {
    compress(req as never, res as never, () => void forward(req, res));
  });
  proxyUrl = await listen(compressingProxy);
  const route = createSteplineRoute({
    mastra: { url: mastra.url },
    workflows: ['slow-pipeline'],
    basePath: '/api/stepline',
    authorize: () => true,
  });
  routeServer = createServer(toNodeListener(route));
  routeOrigin = await listen(routeServer);
});

afterAll(async () => {
  for (const controller of controllers) controller.detach();
  for (const server of [compressingProxy, routeServer]) {
    server?.closeAllConnections();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  }
  await mastra?.close();
});

async function errorOf(promise: Promise<unknown>): Promise<SteplineError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!SteplineError.isInstance(error)) throw new Error(`expected a SteplineError, got ${String(error)}`);
  return error;
}

describe('diagnosis of a misconfigured app, against the real server', () => {
  it('a 404 on every route: the base URL with /api (giving /api/api/…) is named as a wrong path', async () => {
    const wrong = createMastraHttpTransport({ baseUrl: `${mastra.url}/api` });
    const error = await errorOf(wrong.getRun({ workflowId: 'slow-pipeline', runId: 'r1' }));
    expect(error.code).toBe('not-found');
    expect(error.diagnosis).toBe('wrong-path');
    expect(error.message).toContain("baseUrl is Mastra's root");

    // The right base URL and an unknown run: an answer about the run, no diagnosis.
    const right = createMastraHttpTransport({ baseUrl: mastra.url });
    const unknown = await errorOf(right.getRun({ workflowId: 'slow-pipeline', runId: 'no-such-run' }));
    expect(unknown.code).toBe('not-found');
    expect(unknown.diagnosis).toBeUndefined();
  });

  it('a route option that is not where the route is mounted is named as a wrong path', async () => {
    const wrong = createRouteTransport({ route: `${routeOrigin}/api/steplin` });
    const error = await errorOf(wrong.getWorkflow('slow-pipeline'));
    expect(error.diagnosis).toBe('wrong-path');
    const right = createRouteTransport({ route: `${routeOrigin}/api/stepline` });
    expect((await right.getWorkflow('slow-pipeline')).id).toBe('slow-pipeline');
  });

  it('a stream held back by compression: diagnosed while the run runs, and the stored run keeps the view moving', async () => {
    const controller = createRunController({
      transport: createMastraHttpTransport({ baseUrl: proxyUrl, headers: { 'Accept-Encoding': 'gzip' } }),
      workflowId: 'slow-pipeline',
      pollIntervalMs: 250,
      liveCheckMs: 1000,
      onDiagnosis: () => {},
    });
    controllers.push(controller);
    await controller.start({ inputData: { label: 'behind compression' } });
    const diagnosed = await waitFor(
      controller.connection,
      (connection) => connection.diagnosis !== undefined,
    );
    expect(diagnosed.diagnosis?.code).toBe('buffered-stream');
    expect(diagnosed.diagnosis?.message).toContain('no-transform');
    // Not at the end: the run is still going, and the view follows it by polling.
    expect(controller.store.getSnapshot().status).toBe('running');
    const stagesAtDiagnosis = controller.store.getSnapshot().stepIds.length;
    const later = await waitFor(
      controller.store,
      (state) => state.status === 'running' && state.stepIds.length >= stagesAtDiagnosis + 2,
    );
    expect(later.stepIds.length).toBeGreaterThan(stagesAtDiagnosis);
    await waitFor(controller.store, (state) => state.status === 'success');
  });

  it('a healthy stream is never diagnosed, even checked against the stored run in every silence', async () => {
    const controller = createRunController({
      transport: createMastraHttpTransport({ baseUrl: mastra.url }),
      workflowId: 'slow-pipeline',
      // Shorter than every stage (300-500 ms): each silence between two events is checked.
      liveCheckMs: 150,
      onDiagnosis: () => {},
    });
    controllers.push(controller);
    await controller.start({ inputData: { label: 'direct' } });
    await waitFor(controller.store, (state) => state.status === 'success');
    expect(controller.connection.getSnapshot().diagnosis).toBeUndefined();
  });
});

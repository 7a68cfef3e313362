import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createRouteTransport,
  createRunController,
  type RunController,
  type RunState,
  selectSuspendedSteps,
} from '@stepline/client';
import { createSteplineRoute, type SteplineRouteContext, toNodeListener } from '@stepline/client/server';
import compression from 'compression';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningMastraServer, startMastraServer } from '../src/server.ts';
import { waitFor } from './wait-for';

// The one route in front of the real Mastra server, served by node:http behind Express's `compression`
// middleware (what `next start` runs too): the browser side is Stepline's route transport.
const serverToken = 'server-side-token';
const demoUser = 'ada';
let mastra: RunningMastraServer;
let app: Server;
let routeUrl: string;
let storageDir: string;
const seen: SteplineRouteContext[] = [];
const controllers: RunController[] = [];

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  storageDir = mkdtempSync(join(tmpdir(), 'stepline-route-'));
  mastra = await startMastraServer({
    port: 0,
    storageUrl: `file:${join(storageDir, 'mastra.db')}`,
    auth: { accepts: (token) => token === serverToken },
  });
  const route = createSteplineRoute({
    mastra: { url: mastra.url, headers: { Authorization: `Bearer ${serverToken}` } },
    workflows: ['content-brief', 'slow-pipeline', 'not-in-mastra'],
    basePath: '/api/stepline',
    authorize({ request, ...context }) {
      seen.push({ request, ...context });
      return request.headers.get('x-demo-user') === demoUser;
    },
    onError: () => {},
  });
  const compress = compression();
  const listener = toNodeListener(route);
  app = createServer((req: IncomingMessage, res: ServerResponse) => {
    compress(req as never, res as never, () => void listener(req, res));
  });
  routeUrl = `${await listen(app)}/api/stepline`;
});

afterAll(async () => {
  for (const controller of controllers) controller.detach();
  app?.closeAllConnections();
  await new Promise<void>((resolve) => (app ? app.close(() => resolve()) : resolve()));
  await mastra?.close();
  rmSync(storageDir, { recursive: true, force: true });
});

const asUser = { 'x-demo-user': demoUser };

function controllerFor(workflowId: string, runId?: string) {
  const controller = createRunController({
    transport: createRouteTransport({ route: routeUrl, headers: { ...asUser, 'Accept-Encoding': 'gzip' } }),
    workflowId,
    ...(runId ? { runId } : {}),
    pollIntervalMs: 200,
    reconnect: { initialDelayMs: 100, maxDelayMs: 400 },
  });
  controllers.push(controller);
  return controller;
}

const waitForState = (controller: RunController, predicate: (state: RunState) => boolean) =>
  waitFor(controller.store, predicate, 20_000);

async function mastraRunsTotal(workflowId: string): Promise<number> {
  const response = await fetch(`${mastra.apiUrl}/workflows/${workflowId}/runs`, {
    headers: { Authorization: `Bearer ${serverToken}` },
  });
  return ((await response.json()) as { total: number }).total;
}

describe('the Stepline route in front of a real Mastra server', () => {
  it('answers an unknown run or workflow 404 JSON with the client code, and creates nothing in Mastra', async () => {
    const before = await mastraRunsTotal('content-brief');
    const requests: [string, string][] = [
      ['GET', '/workflows/content-brief/runs/no-such-run'],
      ['GET', '/workflows/content-brief/runs/no-such-run/events'],
      ['POST', '/workflows/content-brief/resume-stream?runId=no-such-run'],
      ['POST', '/workflows/content-brief/runs/no-such-run/cancel'],
      ['POST', '/workflows/content-brief/restart?runId=no-such-run'],
      // Not in the route's list: as if it did not exist, Mastra is not asked.
      ['GET', '/workflows/kitchen-sink'],
      ['GET', '/workflows/kitchen-sink/runs'],
      // In the list, unknown to Mastra.
      ['GET', '/workflows/not-in-mastra'],
      ['GET', '/workflows/not-in-mastra/runs/r1'],
      // Not a route at all.
      ['GET', '/agents'],
    ];
    for (const [method, path] of requests) {
      const response = await fetch(`${routeUrl}${path}`, {
        method,
        headers: { ...asUser, 'Content-Type': 'application/json' },
        ...(method === 'POST' ? { body: JSON.stringify({ resumeData: {} }) } : {}),
      });
      expect(response.status, `${method} ${path}`).toBe(404);
      expect(response.headers.get('content-type'), path).toMatch(/^application\/json/);
      expect(((await response.json()) as { code: string }).code, path).toBe('not-found');
    }
    expect(await mastraRunsTotal('content-brief')).toBe(before);
  });

  it('asks authorize with the action, workflow and run, and answers 403 JSON when it says no', async () => {
    seen.length = 0;
    const refused = await fetch(`${routeUrl}/workflows/content-brief/runs/r9`);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ code: 'auth' });
    const allowed = await fetch(`${routeUrl}/workflows/content-brief/runs?perPage=1`, { headers: asUser });
    expect(allowed.status).toBe(200);
    expect(seen.map(({ action, workflowId, runId }) => ({ action, workflowId, runId }))).toEqual([
      { action: 'read', workflowId: 'content-brief', runId: 'r9' },
      { action: 'list', workflowId: 'content-brief', runId: undefined },
    ]);
  });

  it('compresses JSON but never a stream: steps arrive while the run is running, through compression', async () => {
    const controller = controllerFor('slow-pipeline');
    const { runId } = await controller.start({ inputData: { label: 'through the route' } });
    // Still running with stages done: the record stream was not held back by the compressing server.
    const midway = await waitForState(
      controller,
      (state) => state.steps.get('stage-02')?.status === 'success' && state.status === 'running',
    );
    expect(midway.steps.get('stage-12')).toBeUndefined();

    // The live stream (SSE) of the same run, as a reconnecting browser opens it.
    const events = await fetch(`${routeUrl}/workflows/slow-pipeline/runs/${runId}/events`, {
      headers: { ...asUser, 'Accept-Encoding': 'gzip' },
    });
    expect(events.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(events.headers.get('content-encoding')).toBeNull();
    expect(events.headers.get('cache-control')).toContain('no-transform');
    expect(events.headers.get('x-accel-buffering')).toBe('no');
    const reader = events.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    while (!/"workflow-step-start"/.test(text)) {
      const next = await reader.read();
      if (next.done) break;
      text += decoder.decode(next.value, { stream: true });
    }
    await reader.cancel();
    expect(text).toMatch(/^id: \d+\.[0-9a-z]+$/m);

    await waitForState(controller, (state) => state.status === 'success');
    // The proof the server does compress: a JSON answer big enough is gzipped.
    const list = await fetch(`${routeUrl}/workflows/slow-pipeline/runs`, {
      headers: { ...asUser, 'Accept-Encoding': 'gzip' },
    });
    expect(list.headers.get('content-encoding')).toBe('gzip');
    expect(((await list.json()) as { runs: { runId: string }[] }).runs.map((run) => run.runId)).toContain(
      runId,
    );
  });

  it('starts, shows the approval and resumes it, all through the route', async () => {
    const controller = controllerFor('content-brief');
    const { runId } = await controller.start({ inputData: { topic: 'Tidal power' } });
    const suspended = await waitForState(controller, (state) => state.status === 'suspended');
    const [approval] = selectSuspendedSteps(suspended);
    expect(approval?.id).toBe('editorial-round.review');
    const details = await controller.getWorkflowDetails();
    expect(details.steps['editorial-round.review']?.resumeSchema).toBeDefined();

    // A second page watching the same run sees it too, through the stored run and the SSE route.
    const watcher = controllerFor('content-brief', runId);
    void watcher.watch().catch(() => {});
    await controller.resume({ step: approval!.id, resumeData: { decision: 'approve' } });
    const done = await waitForState(watcher, (state) => state.status === 'success');
    expect(done.steps.get('publish')?.status).toBe('success');
  });
});

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createMastraHttpTransport,
  createRunController,
  type RunController,
  selectSuspendedSteps,
} from '@stepline/client';
import { toNodeListener } from '@stepline/client/server';
import { freePort } from '@stepline/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SpawnedMastraServer, spawnMastraServer } from '../src/spawn-server.ts';
import { type RunningPostgres, startPostgres } from './postgres-server';
import { waitFor } from './wait-for';

// Two Mastra processes on one PostgreSQL, behind a round-robin proxy: what a horizontally scaled (or
// serverless) deployment looks like to the browser. Each instance streams only the runs it executes.
let postgres: RunningPostgres;
const instances: (SpawnedMastraServer | undefined)[] = [undefined, undefined];
let proxy: Server;
let proxyUrl: string;
/** Which instance served each request, by Mastra route (`stream`, `observe`, `resume-stream`, …). */
const served: { route: string; instance: number }[] = [];
const controllers: RunController[] = [];
/** Instances the next `observe` calls go to, before the round robin: a test's way to pick "the other one". */
const pinnedObserves: number[] = [];

const routeOf = (path: string) => path.split('?')[0]!.split('/').at(-1)!;

beforeAll(async () => {
  postgres = await startPostgres(await freePort());
  for (const index of [0, 1]) instances[index] = await spawnMastraServer({ storageUrl: postgres.url });
  let next = 0;
  proxy = createServer(
    toNodeListener(async (request) => {
      const url = new URL(request.url);
      const body = request.method === 'POST' ? await request.text() : undefined;
      // Round robin over the live instances; a dead one is skipped, as a load balancer's health check does.
      const pinned = routeOf(url.pathname) === 'observe' ? pinnedObserves.shift() : undefined;
      for (let tries = 0; tries < instances.length; tries++) {
        const index = tries === 0 && pinned !== undefined ? pinned : next++ % instances.length;
        const instance = instances[index];
        if (!instance) continue;
        try {
          const answer = await fetch(`${instance.url}${url.pathname}${url.search}`, {
            method: request.method,
            headers: { 'Content-Type': 'application/json' },
            ...(body === undefined ? {} : { body }),
            signal: request.signal,
          });
          served.push({ route: routeOf(url.pathname), instance: index });
          return new Response(answer.body, {
            status: answer.status,
            headers: { 'Content-Type': answer.headers.get('content-type') ?? 'application/json' },
          });
        } catch {}
      }
      return new Response('No instance', { status: 502 });
    }),
  );
  await new Promise<void>((done) => proxy.listen(0, '127.0.0.1', done));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
}, 120_000);

afterAll(async () => {
  for (const controller of controllers) controller.detach();
  proxy?.closeAllConnections();
  await new Promise<void>((done) => (proxy ? proxy.close(() => done()) : done()));
  for (const instance of instances) await instance?.kill('SIGKILL');
  await postgres?.stop();
});

function controllerFor(workflowId: string, runId?: string) {
  const controller = createRunController({
    transport: createMastraHttpTransport({ baseUrl: proxyUrl }),
    workflowId,
    ...(runId ? { runId } : {}),
    pollIntervalMs: 250,
    reconnect: { initialDelayMs: 100, maxDelayMs: 400 },
    visibility: null,
  });
  controllers.push(controller);
  return controller;
}

describe('two Mastra instances on PostgreSQL behind a round-robin proxy', () => {
  it('a run watched through the round robin: every step once, the stored run read when the stream is elsewhere', async () => {
    const starter = controllerFor('slow-pipeline');
    const { runId } = await starter.start({ inputData: { label: 'two instances' } });
    const watcher = controllerFor('slow-pipeline', runId);
    const arrived = new Map<string, number>();
    watcher.store.subscribe(() => {
      for (const id of watcher.store.getSnapshot().stepIds) if (!arrived.has(id)) arrived.set(id, Date.now());
    });
    // The watcher's first look goes to the instance that does not run the run: its observe is empty.
    await waitFor(starter.store, (state) => state.stepIds.length > 0, 20_000);
    const runner = served.find((entry) => entry.route === 'stream')!.instance;
    pinnedObserves.push(1 - runner);
    const watchedFrom = served.length;
    void watcher.watch().catch(() => {});
    const done = await waitFor(watcher.store, (state) => state.status === 'success', 30_000);
    const stages = done.stepIds.toArray().filter((id) => id.startsWith('stage-'));
    expect(stages).toHaveLength(12);
    expect(new Set(done.stepIds).size).toBe(done.stepIds.length);
    const lags = stages
      .map((id) => (arrived.get(id)! - done.steps.get(id)!.startedAt!) / 1000)
      .sort((a, b) => a - b);
    console.log(
      `two instances, step start -> watcher through the round robin: median ${lags[6]!.toFixed(3)} s, max ${lags.at(-1)!.toFixed(3)} s (0 lost, 0 duplicated of ${stages.length})`,
    );
    const observes = served.slice(watchedFrom).filter((entry) => entry.route === 'observe');
    console.log(
      `watcher's observe calls by instance (runner ${runner}): ${observes.map((entry) => entry.instance).join(', ')}`,
    );
    expect(observes[0]?.instance).toBe(1 - runner);
    // It read the stored run meanwhile, and reached the runner's live stream in the end.
    expect(served.slice(watchedFrom).some((entry) => entry.route !== 'observe')).toBe(true);
    // The runs list comes from the shared storage, whichever instance answers.
    const transport = createMastraHttpTransport({ baseUrl: proxyUrl });
    for (const _ of [0, 1]) {
      const { runs } = await transport.listRuns('slow-pipeline');
      expect(runs.map((run) => run.runId)).toContain(runId);
    }
  });

  it('resumes through either instance', async () => {
    for (const _ of [0, 1]) {
      const controller = controllerFor('content-brief');
      await controller.start({ inputData: { topic: 'Shared storage' } });
      const suspended = await waitFor(controller.store, (state) => state.status === 'suspended', 20_000);
      const [approval] = selectSuspendedSteps(suspended);
      await controller.resume({ step: approval!.id, resumeData: { decision: 'approve' } });
      await waitFor(controller.store, (state) => state.status === 'success', 20_000);
    }
    const resumedOn = new Set(
      served.filter((entry) => entry.route === 'resume-stream').map((entry) => entry.instance),
    );
    console.log(`resume-stream served by instances ${[...resumedOn].join(', ')}`);
    expect(resumedOn.size).toBeGreaterThanOrEqual(1);
  });

  it('one instance SIGKILLed mid-run: the run is restarted through the other and ends, each step once', async () => {
    const controller = controllerFor('slow-pipeline');
    const before = served.length;
    const { runId } = await controller.start({ inputData: { label: 'killed instance' } });
    await waitFor(controller.store, (state) => state.stepIds.length >= 4, 20_000);
    const runner = served.slice(before).find((entry) => entry.route === 'stream')!.instance;
    const dead = instances[runner];
    instances[runner] = undefined;
    await dead?.kill('SIGKILL');
    const restarted = await fetch(`${proxyUrl}/api/workflows/slow-pipeline/restart?runId=${runId}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(restarted.status).toBe(200);
    const done = await waitFor(controller.store, (state) => state.status === 'success', 40_000);
    expect(done.stepIds.toArray().filter((id) => id.startsWith('stage-'))).toHaveLength(12);
    expect(new Set(done.stepIds).size).toBe(done.stepIds.length);
  });
});

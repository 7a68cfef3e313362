import { createServer } from 'node:net';
import {
  createMastraHttpTransport,
  createRunController,
  type RunController,
  selectSuspendedSteps,
} from '@stepline/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnMastraServer, temporaryStorage } from './mastra-test-server';
import { waitFor } from './wait-for';

// The server process is SIGKILLed mid-run and started again on the same storage and port: the client
// must show the run as it is stored, without duplicates, and keep working.
type Spawned = Awaited<ReturnType<typeof spawnMastraServer>>;
const storage = temporaryStorage();
let port: number;
let server: Spawned | undefined;
const controllers: RunController[] = [];

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function restart(): Promise<void> {
  await server?.kill('SIGKILL');
  server = await spawnMastraServer({ storageUrl: storage.storageUrl, port });
}

beforeAll(async () => {
  port = await freePort();
  server = await spawnMastraServer({ storageUrl: storage.storageUrl, port });
});

afterAll(async () => {
  for (const controller of controllers) controller.detach();
  await server?.kill('SIGKILL');
  storage.remove();
});

function controllerFor(workflowId: string) {
  const controller = createRunController({
    transport: createMastraHttpTransport({ baseUrl: `http://127.0.0.1:${port}` }),
    workflowId,
    pollIntervalMs: 200,
    reconnect: { initialDelayMs: 100, maxDelayMs: 400, offlineAfterAttempts: 2 },
  });
  controllers.push(controller);
  return controller;
}

describe('a server killed mid-run', () => {
  it('shows the run as stored after the restart, each step once, and polls since no stream comes back', async () => {
    const controller = controllerFor('slow-pipeline');
    await controller.start({ inputData: { label: 'interrupted' } });
    await waitFor(controller.store, (state) => state.stepIds.length >= 3);

    await server!.kill('SIGKILL');
    await waitFor(controller.connection, (connection) =>
      ['reconnecting', 'offline'].includes(connection.status),
    );
    server = await spawnMastraServer({ storageUrl: storage.storageUrl, port });

    const connection = await waitFor(controller.connection, (value) => value.status === 'polling');
    expect(connection.error).toBeUndefined();
    const state = controller.store.getSnapshot();
    // Mastra leaves a killed run `running` for ever; the client says what is stored, not more.
    expect(state.status).toBe('running');
    for (const id of state.stepIds) expect(state.steps.get(id)!.executions).toHaveLength(1);
    controller.detach();
    expect(controller.connection.getSnapshot().status).toBe('closed');
  });

  it('resumes a run that was suspended when the server died', async () => {
    const controller = controllerFor('content-brief');
    await controller.start({ inputData: { topic: 'Heat pumps', audience: 'landlords' } });
    const suspended = await waitFor(controller.store, (state) => state.status === 'suspended');
    const [review] = selectSuspendedSteps(suspended);

    await restart();
    const final = await controller.resume({ step: review!.id, resumeData: { decision: 'approve' } });
    expect(final.status).toBe('success');
    expect(final.steps.get(review!.id)?.suspendPayload).toEqual(review!.suspendPayload);
    await controller.watch();
    expect(controller.connection.getSnapshot().status).toBe('closed');
  });
});

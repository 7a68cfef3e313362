import {
  createMastraHttpTransport,
  createRunController,
  type RunController,
  selectSuspendedSteps,
} from '@stepline/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RestartableMastraServer, startRestartableServer } from './restartable-server.ts';
import { waitFor } from './wait-for';

// The server process is SIGKILLed mid-run and started again on the same storage and port: the client
// must show the run as it is stored, without duplicates, and keep working.
let server: RestartableMastraServer;
const controllers: RunController[] = [];

beforeAll(async () => {
  server = await startRestartableServer();
});

afterAll(async () => {
  for (const controller of controllers) controller.detach();
  await server?.close();
});

function controllerFor(workflowId: string) {
  const controller = createRunController({
    transport: createMastraHttpTransport({ baseUrl: server.url }),
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

    await server.kill();
    await waitFor(controller.connection, (connection) =>
      ['reconnecting', 'offline'].includes(connection.status),
    );
    await server.start();

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

    await server.restart();
    const final = await controller.resume({ step: review!.id, resumeData: { decision: 'approve' } });
    expect(final.status).toBe('success');
    expect(final.steps.get(review!.id)?.suspendPayload).toEqual(review!.suspendPayload);
    await controller.watch();
    expect(controller.connection.getSnapshot().status).toBe('closed');
  });
});

import { createMastraHttpTransport, createRunController, type RunController } from '@stepline/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RestartableMastraServer, startRestartableServer } from './restartable-server.ts';
import { waitFor } from './wait-for';

// Issue 11, item 11: a run whose Mastra process was SIGKILLed stays `running` in storage for ever; the
// view showed it running and polling for ever. Against the real server: it must say stalled, and a
// restart must finish the run, each step once.
//
// Seen here on Mastra 1.71: `observe` has nothing for a restarted run, opened before the restart or
// after it (the restart runs without the stream `observe` reads), so the view follows the restarted run
// by reading the stored run at the poll interval, step by step as Mastra stores them.
let server: RestartableMastraServer;
const controllers: RunController[] = [];

beforeAll(async () => {
  server = await startRestartableServer();
});

afterAll(async () => {
  for (const controller of controllers) controller.detach();
  await server?.close();
});

describe('a run whose server was killed', () => {
  it('stalled runs show as running for ever: says stalled once the server is back, and restart() finishes it, each step once', async () => {
    const observes: number[] = [];
    const transport = createMastraHttpTransport({
      baseUrl: server.url,
      fetch: (input, init) => {
        if (String(input).includes('/observe')) observes.push(Date.now());
        return fetch(input, init);
      },
    });
    const controller = createRunController({
      transport,
      workflowId: 'slow-pipeline',
      pollIntervalMs: 200,
      maxPollIntervalMs: 400,
      stalledAfterMs: 1_500,
      reconnect: { initialDelayMs: 100, maxDelayMs: 400, offlineAfterAttempts: 2 },
    });
    controllers.push(controller);
    await controller.start({ inputData: { label: 'killed' } });
    await waitFor(controller.store, (state) => state.stepIds.length >= 4);

    await server.kill();
    await waitFor(controller.connection, (connection) =>
      ['reconnecting', 'offline'].includes(connection.status),
    );
    expect(controller.connection.getSnapshot().stalled).toBe(false);
    await server.start();

    // Back up, nothing live, nothing moving: stalled, while storage still says running.
    const stalled = await waitFor(controller.connection, (connection) => connection.stalled);
    expect(stalled.status).toBe('polling');
    expect(controller.store.getSnapshot().status).toBe('running');
    const stepsWhenStalled = controller.store.getSnapshot().stepIds.length;
    expect(stepsWhenStalled).toBeLessThan(13);

    const observesBefore = observes.length;
    await controller.restart();
    expect(controller.connection.getSnapshot().stalled).toBe(false);
    // Followed as it goes: the steps come in one read after another, not all at the end.
    const counts = new Set<number>();
    const unsubscribe = controller.store.subscribe(() =>
      counts.add(controller.store.getSnapshot().stepIds.length),
    );
    await waitFor(controller.connection, (connection) => connection.status === 'closed', 30_000);
    unsubscribe();
    expect(counts.size).toBeGreaterThan(2);
    // A new stream was tried after the restart (the one open before it could never see the run).
    expect(observes.length).toBeGreaterThan(observesBefore);
    const final = controller.store.getSnapshot();
    expect(final.status).toBe('success');
    expect(final.stepIds).toHaveLength(13);
    for (const id of final.stepIds) {
      expect(final.steps.get(id)!.status).toBe('success');
      expect(final.steps.get(id)!.executions).toHaveLength(1);
    }
    expect(controller.connection.getSnapshot().stalled).toBe(false);
  }, 60_000);
});

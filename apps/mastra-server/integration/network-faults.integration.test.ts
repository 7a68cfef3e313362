import type { ConnectionStatus } from '@stepline/client';
import {
  createMastraHttpTransport,
  createRunController,
  createRunState,
  mergeSnapshot,
} from '@stepline/client';
import { type FaultProxy, projectRun, startFaultProxy } from '@stepline/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from './mastra-test-server';
import { waitFor } from './wait-for';

// A proxy between the client and the real server cuts, stalls and slows the stream.
let server: Awaited<ReturnType<typeof startTestServer>>;
let proxy: FaultProxy;

beforeAll(async () => {
  server = await startTestServer();
  proxy = await startFaultProxy({ target: { host: '127.0.0.1', port: server.port } });
});

afterAll(async () => {
  await proxy.close();
  await server.close();
});

function watchThroughProxy(workflowId: string) {
  const statuses: ConnectionStatus[] = [];
  const controller = createRunController({
    transport: createMastraHttpTransport({ baseUrl: proxy.url }),
    workflowId,
    pollIntervalMs: 100,
    reconnect: { initialDelayMs: 20, maxDelayMs: 200 },
  });
  controller.connection.subscribe(() => {
    const status = controller.connection.getSnapshot().status;
    if (statuses.at(-1) !== status) statuses.push(status);
  });
  return { controller, statuses };
}

async function stored(workflowId: string, runId: string) {
  const snapshot = await createMastraHttpTransport({ baseUrl: server.url }).getRun({ workflowId, runId });
  return projectRun(mergeSnapshot(createRunState(), snapshot));
}

describe('a bad network between client and server', () => {
  it('drops the connection again and again at random moments: every step exactly once', async () => {
    const { controller, statuses } = watchThroughProxy('slow-pipeline');
    const { runId } = await controller.start({ inputData: { label: 'flaky network' } });
    let cuts = 0;
    const cutter = setInterval(
      () => {
        if (proxy.stats().open > 0) {
          proxy.cutAll();
          cuts++;
        }
      },
      180 + Math.floor(Math.random() * 200),
    );
    try {
      await controller.watch();
    } finally {
      clearInterval(cutter);
    }
    expect(cuts).toBeGreaterThan(2);
    expect(statuses).toContain('reconnecting');
    const state = controller.store.getSnapshot();
    expect(state.status).toBe('success');
    for (const id of state.stepIds) expect(state.steps.get(id)!.executions, id).toHaveLength(1);
    expect(projectRun(state)).toEqual(await stored('slow-pipeline', runId));
  });

  it('says reconnecting while the proxy refuses, and recovers without losing a step', async () => {
    const { controller, statuses } = watchThroughProxy('slow-pipeline');
    const { runId } = await controller.start({ inputData: { label: 'refused' } });
    await waitFor(controller.store, (state) => state.stepIds.length >= 2);
    proxy.setRefuse(true);
    proxy.cutAll();
    await waitFor(controller.connection, (connection) => connection.attempt >= 2);
    proxy.setRefuse(false);
    await controller.watch();
    expect(statuses).toEqual(expect.arrayContaining(['live', 'reconnecting', 'closed']));
    expect(projectRun(controller.store.getSnapshot())).toEqual(await stored('slow-pipeline', runId));
  });

  it('loses nothing when the stream stalls and then trickles in small slow pieces', async () => {
    const { controller } = watchThroughProxy('kitchen-sink');
    proxy.setThrottle({ bytesPerChunk: 7, delayMs: 1 });
    try {
      const { runId } = await controller.start({ inputData: { mode: 'thorough', items: 5 } });
      await waitFor(controller.store, (state) => state.stepIds.length >= 2);
      proxy.setStalled(true);
      const before = controller.store.getSnapshot();
      await new Promise((resolve) => setTimeout(resolve, 300));
      proxy.setStalled(false);
      await controller.watch();
      const state = controller.store.getSnapshot();
      expect(state.stepIds.length).toBeGreaterThan(before.stepIds.length);
      expect(projectRun(state)).toEqual(await stored('kitchen-sink', runId));
      expect(state.steps.get('report-progress')?.writes.length).toBe(3);
    } finally {
      proxy.setThrottle(undefined);
    }
  });
});

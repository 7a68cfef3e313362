import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMastraHttpTransport, createRunController, type RunController } from '@stepline/client';
import { spawnMastraServer } from '../apps/mastra-server/src/spawn-server.ts';

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

function until(controller: RunController, predicate: () => boolean, timeoutMs = 30_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (!predicate()) return;
      cleanup();
      resolve();
    };
    const offStore = controller.store.subscribe(check);
    const offConnection = controller.connection.subscribe(check);
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error('timed out'));
    }, timeoutMs);
    function cleanup() {
      clearTimeout(timer);
      offStore();
      offConnection();
    }
    check();
  });
}

/**
 * Against the real Mastra server in a child process: how long from attaching to a running run until the
 * state holds every step the run has reached, and how long after a server restart until the view knows
 * the run as stored again.
 */
export async function reconnectTimings(rounds = 5) {
  const dir = mkdtempSync(join(tmpdir(), 'stepline-bench-'));
  const storageUrl = `file:${join(dir, 'mastra.db')}`;
  const port = await freePort();
  let server = await spawnMastraServer({ storageUrl, port });
  const transport = createMastraHttpTransport({ baseUrl: `http://127.0.0.1:${port}` });
  const attach: number[] = [];
  const recover: number[] = [];
  try {
    for (let round = 0; round < rounds; round++) {
      const starter = createRunController({ transport, workflowId: 'slow-pipeline', pollIntervalMs: 250 });
      await starter.start({ inputData: { label: `bench ${round}` } });
      await until(starter, () => starter.store.getSnapshot().stepIds.length >= 4);
      const reached = starter.store.getSnapshot().stepIds.length;

      const viewer = createRunController({
        transport,
        workflowId: 'slow-pipeline',
        runId: starter.runId!,
        pollIntervalMs: 250,
        reconnect: { initialDelayMs: 50, maxDelayMs: 250 },
      });
      const attachStart = performance.now();
      void viewer.watch().catch(() => {});
      await until(viewer, () => viewer.store.getSnapshot().stepIds.length >= reached);
      attach.push(performance.now() - attachStart);

      await server.kill('SIGKILL');
      await until(viewer, () => ['reconnecting', 'offline'].includes(viewer.connection.getSnapshot().status));
      server = await spawnMastraServer({ storageUrl, port });
      const recoverStart = performance.now();
      await until(viewer, () => ['polling', 'live'].includes(viewer.connection.getSnapshot().status));
      recover.push(performance.now() - recoverStart);
      starter.detach();
      viewer.detach();
    }
  } finally {
    await server.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  return { attachMs: median(attach), recoverMs: median(recover), rounds };
}

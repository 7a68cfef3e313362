import { randomUUID } from 'node:crypto';
import { normalizeSnapshot } from '@stepline/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningMastraServer, startMastraServer } from './server.ts';
import { postJson, readStream } from './test-helpers.ts';

// Mastra 1.71 lists runs per workflow only: the demo's list of every workflow's runs asked once per
// workflow on every poll (11 requests every 5 s). GET /custom/runs answers for all of them at once.
describe('GET /custom/runs', () => {
  let server: RunningMastraServer;

  beforeAll(async () => {
    server = await startMastraServer({ port: 0, storageUrl: ':memory:' });
  });

  afterAll(async () => {
    await server.close();
  });

  async function runToEnd(workflowId: string, inputData: unknown): Promise<string> {
    const runId = randomUUID();
    const base = `${server.apiUrl}/workflows/${workflowId}`;
    await postJson(`${base}/create-run?runId=${runId}`);
    await readStream(`${base}/stream?runId=${runId}`, { inputData });
    return runId;
  }

  it('lists the runs of every workflow in one answer, in the shape of Mastra’s per-workflow list', async () => {
    const brief = await runToEnd('content-brief', { topic: 'Tidal power' });
    const failed = await runToEnd('always-fails', { orderId: 'A-1' });
    const story = await runToEnd('agent-story', { topic: 'cats' });

    const response = await fetch(`${server.url}/custom/runs`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { runs: unknown[] };
    const runs = body.runs.map((entry) => {
      const snapshot = normalizeSnapshot(entry);
      if (!snapshot.ok) throw snapshot.error;
      return snapshot.value;
    });
    const byId = new Map(runs.map((run) => [run.runId, run]));
    expect(byId.get(brief)).toMatchObject({ workflowId: 'content-brief', status: 'suspended' });
    expect(byId.get(failed)).toMatchObject({ workflowId: 'always-fails', status: 'failed' });
    expect(byId.get(story)).toMatchObject({ workflowId: 'agent-story', status: 'success' });
    // One row per run: the content brief's nested workflow, stored under the same run id, is not a run.
    expect(runs.map((run) => run.runId).sort()).toEqual([brief, failed, story].sort());
  });

  it('keeps a suspended run that is older than the page, since a list shows those first', async () => {
    const old = await runToEnd('parallel-approvals', { contract: 'MSA-1', amount: 10 });
    for (let index = 0; index < 3; index += 1) await runToEnd('agent-story', { topic: `t${index}` });

    const body = (await (await fetch(`${server.url}/custom/runs?perPage=2`)).json()) as {
      runs: { runId: string }[];
    };
    const ids = body.runs.map((run) => run.runId);
    expect(ids).toContain(old);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('refuses a perPage that is not a positive whole number', async () => {
    expect((await fetch(`${server.url}/custom/runs?perPage=0`)).status).toBe(400);
    expect((await fetch(`${server.url}/custom/runs?perPage=abc`)).status).toBe(400);
  });
});

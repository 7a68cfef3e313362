import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningMastraServer, startMastraServer } from './server.ts';
import { finishStatus, getRun, postJson, readStream } from './test-helpers.ts';

describe('in-process Mastra server', () => {
  let server: RunningMastraServer;

  beforeAll(async () => {
    server = await startMastraServer({ port: 0, storageUrl: ':memory:' });
  });

  afterAll(async () => {
    await server.close();
  });

  it('lists the example workflows with their step descriptions', async () => {
    const response = await fetch(`${server.apiUrl}/workflows`);
    const workflows = (await response.json()) as Record<string, unknown>;
    expect(Object.keys(workflows).sort()).toEqual(
      [
        'agent-long-answer',
        'agent-loop',
        'agent-nested',
        'agent-parallel',
        'agent-research',
        'agent-story',
        'agent-text-stream',
        'always-fails',
        'content-brief',
        'flaky-retry',
        'kitchen-sink',
        'many-steps',
        'nested-approval',
        'parallel-approvals',
        'slow-pipeline',
      ].sort(),
    );
  });

  it('streams content-brief to the review suspension and resumes it to success', async () => {
    const runId = randomUUID();
    const base = `${server.apiUrl}/workflows/content-brief`;
    expect((await postJson(`${base}/create-run?runId=${runId}`)).status).toBe(200);

    const start = await readStream(`${base}/stream?runId=${runId}`, {
      inputData: { topic: 'Tidal power', audience: 'investors' },
    });
    expect(start.status).toBe(200);
    expect(start.events[0]).toMatchObject({
      type: 'workflow-start',
      runId,
      payload: { workflowId: 'content-brief' },
    });
    expect(finishStatus(start.events)).toBe('suspended');
    // The leaf of the nested loop body suspends first, then its container with the path inside it.
    const suspended = start.events.filter((event) => event.type === 'workflow-step-suspended');
    expect(suspended.map((event) => event.payload?.id)).toEqual([
      'editorial-round.review',
      'editorial-round',
    ]);
    expect(suspended[0]?.payload?.suspendPayload).toMatchObject({ revision: 1 });
    expect(suspended[1]?.payload?.suspendPayload).toMatchObject({
      __workflow_meta: { runId, path: ['review'] },
    });
    expect((await getRun(server.apiUrl, 'content-brief', runId)).status).toBe('suspended');

    const resume = await readStream(`${base}/resume-stream?runId=${runId}`, {
      step: 'editorial-round.review',
      resumeData: { decision: 'approve' },
    });
    expect(finishStatus(resume.events)).toBe('success');
    expect(resume.events.map((event) => event.payload?.id).filter(Boolean)).toContain('publish');
    const run = (await getRun(server.apiUrl, 'content-brief', runId)) as { status: string; result?: unknown };
    expect(run.status).toBe('success');
    expect(run.result).toMatchObject({ status: 'published', topic: 'Tidal power' });
  });

  it('answers CORS preflights from any origin', async () => {
    const response = await fetch(`${server.apiUrl}/workflows/content-brief/stream?runId=x`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:5173',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(response.status).toBeLessThan(300);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
  });
});

describe('closing the in-process server', () => {
  it('frees the port and the storage file so a new server can take both', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stepline-close-'));
    try {
      const storageUrl = `file:${join(dir, 'mastra.db')}`;
      const first = await startMastraServer({ port: 0, storageUrl });
      const runId = randomUUID();
      const start = await readStream(`${first.apiUrl}/workflows/nested-approval/stream?runId=${runId}`, {
        inputData: { employee: 'bo', amount: 80 },
      });
      expect(finishStatus(start.events)).toBe('suspended');
      await first.close();

      const second = await startMastraServer({ port: first.port, storageUrl });
      try {
        expect(second.port).toBe(first.port);
        const resume = await readStream(
          `${second.apiUrl}/workflows/nested-approval/resume-stream?runId=${runId}`,
          {
            step: 'approval-chain.manager-approval',
            resumeData: { approved: true },
          },
        );
        expect(finishStatus(resume.events)).toBe('success');
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type SpawnedMastraServer, spawnMastraServer } from './spawn-server.ts';
import { finishStatus, getRun, readStream } from './test-helpers.ts';

// The key durability property: a server killed hard in the middle of a run comes back on the same
// storage file, and a run that was waiting for a human can still be resumed.
describe('child-process server killed with SIGKILL', () => {
  const dir = mkdtempSync(join(tmpdir(), 'stepline-spawn-'));
  const storageUrl = `file:${join(dir, 'mastra.db')}`;
  const servers: SpawnedMastraServer[] = [];

  afterAll(async () => {
    for (const server of servers) await server.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('restarts on the same storage and resumes the suspended run', async () => {
    const first = await spawnMastraServer({ storageUrl });
    servers.push(first);
    const suspendedRunId = randomUUID();
    const start = await readStream(`${first.apiUrl}/workflows/content-brief/stream?runId=${suspendedRunId}`, {
      inputData: { topic: 'Grid batteries' },
    });
    expect(finishStatus(start.events)).toBe('suspended');

    // Kill it while another run is in the middle of a step.
    const runningRunId = randomUUID();
    const interrupted = await readStream(
      `${first.apiUrl}/workflows/slow-pipeline/stream?runId=${runningRunId}`,
      { inputData: {} },
      (event) => {
        if (event.type === 'workflow-step-start' && event.payload?.id === 'stage-02')
          void first.kill('SIGKILL');
      },
    );
    expect(await first.exited).toBeNull();
    expect(interrupted.error).toBeDefined();
    expect(finishStatus(interrupted.events)).toBeUndefined();

    const second = await spawnMastraServer({ storageUrl });
    servers.push(second);
    expect((await getRun(second.apiUrl, 'content-brief', suspendedRunId)).status).toBe('suspended');
    // Nothing marks the interrupted run: it stays "running" in storage.
    expect((await getRun(second.apiUrl, 'slow-pipeline', runningRunId)).status).toBe('running');
    // The in-memory stream cache died with the process: observe is an empty 200.
    const observed = await readStream(
      `${second.apiUrl}/workflows/content-brief/observe?runId=${suspendedRunId}`,
    );
    expect(observed).toMatchObject({ status: 200, events: [] });

    const resume = await readStream(
      `${second.apiUrl}/workflows/content-brief/resume-stream?runId=${suspendedRunId}`,
      {
        step: 'editorial-round.review',
        resumeData: { decision: 'approve' },
      },
    );
    expect(finishStatus(resume.events)).toBe('success');
    expect((await getRun(second.apiUrl, 'content-brief', suspendedRunId)).status).toBe('success');

    expect(await second.kill('SIGTERM')).toBe(0);
  });
});

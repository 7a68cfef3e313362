import { join } from 'node:path';
import { type SpawnedMastraServer, spawnMastraServer } from '../../src/spawn-server.ts';
import type { ScenarioRecorder } from '../recorder/scenario-recorder.ts';
import {
  expectFinish,
  expectStatus,
  isStepEvent,
  once,
  type Scenario,
  type ScenarioContext,
} from './scenario.ts';

// These scenarios run their own server in a child process on their own storage file, so it can be
// SIGKILLed and started again on the same file.

async function startChild(recorder: ScenarioRecorder, context: ScenarioContext, storageUrl: string) {
  const server = await spawnMastraServer({ storageUrl });
  context.defer(() => server.kill('SIGTERM'));
  recorder.useApiUrl(server.apiUrl);
  return server;
}

async function killHard(recorder: ScenarioRecorder, server: SpawnedMastraServer) {
  recorder.note('server process killed with SIGKILL');
  await server.kill('SIGKILL');
}

export const restartScenarios: Scenario[] = [
  {
    name: 'restart-resume',
    workflowId: 'content-brief',
    description:
      'Run to the review suspension, SIGKILL the server, start a new one on the same storage: observe ' +
      'returns an empty body, the snapshot still says suspended, and the resume works.',
    expectedFinalStatus: 'success',
    async run(recorder, context) {
      const storageUrl = `file:${join(context.tempDir, 'restart-resume.db')}`;
      const first = await startChild(recorder, context, storageUrl);
      await recorder.createRun();
      const start = await recorder.stream('stream', {
        body: { inputData: { topic: 'Heat pumps', audience: 'landlords' } },
      });
      expectFinish(start, 'suspended');
      await killHard(recorder, first);
      await startChild(recorder, context, storageUrl);
      recorder.note('server restarted on the same storage file');
      await recorder.stream('observe-finished', { note: 'after the restart: nothing in memory' });
      expectStatus((await recorder.snapshot('after-restart')).status, 'suspended', 'after-restart');
      const resume = await recorder.stream('resume-stream', {
        body: { step: 'editorial-round.review', resumeData: { decision: 'approve' } },
      });
      expectFinish(resume, 'success');
    },
  },
  {
    name: 'killed-mid-run',
    workflowId: 'slow-pipeline',
    description:
      'SIGKILL the server while stage-03 runs: the stream body breaks off without workflow-finish. ' +
      'After a restart on the same storage the run stays "running" for ever and observe is empty.',
    expectedFinalStatus: 'running',
    async run(recorder, context) {
      const storageUrl = `file:${join(context.tempDir, 'killed-mid-run.db')}`;
      const first = await startChild(recorder, context, storageUrl);
      await recorder.createRun();
      const stream = await recorder.stream('stream', {
        body: { inputData: { label: 'interrupted' } },
        onEvent: once(
          (event) => isStepEvent(event, 'workflow-step-start', 'stage-03'),
          () => void recorder.track(killHard(recorder, first)),
        ),
      });
      expectFinish(stream, null);
      await startChild(recorder, context, storageUrl);
      recorder.note('server restarted on the same storage file');
      await recorder.stream('observe-finished', { note: 'after the restart: the run is not in memory' });
      expectStatus((await recorder.snapshot('after-restart')).status, 'running', 'after-restart');
    },
  },
];

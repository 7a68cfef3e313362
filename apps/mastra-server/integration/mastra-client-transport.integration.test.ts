import { MastraClient } from '@mastra/client-js';
import {
  createMastraClientTransport,
  createMastraHttpTransport,
  createRunController,
  createRunState,
  type MastraClientLike,
  mergeSnapshot,
  SteplineError,
  selectSuspendedSteps,
} from '@stepline/client';
import { projectRun } from '@stepline/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from './mastra-test-server';
import { waitFor } from './wait-for';

// A user who already has a MastraClient hands it over and gets the same behaviour.
let server: Awaited<ReturnType<typeof startTestServer>>;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe('the @mastra/client-js adapter', () => {
  it('accepts a real MastraClient by shape', () => {
    const client = new MastraClient({ baseUrl: 'http://127.0.0.1:1' });
    const shaped: MastraClientLike = client;
    expect(typeof shaped.getWorkflow).toBe('function');
  });

  it('runs content-brief to publish through MastraClient, ending where the server does', async () => {
    const transport = createMastraClientTransport(new MastraClient({ baseUrl: server.url, retries: 0 }));
    const controller = createRunController({ transport, workflowId: 'content-brief', pollIntervalMs: 150 });
    try {
      const { runId } = await controller.start({ inputData: { topic: 'Wind', audience: 'farmers' } });
      const suspended = await waitFor(controller.store, (state) => state.status === 'suspended');
      const [review] = selectSuspendedSteps(suspended);
      const final = await controller.resume({ step: review!.id, resumeData: { decision: 'approve' } });
      expect(final.status).toBe('success');
      await controller.watch();

      const stored = await createMastraHttpTransport({ baseUrl: server.url }).getRun({
        workflowId: 'content-brief',
        runId,
      });
      expect(projectRun(controller.store.getSnapshot())).toEqual(
        projectRun(mergeSnapshot(createRunState(), stored)),
      );
    } finally {
      controller.detach();
    }
  });

  it('maps client-js errors to typed Stepline errors', async () => {
    const transport = createMastraClientTransport(new MastraClient({ baseUrl: server.url, retries: 0 }));
    const error = await transport
      .getRun({ workflowId: 'content-brief', runId: 'missing' })
      .catch((e: unknown) => e);
    expect(SteplineError.isInstance(error)).toBe(true);
    expect((error as SteplineError).code).toBe('not-found');
  });
});

import {
  createMastraHttpTransport,
  createRunController,
  createRunState,
  mergeSnapshot,
  type RunController,
  SteplineError,
  selectSuspendedSteps,
  validateJsonSchema,
} from '@stepline/client';
import { projectRun } from '@stepline/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from './mastra-test-server';
import { waitFor } from './wait-for';

// The client against the real Mastra server from apps/mastra-server, on a loopback port.
let server: Awaited<ReturnType<typeof startTestServer>>;
let transport: ReturnType<typeof createMastraHttpTransport>;
const controllers: RunController[] = [];

beforeAll(async () => {
  server = await startTestServer();
  transport = createMastraHttpTransport({ baseUrl: server.url });
});

afterAll(async () => {
  for (const controller of controllers) controller.detach();
  await server.close();
});

function controllerFor(workflowId: string, runId?: string) {
  const controller = createRunController({
    transport,
    workflowId,
    ...(runId ? { runId } : {}),
    pollIntervalMs: 150,
    reconnect: { initialDelayMs: 50, maxDelayMs: 500 },
  });
  controllers.push(controller);
  return controller;
}

/** The run as the server stored it, through the same projection as the live state. */
async function storedProjection(workflowId: string, runId: string) {
  const snapshot = await transport.getRun({ workflowId, runId });
  return projectRun(mergeSnapshot(createRunState(), snapshot));
}

const isSuspended = (state: { status: string }) => state.status === 'suspended';

describe('a content-brief run, start to publish', () => {
  it('suspends for review, loops through a revision, and publishes; the client ends where the server does', async () => {
    const controller = controllerFor('content-brief');
    const { runId } = await controller.start({ inputData: { topic: 'Tidal power', audience: 'engineers' } });

    const suspended = await waitFor(controller.store, isSuspended);
    const [review] = selectSuspendedSteps(suspended);
    expect(review?.id).toBe('editorial-round.review');
    expect(review?.suspendPayload).toMatchObject({ reason: expect.any(String), draft: expect.any(String) });
    // Every research branch exactly once.
    for (const branch of ['research-sources', 'research-competitors', 'research-audience']) {
      expect(suspended.steps.get(branch)?.executions).toHaveLength(1);
    }

    // Rejected before anything is sent: the store does not change.
    const before = controller.store.getSnapshot();
    const invalid = await controller
      .resume(
        { step: 'editorial-round.review', resumeData: { decision: 'maybe' } },
        { validate: validateJsonSchema },
      )
      .catch((error: unknown) => error);
    expect(SteplineError.isInstance(invalid) && invalid.code).toBe('validation');
    expect((invalid as SteplineError).issues?.[0]?.path).toEqual(['decision']);
    expect(controller.store.getSnapshot()).toBe(before);

    const afterChanges = await controller.resume({
      step: 'editorial-round.review',
      resumeData: { decision: 'request-changes', notes: 'Add a cost table' },
    });
    expect(afterChanges.status).toBe('suspended');
    expect(afterChanges.steps.get('editorial-round.revise')?.status).toBe('success');
    expect(afterChanges.steps.get('editorial-round')?.executions).toHaveLength(2);

    const final = await controller.resume({
      step: 'editorial-round.review',
      resumeData: { decision: 'approve' },
    });
    expect(final.status).toBe('success');
    expect(final.result).toMatchObject({ status: 'published' });

    await controller.watch();
    expect(controller.connection.getSnapshot().status).toBe('closed');
    const live = projectRun(controller.store.getSnapshot());
    const stored = await storedProjection('content-brief', runId);
    // The snapshot keeps only the last loop iteration, where `revise` did not run.
    delete live.steps['editorial-round.revise'];
    expect(live).toEqual(stored);
  });
});

describe('attaching to a run that someone else started', () => {
  it('joins a run already half done and follows it to the end, each step once', async () => {
    const starter = controllerFor('slow-pipeline');
    const { runId } = await starter.start({ inputData: { label: 'integration' } });
    await waitFor(starter.store, (state) => state.stepIds.length >= 4);

    const watcher = controllerFor('slow-pipeline', runId);
    const done = watcher.watch();
    await waitFor(watcher.connection, (connection) => connection.status === 'live');
    await done;
    const state = watcher.store.getSnapshot();
    expect(state.status).toBe('success');
    for (const id of state.stepIds) expect(state.steps.get(id)!.executions).toHaveLength(1);
    expect(projectRun(state)).toEqual(await storedProjection('slow-pipeline', runId));
  });

  it('shows a finished run at once and closes', async () => {
    const starter = controllerFor('flaky-retry');
    const { runId } = await starter.start({ inputData: { symbol: 'ACME' } });
    await waitFor(starter.store, (state) => state.status === 'success');

    const watcher = controllerFor('flaky-retry', runId);
    await watcher.watch();
    expect(watcher.store.getSnapshot().status).toBe('success');
    expect(watcher.connection.getSnapshot().status).toBe('closed');
  });

  it('waits on a suspended run, sees it resumed from another tab, and refuses a second resume', async () => {
    const tabA = controllerFor('parallel-approvals');
    const { runId } = await tabA.start({ inputData: { contract: 'MSA-1', amount: 1000 } });
    await waitFor(tabA.store, isSuspended);

    const tabB = controllerFor('parallel-approvals', runId);
    void tabB.watch();
    await waitFor(tabB.store, isSuspended);
    await waitFor(tabB.connection, (connection) => connection.status === 'polling');
    expect(
      selectSuspendedSteps(tabB.store.getSnapshot())
        .map((step) => step.id)
        .sort(),
    ).toEqual(['finance-approval', 'legal-approval']);

    // Resuming one of two parallel approvals: Mastra's segment says success, the run is still suspended.
    const afterLegal = await tabA.resume({
      step: 'legal-approval',
      resumeData: { approved: true, approver: 'lee' },
    });
    expect(afterLegal.status).toBe('suspended');
    await waitFor(tabB.store, (state) => state.steps.get('legal-approval')?.status === 'success');

    const conflict = await tabB
      .resume({ step: 'legal-approval', resumeData: { approved: true, approver: 'lee' } })
      .catch((error: unknown) => error);
    expect(SteplineError.isInstance(conflict) && conflict.code).toBe('conflict');

    await tabB.resume({ step: 'finance-approval', resumeData: { approved: true, approver: 'fay' } });
    await waitFor(tabA.store, (state) => state.status === 'success');
    await waitFor(tabB.store, (state) => state.status === 'success');
  });

  it('sends one resume when the same step is resumed twice at once', async () => {
    const controller = controllerFor('nested-approval');
    await controller.start({ inputData: { employee: 'ann', amount: 1250 } });
    const suspended = await waitFor(controller.store, isSuspended);
    const [approval] = selectSuspendedSteps(suspended);
    expect(approval?.id).toContain('.');

    const details = await controller.getWorkflowDetails();
    const resumeData = exampleFor(details.steps[approval!.id]?.resumeSchema);
    const first = controller.resume({ step: approval!.id, resumeData });
    const second = controller.resume({ step: approval!.id, resumeData });
    expect(second).toBe(first);
    expect(controller.connection.getSnapshot().resuming).toEqual([approval!.id]);
    const state = await first;
    expect(state.steps.get(approval!.id)?.status).toBe('success');
    expect(state.steps.get(approval!.id)?.suspendPayload).toEqual(approval!.suspendPayload);
  });
});

describe('listing runs', () => {
  it('lists the runs of a workflow with their steps, for "show me every active run" after a reload', async () => {
    const { runs, total } = await transport.listRuns('content-brief');
    expect(total).toBeGreaterThan(0);
    const suspendedOrDone = runs.filter((run) => run.status === 'success' || run.status === 'suspended');
    expect(suspendedOrDone.length).toBeGreaterThan(0);
    for (const run of suspendedOrDone) expect(Object.keys(run.steps).length).toBeGreaterThan(0);
  });
});

describe('actions and failures', () => {
  it('cancels a run mid-way, showing cancelling until the server confirms', async () => {
    const controller = controllerFor('slow-pipeline');
    await controller.start({ inputData: { label: 'integration' } });
    await waitFor(controller.store, (state) => state.stepIds.length >= 2);
    const cancelling = waitFor(controller.connection, (connection) => connection.cancelling);
    const cancel = controller.cancel();
    await cancelling;
    await cancel;
    expect(controller.store.getSnapshot().status).toBe('canceled');
    expect(controller.connection.getSnapshot().cancelling).toBe(false);
  });

  it('shows invalid input as a failed run with the validation error', async () => {
    const controller = controllerFor('content-brief');
    await controller.start({ inputData: { topic: 42 } });
    await controller.watch();
    const state = controller.store.getSnapshot();
    expect(state.status).toBe('failed');
    expect(state.error?.message).toMatch(/valid/i);
  });

  it('answers a second start of a finished run with a typed 409, leaving the store as it was', async () => {
    const controller = controllerFor('flaky-retry');
    const { runId } = await controller.start({ inputData: { symbol: 'X' } });
    await controller.watch();
    const before = controller.store.getSnapshot();
    const error = await transport
      .streamRun({ workflowId: 'flaky-retry', runId }, { inputData: { symbol: 'X' } }, { onChunks: () => {} })
      .catch((caught: unknown) => caught);
    expect(SteplineError.isInstance(error) && error.code).toBe('conflict');
    expect((error as SteplineError).status).toBe(409);
    expect(controller.store.getSnapshot()).toBe(before);
  });

  it('says not-found for a run the server does not know, and stops', async () => {
    const controller = controllerFor('content-brief', 'no-such-run');
    const error = await controller.watch().catch((caught: unknown) => caught);
    expect(SteplineError.isInstance(error) && error.code).toBe('not-found');
    expect(controller.connection.getSnapshot().status).toBe('error');
  });
});

describe('auth', () => {
  it('asks the header function again after a 401 and never leaks the token', async () => {
    const authServer = await startTestServer({ auth: { accepts: (token) => token === 'fresh-token' } });
    try {
      const seen: number[] = [];
      const refreshing = createMastraHttpTransport({
        baseUrl: authServer.url,
        headers: ({ attempt }) => {
          seen.push(attempt);
          return { Authorization: `Bearer ${attempt === 1 ? 'stale-token' : 'fresh-token'}` };
        },
      });
      const details = await refreshing.getWorkflow('content-brief');
      expect(details.steps['editorial-round.review']?.resumeSchema).toBeDefined();
      expect(seen).toEqual([1, 2]);

      const denied = createMastraHttpTransport({
        baseUrl: authServer.url,
        headers: () => ({ Authorization: 'Bearer wrong-secret' }),
      });
      const error = await denied.getWorkflow('content-brief').catch((caught: unknown) => caught);
      expect(SteplineError.isInstance(error) && error.code).toBe('auth');
      expect(JSON.stringify({ message: (error as Error).message, ...(error as object) })).not.toContain(
        'wrong-secret',
      );
    } finally {
      await authServer.close();
    }
  });
});

/** The smallest value a resume schema accepts, to approve whatever the nested workflow asks. */
function exampleFor(schema: Record<string, unknown> | undefined): unknown {
  if (!schema) return {};
  if (Array.isArray(schema.enum)) return schema.enum[0];
  switch (schema.type) {
    case 'boolean':
      return true;
    case 'string':
      return 'ok';
    case 'number':
    case 'integer':
      return 1;
    case 'array':
      return [];
    default: {
      const properties = (schema.properties ?? {}) as Record<string, Record<string, unknown>>;
      const required = (schema.required ?? []) as string[];
      return Object.fromEntries(required.map((key) => [key, exampleFor(properties[key])]));
    }
  }
}

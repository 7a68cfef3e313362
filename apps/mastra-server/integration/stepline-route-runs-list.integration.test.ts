import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRouteTransport, type RunsAcrossWorkflows } from '@stepline/client';
import { createSteplineRoute, type SteplineRouteContext } from '@stepline/client/server';
import { freePort } from '@stepline/test-support';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { postJson, readStream } from '../src/test-helpers.ts';
import { startTestServer } from './mastra-test-server.ts';
import { readmeRunsList } from './readme-runs-list.ts';

// The route's runs list across workflows (`GET …/runs`) in front of the real Mastra 1.71 server, which
// lists runs per workflow only: an app on any Mastra server gets every workflow's runs in one request.
let mastra: Awaited<ReturnType<typeof startTestServer>>;
const seen: SteplineRouteContext['action'][] = [];

beforeAll(async () => {
  mastra = await startTestServer();
});

afterAll(async () => {
  await mastra?.close();
});

function transportOver(workflows: readonly string[]) {
  const route = createSteplineRoute({
    mastra: { url: mastra.url },
    workflows,
    basePath: '/api/stepline',
    authorize: ({ action }) => {
      seen.push(action);
      return true;
    },
    onError: () => {},
  });
  // The route transport's fetch goes straight into the route handler: no server needed in between.
  const fetch = ((input: string | URL | Request, init?: RequestInit) =>
    route(new Request(new URL(String(input), 'http://app.test'), init))) as typeof globalThis.fetch;
  return createRouteTransport({ route: '/api/stepline', fetch });
}

async function runToEnd(workflowId: string, inputData: unknown): Promise<string> {
  const runId = randomUUID();
  const base = `${mastra.apiUrl}/workflows/${workflowId}`;
  await postJson(`${base}/create-run?runId=${runId}`);
  await readStream(`${base}/stream?runId=${runId}`, { inputData });
  return runId;
}

const list = (transport: ReturnType<typeof transportOver>, query = {}): Promise<RunsAcrossWorkflows> =>
  transport.listRunsAcrossWorkflows(query);

describe('GET …/runs across workflows, on the real Mastra server', () => {
  it('lists runs of several workflows in every state, needs a decision first, then newest', async () => {
    const transport = transportOver(['content-brief', 'always-fails', 'slow-pipeline', 'flaky-retry']);
    const failed = await runToEnd('always-fails', { orderId: 'A-1' });
    const waiting = await runToEnd('content-brief', { topic: 'Tidal power' });
    const succeeded = await runToEnd('flaky-retry', { symbol: 'ACME' });
    const runningId = randomUUID();
    const base = `${mastra.apiUrl}/workflows/slow-pipeline`;
    await postJson(`${base}/create-run?runId=${runningId}`);
    const running = readStream(`${base}/stream?runId=${runningId}`, { inputData: { label: 'listed' } });

    // The running run is listed once Mastra stored its first step (a few ms after the start).
    let mid = await list(transport);
    for (let tries = 0; !mid.runs.some((run) => run.runId === runningId) && tries < 50; tries += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      mid = await list(transport);
    }
    const byId = new Map(mid.runs.map((run) => [run.runId, run]));
    expect(byId.get(waiting)).toMatchObject({ workflowId: 'content-brief', status: 'suspended' });
    expect(byId.get(failed)).toMatchObject({ workflowId: 'always-fails', status: 'failed' });
    expect(byId.get(succeeded)).toMatchObject({ workflowId: 'flaky-retry', status: 'success' });
    expect(byId.get(runningId)).toMatchObject({ workflowId: 'slow-pipeline', status: 'running' });
    // The brief's nested workflow is stored under the same run id as `editorial-round`: not a run here.
    expect(mid.runs).toHaveLength(4);
    expect(mid.total).toBe(4);
    expect(mid.failures).toEqual([]);
    expect(mid.runs.map((run) => run.runId)).toEqual([waiting, runningId, succeeded, failed]);
    expect(seen.filter((action) => action === 'list').length).toBeGreaterThanOrEqual(4);
    await running;
  });

  it('pages: a suspended run older than the page still comes first, and pages do not overlap', async () => {
    const transport = transportOver(['parallel-approvals', 'flaky-retry']);
    const old = await runToEnd('parallel-approvals', { contract: 'MSA-1', amount: 10 });
    for (let index = 0; index < 3; index += 1) await runToEnd('flaky-retry', { symbol: 'ACME' });
    const first = await list(transport, { perPage: 2 });
    const second = await list(transport, { perPage: 2, page: 1 });
    const third = await list(transport, { perPage: 2, page: 2 });
    expect(first.runs[0]).toMatchObject({ runId: old, status: 'suspended' });
    const ids = [...first.runs, ...second.runs, ...third.runs].map((run) => run.runId);
    // flaky-retry also holds the run of the first test: 1 suspended + 4 finished.
    expect(ids).toHaveLength(5);
    expect(new Set(ids).size).toBe(5);
    expect(first.total).toBe(5);
    const created = [...first.runs.slice(1), ...second.runs, ...third.runs].map((run) => run.createdAt ?? 0);
    expect(created).toEqual([...created].sort((a, b) => b - a));
  });

  it('a workflow whose list fails is named with a typed error; the others still show', async () => {
    const transport = transportOver(['content-brief', 'not-in-mastra']);
    const body = await list(transport);
    expect(body.runs.length).toBeGreaterThan(0);
    expect(body.runs.every((run) => run.workflowId === 'content-brief')).toBe(true);
    expect(body.failures.map(({ workflowId, error }) => [workflowId, error.code])).toEqual([
      ['not-in-mastra', 'not-found'],
    ]);
    expect(body.failures[0]!.error.message).toBe('Mastra has no workflow not-in-mastra.');
  });

  it('Mastra down: every workflow is named as a network failure, not a blank list', async () => {
    const route = createSteplineRoute({
      mastra: { url: `http://127.0.0.1:${await freePort()}` },
      workflows: ['content-brief', 'always-fails'],
      authorize: () => true,
      onError: () => {},
    });
    const fetch = ((input: string | URL | Request, init?: RequestInit) =>
      route(new Request(new URL(String(input), 'http://app.test'), init))) as typeof globalThis.fetch;
    const body = await createRouteTransport({ route: '/api/stepline', fetch }).listRunsAcrossWorkflows();
    expect(body.runs).toEqual([]);
    expect(body.failures.map(({ workflowId, error }) => [workflowId, error.code])).toEqual([
      ['content-brief', 'network'],
      ['always-fails', 'network'],
    ]);
  });
});

/** The README block under `heading` without its imports, whitespace collapsed. */
function readmeBlock(heading: string): string {
  const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
  const block = /```ts\n([\s\S]*?)```/.exec(readme.slice(readme.indexOf(heading)))?.[1];
  if (block === undefined) throw new Error(`README.md has no ts block under "${heading}"`);
  // The import is at the top of the example file, outside the marked lines.
  const code = block
    .split('\n')
    .filter((line) => !line.startsWith('import '))
    .join('\n');
  return code.replace(/\s+/g, ' ').trim();
}

describe('README: Runs of every workflow', () => {
  it('shows the code that this test runs', () => {
    const example = readFileSync(new URL('./readme-runs-list.ts', import.meta.url), 'utf8');
    const marked = /\/\/ README runs-list start\n([\s\S]*?)\n\s*\/\/ README runs-list end/.exec(example)?.[1];
    expect(readmeBlock('### Runs of every workflow')).toBe(marked?.replace(/\s+/g, ' ').trim());
  });

  it("lists the runs of the route's workflows from a page on the app's origin, and names the one that failed", async () => {
    const waiting = await runToEnd('content-brief', { topic: 'From the README' });
    const route = createSteplineRoute({
      mastra: { url: mastra.url },
      workflows: ['content-brief', 'always-fails', 'not-in-mastra'],
      basePath: '/api/stepline',
      authorize: () => true,
      onError: () => {},
    });
    // A page's relative URLs go to the app's origin, where the route is mounted; the route's own calls to
    // Mastra go out as they are.
    const networkFetch = globalThis.fetch;
    vi.stubGlobal('fetch', (input: string | URL | Request, init?: RequestInit) => {
      const url = input instanceof Request ? input.url : String(input);
      return url.startsWith('/')
        ? route(new Request(new URL(url, 'http://app.test'), init))
        : networkFetch(input, init);
    });
    const logged = vi.spyOn(console, 'log').mockImplementation(() => {});
    const warned = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const list = await readmeRunsList();
      expect(list.runs[0]).toMatchObject({
        runId: waiting,
        workflowId: 'content-brief',
        status: 'suspended',
      });
      expect(list.runs.some((run) => run.workflowId === 'always-fails')).toBe(true);
      expect(logged.mock.calls[0]).toEqual(['content-brief', waiting, 'suspended']);
      expect(warned.mock.calls).toEqual([
        ['not-in-mastra', 'not-found', 'Mastra has no workflow not-in-mastra.'],
      ]);
    } finally {
      vi.unstubAllGlobals();
      vi.restoreAllMocks();
    }
  });
});

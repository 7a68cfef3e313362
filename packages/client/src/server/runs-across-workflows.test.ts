import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mastraRunListEntry } from '../testing/mastra-snapshot';
import { readRunsAcrossWorkflows } from '../transport/runs-across-workflows';
import { readListedRunOrder } from './runs-across-workflows';
import { createSteplineRoute } from './stepline-route';

// The fan-out's paging against a Mastra stand-in that lists like Mastra's storage (newest first, status
// filter, page/perPage): generated stores, every page compared with the whole store sorted at once. The
// route on the real server is tested in apps/mastra-server/integration (stepline-route-runs-list).
interface StoredRun {
  readonly workflowId: string;
  readonly runId: string;
  readonly status: 'running' | 'suspended' | 'success' | 'failed';
  readonly createdAt: number;
}

function mastraListing(store: readonly StoredRun[], broken: ReadonlySet<string> = new Set()) {
  const asked: string[] = [];
  const fetch = async (input: string | URL | Request): Promise<Response> => {
    const url = new URL(String(input));
    asked.push(`${url.pathname}${url.search}`);
    const found = /^\/api\/workflows\/([^/]+)\/runs$/.exec(url.pathname);
    if (!found) return new Response('{}', { status: 404 });
    const workflowId = decodeURIComponent(found[1]!);
    if (broken.has(workflowId)) return new Response('{"error":"boom"}', { status: 500 });
    const status = url.searchParams.get('status');
    const matching = store
      .filter((run) => run.workflowId === workflowId && (status === null || run.status === status))
      .sort((a, b) => b.createdAt - a.createdAt);
    // Like libsql: paged only when both are given.
    const page = Number(url.searchParams.get('page') ?? Number.NaN);
    const perPage = Number(url.searchParams.get('perPage') ?? Number.NaN);
    const paged = Number.isNaN(page + perPage)
      ? matching
      : matching.slice(page * perPage, (page + 1) * perPage);
    const runs = paged.map((run) =>
      mastraRunListEntry({
        workflowName: run.workflowId,
        runId: run.runId,
        status: run.status,
        steps: {},
        createdAt: new Date(run.createdAt).toISOString(),
        updatedAt: new Date(run.createdAt).toISOString(),
      }),
    );
    return Response.json({ runs, total: matching.length });
  };
  return { fetch: fetch as typeof globalThis.fetch, asked };
}

const workflows = ['brief', 'refund', 'report'];

function routeOver(store: readonly StoredRun[], broken?: ReadonlySet<string>) {
  const mastra = mastraListing(store, broken);
  const route = createSteplineRoute({
    mastra: { url: 'http://mastra.test', fetch: mastra.fetch },
    workflows,
    basePath: '/api/stepline',
    authorize: () => true,
    onError: () => {},
  });
  return { route, asked: mastra.asked };
}

async function listPage(route: (request: Request) => Response | Promise<Response>, search: string) {
  const response = await route(new Request(`http://app.test/api/stepline/runs${search}`));
  expect(response.status).toBe(200);
  return readRunsAcrossWorkflows(await response.json());
}

const storedRuns = fc
  .uniqueArray(
    fc.record({
      workflowId: fc.constantFrom(...workflows),
      runId: fc.uuid(),
      status: fc.constantFrom('running', 'suspended', 'success', 'failed'),
      // Few distinct times, so ties (the same millisecond in two workflows) are common.
      createdAt: fc.integer({ min: 1_700_000_000_000, max: 1_700_000_000_040 }),
    }),
    { selector: (run) => run.runId, maxLength: 40 },
  )
  .map((runs) => runs as StoredRun[]);

describe('GET …/runs: the runs of every workflow through the route', () => {
  it('every page is the slice of all runs sorted at once: needs a decision first, then newest', async () => {
    await fc.assert(
      fc.asyncProperty(storedRuns, fc.integer({ min: 1, max: 7 }), async (store, perPage) => {
        const { route } = routeOver(store);
        // Ties in one workflow stay in Mastra's order (here: the store's, as the stand-in keeps it).
        const expected = [...store]
          .sort(
            (a, b) =>
              Number(b.status === 'suspended') - Number(a.status === 'suspended') ||
              b.createdAt - a.createdAt ||
              a.workflowId.localeCompare(b.workflowId) ||
              store.indexOf(a) - store.indexOf(b),
          )
          .map((run) => run.runId);
        const listed: string[] = [];
        for (let page = 0; page * perPage < store.length + perPage; page += 1) {
          const body = await listPage(route, `?page=${page}&perPage=${perPage}`);
          expect(body.total).toBe(store.length);
          expect(body.failures).toEqual([]);
          listed.push(...body.runs.map((run) => run.runId!));
        }
        expect(listed).toEqual(expected);
      }),
      { numRuns: 100 },
    );
  });

  it('runs of one workflow created in the same millisecond are neither repeated nor lost across pages (sorting them by id repeated one)', async () => {
    const store: StoredRun[] = [
      { workflowId: 'refund', runId: 'b', status: 'running', createdAt: 36 },
      { workflowId: 'refund', runId: 'a', status: 'running', createdAt: 36 },
    ];
    const { route } = routeOver(store);
    const first = await listPage(route, '?page=0&perPage=1');
    const second = await listPage(route, '?page=1&perPage=1');
    expect([...first.runs, ...second.runs].map((run) => run.runId)).toEqual(['b', 'a']);
  });

  it('sorts a run by its status and creation time alone: none of its steps is read, on every poll (it normalized every step of every listed run)', () => {
    const stepsRead: string[] = [];
    const steps = new Proxy({} as Record<string, unknown>, {
      get: (_, key) => {
        stepsRead.push(String(key));
        return { status: 'success' };
      },
      ownKeys: () => {
        stepsRead.push('(keys)');
        return Array.from({ length: 5_000 }, (_, index) => `step-${index}`);
      },
      getOwnPropertyDescriptor: () => ({ enumerable: true, configurable: true }),
    });
    const entry = {
      workflowName: 'brief',
      runId: 'a',
      createdAt: '2026-12-01T05:00:00.000Z',
      snapshot: { runId: 'a', status: 'suspended', context: steps, steps },
    };
    expect(readListedRunOrder(entry)).toEqual({
      runId: 'a',
      suspended: true,
      createdAt: Date.parse('2026-12-01T05:00:00.000Z'),
    });
    expect(stepsRead).toEqual([]);
  });

  it('a run whose steps cannot be read is listed in its place by status and time (it sank to the end as if oldest)', async () => {
    const entry = (runId: string, createdAt: string, steps: unknown) => ({
      workflowName: 'brief',
      runId,
      createdAt,
      snapshot: JSON.stringify({ runId, status: 'success', context: steps }),
    });
    const fetch = (async () =>
      Response.json({
        runs: [
          entry('newest-broken', '2026-12-01T05:00:02.000Z', { draft: 'not an object' }),
          entry('older', '2026-12-01T05:00:01.000Z', { draft: { status: 'success' } }),
        ],
        total: 2,
      })) as unknown as typeof globalThis.fetch;
    const route = createSteplineRoute({
      mastra: { url: 'http://mastra.test', fetch },
      workflows: ['brief'],
      authorize: () => true,
    });
    const response = await route(new Request('http://app.test/api/stepline/runs'));
    const body = (await response.json()) as { runs: { runId: string }[] };
    expect(body.runs.map((run) => run.runId)).toEqual(['newest-broken', 'older']);
  });

  it('with a status, lists only that status, newest first, asking each workflow once', async () => {
    const store: StoredRun[] = [
      { workflowId: 'brief', runId: 'a', status: 'failed', createdAt: 3 },
      { workflowId: 'refund', runId: 'b', status: 'failed', createdAt: 5 },
      { workflowId: 'refund', runId: 'c', status: 'success', createdAt: 9 },
    ];
    const { route, asked } = routeOver(store);
    const body = await listPage(route, '?status=failed');
    expect(body.runs.map((run) => [run.workflowId, run.runId])).toEqual([
      ['refund', 'b'],
      ['brief', 'a'],
    ]);
    expect(asked).toHaveLength(workflows.length);
  });

  it('a workflow whose list fails is named with a typed error, and the other workflows are listed', async () => {
    const store: StoredRun[] = [
      { workflowId: 'brief', runId: 'a', status: 'suspended', createdAt: 3 },
      { workflowId: 'refund', runId: 'b', status: 'success', createdAt: 5 },
    ];
    const { route } = routeOver(store, new Set(['refund']));
    const body = await listPage(route, '');
    expect(body.runs.map((run) => run.runId)).toEqual(['a']);
    expect(body.failures).toHaveLength(1);
    expect(body.failures[0]!.workflowId).toBe('refund');
    expect(body.failures[0]!.error).toMatchObject({ name: 'SteplineError', code: 'http', status: 500 });
    expect(body.failures[0]!.error.message).toContain('refund');
  });

  it('authorize is asked per workflow: a refused one is left out, a Response is sent, none allowed is a 403', async () => {
    const mastra = mastraListing([
      { workflowId: 'brief', runId: 'a', status: 'success', createdAt: 3 },
      { workflowId: 'refund', runId: 'b', status: 'success', createdAt: 5 },
    ]);
    const routeWith = (authorize: Parameters<typeof createSteplineRoute>[0]['authorize']) =>
      createSteplineRoute({
        mastra: { url: 'http://mastra.test', fetch: mastra.fetch },
        workflows,
        authorize,
      });
    const asked: string[] = [];
    const some = await routeWith(({ action, workflowId }) => {
      asked.push(`${action} ${workflowId}`);
      return workflowId === 'brief';
    })(new Request('http://app.test/api/stepline/runs'));
    expect(asked.sort()).toEqual(['list brief', 'list refund', 'list report']);
    expect(readRunsAcrossWorkflows(await some.json()).runs.map((run) => run.runId)).toEqual(['a']);

    const login = await routeWith(() => new Response('log in', { status: 401 }))(
      new Request('http://app.test/api/stepline/runs'),
    );
    expect(login.status).toBe(401);
    const none = await routeWith(() => false)(new Request('http://app.test/api/stepline/runs'));
    expect(none.status).toBe(403);
    expect(await none.json()).toMatchObject({ code: 'auth' });
  });

  it('refuses bad paging and unknown workflows before asking Mastra; a workflowId narrows the list', async () => {
    const { route, asked } = routeOver([
      { workflowId: 'brief', runId: 'a', status: 'success', createdAt: 3 },
      { workflowId: 'refund', runId: 'b', status: 'success', createdAt: 5 },
    ]);
    for (const search of ['?perPage=0', '?perPage=101', '?page=-1', '?page=abc', '?page=99&perPage=100']) {
      const response = await route(new Request(`http://app.test/api/stepline/runs${search}`));
      expect(response.status, search).toBe(400);
    }
    const unknown = await route(new Request('http://app.test/api/stepline/runs?workflowId=secret'));
    expect(unknown.status).toBe(404);
    expect(asked).toEqual([]);
    const post = await route(
      new Request('http://app.test/api/stepline/runs', { method: 'POST', body: '{}' }),
    );
    expect(post.status).toBe(405);

    const narrowed = await listPage(route, '?workflowId=brief');
    expect(narrowed.runs.map((run) => run.runId)).toEqual(['a']);
    // A workflow's own list still goes to Mastra's per-workflow route, not this one.
    const one = await route(new Request('http://app.test/api/stepline/workflows/refund/runs'));
    expect(((await one.json()) as { runs: unknown[] }).runs).toHaveLength(1);
  });
});

import type { Mastra } from '@mastra/core/mastra';
import { registerApiRoute } from '@mastra/core/server';

/** Where the route is mounted: Mastra keeps `/api` for its own routes and refuses custom ones there. */
export const allRunsPath = '/custom/runs';

const defaultPerPage = 50;
const maxPerPage = 200;

/**
 * `GET /custom/runs?perPage=50`: the runs of every workflow in one request, newest first, plus every
 * suspended run however old (a list of "my runs" puts the ones that need a decision first, so they must
 * not fall off the page). Entries as in Mastra's `GET /api/workflows/:id/runs`: `{runs: [{workflowName,
 * runId, snapshot, createdAt, updatedAt, resourceId}]}`, without its `total`: storage also keeps a row per
 * nested workflow under the outer run's id (`editorial-round` beside `content-brief`), which is left out
 * here, so the stored count is not the count of runs.
 *
 * Mastra 1.71 lists runs per workflow only (and counts running and suspended ones in `run-counts`):
 * a page listing every workflow's runs needed one request per workflow on every poll. Its storage can
 * list them all in one query; this custom route (Mastra's `registerApiRoute`) is that query.
 */
export const allRunsRoute = registerApiRoute(allRunsPath, {
  method: 'GET',
  handler: async (context) => {
    const mastra = context.get('mastra') as Mastra;
    const requested = Number(context.req.query('perPage') ?? defaultPerPage);
    if (!Number.isInteger(requested) || requested <= 0) {
      return context.json({ error: 'perPage must be a positive integer' }, 400);
    }
    const perPage = Math.min(requested, maxPerPage);
    const store = await mastra.getStorage()?.getStore('workflows');
    if (!store) return context.json({ runs: [], total: 0 });
    const [newest, suspended] = await Promise.all([
      store.listWorkflowRuns({ perPage, page: 0 }),
      store.listWorkflowRuns({ status: 'suspended', perPage: maxPerPage, page: 0 }),
    ]);
    const registered = new Set(Object.values(mastra.listWorkflows()).map((workflow) => workflow.id));
    const seen = new Set<string>();
    const runs = [...newest.runs, ...suspended.runs].filter((run) => {
      const key = `${run.workflowName}/${run.runId}`;
      if (!registered.has(run.workflowName) || seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    return context.json({ runs });
  },
});

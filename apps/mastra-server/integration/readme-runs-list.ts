import { createRouteTransport, type RunsAcrossWorkflows } from '@stepline/client';

/**
 * The README's "Runs of every workflow" example, run by stepline-route-runs-list.integration.test.ts
 * against the real Mastra server (the README block must equal the marked lines). `route` is relative, as
 * in a page: the test resolves it against the app's origin.
 */
export async function readmeRunsList(): Promise<RunsAcrossWorkflows> {
  // README runs-list start
  const transport = createRouteTransport({ route: '/api/stepline' });
  // Every workflow the route serves, in one request: those that need a decision first, then the newest.
  const list = await transport.listRunsAcrossWorkflows({ perPage: 20 });
  for (const run of list.runs) console.log(run.workflowId, run.runId, run.status);
  // A workflow whose list failed is named; the others' runs are listed all the same.
  for (const { workflowId, error } of list.failures) console.warn(workflowId, error.code, error.message);
  // README runs-list end
  return list;
}

import type { RunSnapshot } from '@stepline/client';
import { StatusBadge, useWorkflowRuns } from '@stepline/react';
import { demoWorkflows } from './demo-workflows';
import { StartRunForm } from './start-run-form';
import { runHref } from './use-hash-route';

interface ListedRun {
  readonly workflowId: string;
  readonly run: RunSnapshot;
}

/** Runs that wait for a person first, then running ones, then the rest, newest first within each. */
function rank(run: RunSnapshot): number {
  if (run.status === 'suspended') return 0;
  if (run.status === 'running' || run.status === 'waiting' || run.status === 'paused') return 1;
  return 2;
}

export function RunsPage() {
  // One query per workflow (a fixed list, so the hooks are always called in the same order).
  const queries = demoWorkflows.map((workflowId) => ({
    workflowId,
    // biome-ignore lint/correctness/useHookAtTopLevel: the list of workflows is a constant
    query: useWorkflowRuns(workflowId, { perPage: 20 }),
  }));
  const runs: ListedRun[] = queries
    .flatMap(({ workflowId, query }) => (query.data?.runs ?? []).map((run) => ({ workflowId, run })))
    .sort((a, b) => rank(a.run) - rank(b.run) || (b.run.createdAt ?? 0) - (a.run.createdAt ?? 0));
  const loading = queries.some(({ query }) => query.isPending);
  const errors = queries.filter(({ query }) => query.error);
  const waiting = runs.filter(({ run }) => run.status === 'suspended').length;

  return (
    <>
      <StartRunForm />
      <section className="demo__card" aria-labelledby="runs-title">
        <h2 id="runs-title">Runs</h2>
        {waiting > 0 ? (
          <p className="demo__attention">
            {waiting} {waiting === 1 ? 'run needs' : 'runs need'} a decision
          </p>
        ) : null}
        {loading && runs.length === 0 ? <p className="demo__muted">Loading runs…</p> : null}
        {errors.map(({ workflowId, query }) => (
          <p key={workflowId} role="alert">
            Could not load the runs of {workflowId}: {query.error?.message}
          </p>
        ))}
        {!loading && runs.length === 0 ? <p className="demo__muted">No runs yet: start one above.</p> : null}
        {runs.length > 0 ? (
          <table className="demo__runs">
            <thead>
              <tr>
                <th scope="col">Status</th>
                <th scope="col">Workflow</th>
                <th scope="col">Started</th>
                <th scope="col">Run</th>
              </tr>
            </thead>
            <tbody>
              {runs.map(({ workflowId, run }) => (
                <tr key={run.runId} data-status={run.status}>
                  <td>
                    {run.status === 'suspended' ? (
                      <span className="demo__needs">Needs a decision</span>
                    ) : (
                      <StatusBadge kind="run" status={run.status} />
                    )}
                  </td>
                  <td>{workflowId}</td>
                  <td>{run.createdAt === undefined ? '—' : new Date(run.createdAt).toLocaleString()}</td>
                  <td>
                    <a href={runHref(workflowId, run.runId!)}>
                      <code>{run.runId?.slice(0, 8)}</code>
                    </a>{' '}
                    <a href={runHref(workflowId, run.runId!, true)} className="demo__secondary">
                      headless
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </section>
    </>
  );
}

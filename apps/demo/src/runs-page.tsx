import { createRunState, mergeSnapshot, type RunSnapshot, selectRunOutcome } from '@stepline/client';
import { StatusBadge, useWorkflowRuns } from '@stepline/react';
import { StartRunForm } from './start-run-form';
import { runHref } from './use-hash-route';

/** "1/12/26, 10:42" in the reader's locale: short enough for a phone's column. */
const startedFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'short', timeStyle: 'short' });

/** How a run ended when its status alone would mislead: a rejected brief is a Mastra `success`. */
function outcomeOf(run: RunSnapshot & { runId: string; workflowId: string }) {
  return selectRunOutcome(
    mergeSnapshot(createRunState({ runId: run.runId, workflowId: run.workflowId }), run),
  );
}

/**
 * Every workflow's runs, those that need a decision first, then the newest: one request to the Stepline
 * route per poll (`GET /stepline/runs`; the route asks Mastra per workflow on the server).
 */
export function RunsPage() {
  const query = useWorkflowRuns({ perPage: 50 });
  // The route's runs always name their workflow; a run without an id could not be linked to.
  const runs = (query.data?.runs ?? []).flatMap((snapshot) => {
    const { runId, workflowId } = snapshot;
    if (runId === undefined || workflowId === undefined) return [];
    const run = { ...snapshot, runId, workflowId };
    return [{ run, outcome: outcomeOf(run) }];
  });
  const skipped = query.data?.skipped?.length ?? 0;
  const failures = query.data?.failures ?? [];
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
        {query.isPending ? <p className="demo__muted">Loading runs…</p> : null}
        {query.error ? <p role="alert">Could not load the runs: {query.error.message}</p> : null}
        {query.isSuccess && runs.length === 0 ? (
          <p className="demo__muted">No runs yet: start one above.</p>
        ) : null}
        {failures.map(({ workflowId, error }) => (
          <p key={workflowId} role="alert" data-workflow={workflowId}>
            The runs of {workflowId} could not be listed: {error.message}
          </p>
        ))}
        {skipped > 0 ? (
          <p className="demo__muted">
            {skipped} stored {skipped === 1 ? 'run' : 'runs'} could not be read.
          </p>
        ) : null}
        {runs.length > 0 ? (
          <div className="demo__table-scroll">
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
                {runs.map(({ run, outcome }) => (
                  <tr key={`${run.workflowId}/${run.runId}`} data-status={run.status} data-outcome={outcome}>
                    <td>
                      {run.status === 'suspended' ? (
                        <span className="demo__needs">Needs a decision</span>
                      ) : (
                        <StatusBadge kind="run" status={run.status} outcome={outcome} />
                      )}
                    </td>
                    <td>{run.workflowId}</td>
                    <td>
                      {run.createdAt === undefined ? (
                        '—'
                      ) : (
                        <time dateTime={new Date(run.createdAt).toISOString()}>
                          {startedFormat.format(run.createdAt)}
                        </time>
                      )}
                    </td>
                    <td>
                      <a href={runHref(run.workflowId, run.runId)}>
                        <code>{run.runId.slice(0, 8)}</code>
                      </a>{' '}
                      <a href={runHref(run.workflowId, run.runId, true)} className="demo__secondary">
                        headless
                      </a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>
    </>
  );
}

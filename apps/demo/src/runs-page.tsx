import { StatusBadge } from '@stepline/react';
import { StartRunForm } from './start-run-form';
import { useAllRuns } from './use-all-runs';
import { runHref } from './use-hash-route';

/** "1/12/26, 10:42" in the reader's locale: short enough for a phone's column. */
const startedFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'short', timeStyle: 'short' });

export function RunsPage() {
  const query = useAllRuns();
  const runs = query.data?.runs ?? [];
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
        {query.data && query.data.skipped > 0 ? (
          <p className="demo__muted">
            {query.data.skipped} stored {query.data.skipped === 1 ? 'run' : 'runs'} could not be read.
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

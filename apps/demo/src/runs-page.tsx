import { useWorkflowRuns } from '@stepline/react';
import { StartBriefForm } from './start-brief-form';
import { runHref } from './use-hash-route';

const workflows = ['content-brief', 'kitchen-sink', 'parallel-approvals', 'nested-approval', 'slow-pipeline'];

export function RunsPage() {
  return (
    <>
      <StartBriefForm />
      {workflows.map((workflowId) => (
        <WorkflowRunsList key={workflowId} workflowId={workflowId} />
      ))}
    </>
  );
}

/** Every run of one workflow, active ones first: how a person finds their run again after a reload. */
function WorkflowRunsList({ workflowId }: { workflowId: string }) {
  const runs = useWorkflowRuns(workflowId, { perPage: 20 });
  return (
    <section className="demo__card" aria-labelledby={`runs-${workflowId}`}>
      <h2 id={`runs-${workflowId}`}>{workflowId}</h2>
      {runs.isPending ? <p>Loading runs…</p> : null}
      {runs.error ? <p role="alert">Could not load runs: {runs.error.message}</p> : null}
      {runs.data && runs.data.runs.length === 0 ? <p>No runs yet.</p> : null}
      <ul className="demo__runs">
        {runs.data?.runs.map((run) => (
          <li key={run.runId} data-status={run.status}>
            <a href={runHref(workflowId, run.runId!)}>{run.runId}</a> <span>{run.status}</span>{' '}
            <a href={runHref(workflowId, run.runId!, true)} className="demo__secondary">
              headless view
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}

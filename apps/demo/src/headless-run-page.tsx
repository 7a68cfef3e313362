import { selectSteps, selectSuspendedSteps } from '@stepline/client';
import { useWorkflowRun } from '@stepline/react';
import { runHref } from './use-hash-route';

/**
 * The same run built only from `useWorkflowRun`: the state, the connection and the actions, and markup
 * of our own. This is the path for apps with their own design system.
 */
export function HeadlessRunPage({ workflowId, runId }: { workflowId: string; runId: string }) {
  const { run, connection, resume, cancel } = useWorkflowRun({ workflowId, runId });
  const approvals = selectSuspendedSteps(run);
  return (
    <>
      <nav className="demo__nav">
        <a href="#/">← All runs</a> · <a href={runHref(workflowId, runId)}>Full view of this run</a>
      </nav>
      <section className="demo__card" aria-labelledby="headless-title">
        <h2 id="headless-title">
          {workflowId} — {run.status}
        </h2>
        <p>
          Connection: {connection.status}
          {connection.attempt > 0 ? ` (attempt ${connection.attempt})` : ''}
        </p>
        <ol className="demo__steps">
          {selectSteps(run, { parentId: '*' }).map((step) => (
            <li
              key={step.id}
              data-status={step.status}
              style={{ marginInlineStart: `${step.depth * 1.5}rem` }}
            >
              {step.id}: {step.status}
              {step.executions.length > 1 ? ` (${step.executions.length} rounds)` : ''}
            </li>
          ))}
        </ol>
        {approvals.map((step) => (
          <div key={step.id} className="demo__approval">
            <p>
              <strong>{step.id}</strong> is waiting: {JSON.stringify(step.suspendPayload)}
            </p>
            <button
              type="button"
              onClick={() => resume({ step: step.id, resumeData: { decision: 'approve' } })}
            >
              Approve
            </button>
          </div>
        ))}
        {run.status === 'running' ? (
          <button type="button" onClick={() => cancel()} disabled={connection.cancelling}>
            {connection.cancelling ? 'Cancelling…' : 'Cancel run'}
          </button>
        ) : null}
      </section>
    </>
  );
}

import { type RunController, type StepState, selectSteps, selectSuspendedSteps } from '@stepline/client';
import { formDecision, PayloadContent, SchemaForm, useWorkflowRun } from '@stepline/react';
import { useQuery } from '@tanstack/react-query';
import { runHref } from './use-hash-route';

/**
 * The same run built only from `useWorkflowRun`: the state, the connection and the actions, and markup
 * of our own. This is the path for apps with their own design system.
 */
export function HeadlessRunPage({ workflowId, runId }: { workflowId: string; runId: string }) {
  const { run, connection, cancel, controller } = useWorkflowRun({ workflowId, runId });
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
          <HeadlessApproval
            key={`${step.id}:${step.suspendedAt}`}
            workflowId={workflowId}
            step={step}
            controller={controller}
          />
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

/**
 * One approval from the step's own resume schema: the question as its buttons (`formDecision`), the other
 * fields as a form. Works for any workflow, not only the content brief's `decision`.
 */
function HeadlessApproval({
  workflowId,
  step,
  controller,
}: {
  workflowId: string;
  step: StepState;
  controller: RunController;
}) {
  const details = useQuery({
    queryKey: ['demo', 'details', workflowId],
    queryFn: () => controller.getWorkflowDetails(),
    staleTime: Number.POSITIVE_INFINITY,
  });
  const schema = details.data?.steps[step.id]?.resumeSchema;
  const decision = formDecision(schema);
  return (
    <div className="demo__approval">
      <p>
        <strong>{step.id}</strong> is waiting for you.
      </p>
      <PayloadContent value={step.suspendPayload} schema={details.data?.steps[step.id]?.suspendSchema} />
      {details.isPending ? (
        <p>Loading the form…</p>
      ) : (
        <SchemaForm
          schema={schema}
          {...(decision === undefined ? {} : { decision })}
          submitLabel="Send"
          aria-label={`Answer ${step.id}`}
          onSubmit={(resumeData) => controller.resume({ step: step.id, resumeData })}
        />
      )}
    </div>
  );
}

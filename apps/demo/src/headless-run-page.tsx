import { type RunController, type StepState, selectSteps, selectSuspendedSteps } from '@stepline/client';
import {
  formDecision,
  PayloadContent,
  RunScope,
  SchemaForm,
  StatusBadge,
  type StepLabeler,
  useRunSelector,
  useStepLabeler,
  useWorkflowDetailsQuery,
  useWorkflowRun,
} from '@stepline/react';
import { runHref } from './use-hash-route';

/**
 * The same run built only from `useWorkflowRun` and the headless parts: the state, the connection, the
 * actions, the workflow's own step descriptions and schemas, and markup of our own. This is the path for
 * apps with their own design system.
 */
export function HeadlessRunPage({ workflowId, runId }: { workflowId: string; runId: string }) {
  const { run, connection, cancel, controller } = useWorkflowRun({ workflowId, runId });
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
        {/* The scope gives the parts below the run's controller: labels and schemas from the workflow. */}
        <RunScope controller={controller}>
          <HeadlessSteps />
          <HeadlessApprovals controller={controller} />
        </RunScope>
        {run.status === 'running' ? (
          <button type="button" onClick={() => cancel()} disabled={connection.cancelling}>
            {connection.cancelling ? 'Cancelling…' : 'Cancel run'}
          </button>
        ) : null}
      </section>
    </>
  );
}

/** Every step as the workflow describes it (`description`, else its name made readable), with its id. */
function HeadlessSteps() {
  const steps = useRunSelector((run) => selectSteps(run, { parentId: '*' }));
  const labelOf = useStepLabeler();
  return (
    <ol className="demo__steps">
      {steps.map((step) => (
        <li
          key={step.id}
          data-step-id={step.id}
          data-status={step.status}
          style={{ marginInlineStart: `${step.depth * 1.5}rem` }}
        >
          <StatusBadge status={step.status} /> <span className="demo__step-title">{labelOf(step)}</span>{' '}
          <code className="demo__step-id">{step.id}</code>
          {step.executions.length > 1 ? ` (${step.executions.length} rounds)` : ''}
        </li>
      ))}
    </ol>
  );
}

function HeadlessApprovals({ controller }: { controller: RunController }) {
  const approvals = useRunSelector(selectSuspendedSteps);
  const labelOf = useStepLabeler();
  return approvals.map((step) => (
    <HeadlessApproval
      key={`${step.id}:${step.suspendedAt}`}
      step={step}
      labelOf={labelOf}
      controller={controller}
    />
  ));
}

/**
 * One approval from the step's own schemas: the request as text (`suspendSchema`), the question as its
 * buttons (`formDecision` on the `resumeSchema`: Approve / Request changes / Reject, or Approve / Reject
 * for a yes/no field), the other fields as a form. Nothing here knows a workflow.
 */
function HeadlessApproval({
  step,
  labelOf,
  controller,
}: {
  step: StepState;
  labelOf: StepLabeler;
  controller: RunController;
}) {
  const details = useWorkflowDetailsQuery();
  const schemas = details.data?.steps[step.id];
  const decision = formDecision(schemas?.resumeSchema);
  const label = labelOf(step);
  return (
    <div className="demo__approval" data-step-id={step.id}>
      <p>
        <strong>{label}</strong> is waiting for you.
      </p>
      <PayloadContent value={step.suspendPayload} schema={schemas?.suspendSchema} />
      {details.status === 'pending' ? (
        <p>Loading the form…</p>
      ) : (
        <SchemaForm
          schema={schemas?.resumeSchema}
          {...(decision === undefined ? {} : { decision })}
          submitLabel="Send"
          aria-label={`Answer ${label}`}
          onSubmit={(resumeData) => controller.resume({ step: step.id, resumeData })}
        />
      )}
    </div>
  );
}

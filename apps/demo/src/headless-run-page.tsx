import {
  buildRunPlan,
  type PlannedStatus,
  type PlanRow,
  planStepStatus,
  type RunController,
  type StepState,
  selectSuspendedSteps,
} from '@stepline/client';
import {
  formDecision,
  PayloadContent,
  RunScope,
  SchemaForm,
  StatusBadge,
  type StepLabeler,
  useRunSelector,
  useStepLabeler,
  useWorkflowDetails,
  useWorkflowDetailsQuery,
  useWorkflowRun,
} from '@stepline/react';
import { useMemo } from 'react';
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

/** Words for a step the run has no record of yet, from the workflow's plan. */
const plannedWords: Record<PlannedStatus, string> = {
  pending: 'To come',
  skipped: 'Skipped',
  'not-run': 'Not run',
};

/** What a control-flow block of the plan is, in words. */
function blockCaption(row: Exclude<PlanRow, { kind: 'step' }>): string {
  switch (row.kind) {
    case 'parallel':
      return `In parallel (${row.size} branches)`;
    case 'conditional':
      return row.size === 1
        ? 'Only when its condition holds'
        : `Branches, as their conditions hold (${row.size})`;
    case 'loop':
      return row.round > 0 ? `Loop, round ${row.round}` : 'Loop';
    case 'foreach':
      return 'For each item';
  }
}

/**
 * The run on the workflow's own plan (`buildRunPlan` on the graph from the workflow's details): every
 * step from the start, the ones to come too, titled by the workflow's step descriptions (else the name
 * made readable), with the id beside them.
 */
function HeadlessSteps() {
  const run = useRunSelector((state) => state);
  const details = useWorkflowDetails();
  const plan = useMemo(() => buildRunPlan(run, details?.graph), [run, details]);
  const labelOf = useStepLabeler();
  return (
    <ul className="demo__steps">
      {plan.rows.map((row) => {
        const indent = { marginInlineStart: `${row.depth * 1.5}rem` };
        if (row.kind !== 'step') {
          return (
            <li key={row.key} className="demo__block" data-kind={row.kind} style={indent}>
              {blockCaption(row)}
            </li>
          );
        }
        const step = run.steps.get(row.stepId);
        const status = planStepStatus(run, row);
        return (
          <li key={row.key} data-step-id={row.stepId} data-status={status} style={indent}>
            {row.planned === undefined && step ? (
              <StatusBadge status={step.status} />
            ) : (
              <span className="demo__planned">{plannedWords[row.planned ?? 'pending']}</span>
            )}{' '}
            <span className="demo__step-title">{labelOf({ id: row.stepId, name: row.name })}</span>{' '}
            <code className="demo__step-id">{row.stepId}</code>
            {step && step.executions.length > 1 ? ` (${step.executions.length} rounds)` : ''}
          </li>
        );
      })}
    </ul>
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

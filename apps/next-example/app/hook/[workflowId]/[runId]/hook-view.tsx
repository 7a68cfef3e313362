'use client';

import { useWorkflowRun } from '@stepline/react';

/** A run view of your own on the hook: every step as a row, its status as a data attribute. */
export function HookView({ workflowId, runId }: { workflowId: string; runId: string }) {
  const { run, connection } = useWorkflowRun({ workflowId, runId });
  return (
    <section>
      <h1>
        {workflowId}: <span data-testid="run-status">{run.status}</span>
      </h1>
      <p>Connection: {connection.status}</p>
      <ol>
        {run.stepIds.toArray().map((id) => {
          const step = run.steps.get(id)!;
          return (
            <li key={id} data-step={id} data-status={step.status}>
              {id}: {step.status}
            </li>
          );
        })}
      </ol>
    </section>
  );
}

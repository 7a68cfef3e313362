'use client';

import { useStartWorkflowRun, useWorkflowRuns } from '@stepline/react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';

/** Starts a run and lists the runs of one workflow, active ones first. */
export function RunsList({ workflowId, inputData }: { workflowId: string; inputData: unknown }) {
  const runs = useWorkflowRuns(workflowId, { perPage: 20 });
  const start = useStartWorkflowRun(workflowId);
  const router = useRouter();
  return (
    <section>
      <h2>{workflowId}</h2>
      <button
        type="button"
        disabled={start.isPending}
        onClick={() =>
          start.mutate(
            { inputData },
            { onSuccess: ({ runId }) => router.push(`/runs/${workflowId}/${runId}`) },
          )
        }
      >
        Start {workflowId}
      </button>
      {runs.error && <p role="alert">{runs.error.message}</p>}
      <ul>
        {runs.data?.runs.map((run) => (
          <li key={run.runId}>
            <Link href={`/runs/${workflowId}/${run.runId}`}>{run.runId}</Link> {run.status}{' '}
            <Link href={`/hook/${workflowId}/${run.runId}`}>(hook view)</Link>
          </li>
        ))}
      </ul>
    </section>
  );
}

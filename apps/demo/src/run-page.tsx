import { WorkflowRun } from '@stepline/react';
import { runHref } from './use-hash-route';

/** The drop-in component, as an app would use it. */
export function RunPage({ workflowId, runId }: { workflowId: string; runId: string }) {
  return (
    <>
      <nav className="demo__nav">
        <a href="#/">← All runs</a> · <a href={runHref(workflowId, runId, true)}>Headless view of this run</a>
      </nav>
      <WorkflowRun workflowId={workflowId} runId={runId} />
    </>
  );
}

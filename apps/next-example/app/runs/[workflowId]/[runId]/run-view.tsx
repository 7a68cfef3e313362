'use client';

import { WorkflowRun } from '@stepline/react';

export function RunView(props: { workflowId: string; runId: string; initialSnapshot: unknown }) {
  return (
    <WorkflowRun
      workflowId={props.workflowId}
      runId={props.runId}
      {...(props.initialSnapshot === undefined ? {} : { initialSnapshot: props.initialSnapshot })}
    />
  );
}

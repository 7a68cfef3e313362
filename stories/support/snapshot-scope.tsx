import { type RunTransport, SteplineError } from '@stepline/client';
import { readWorkflowDetails } from '@stepline/client/wire';
import { RunScope, SteplineProvider, useWorkflowRun } from '@stepline/react';
import { type ReactNode, useState } from 'react';
import { loadWorkflowDetails } from '../replay/fixtures';

/**
 * A transport without a server: the workflow's details come from `fixtures/recorded/workflows`, anything
 * else fails. For stories that show a recorded state and need no network.
 */
export function fixtureTransport(): RunTransport {
  const offline = () =>
    Promise.reject(new SteplineError('network', 'This story has no server: it shows a recorded snapshot.'));
  return {
    createRun: offline,
    streamRun: offline,
    observeRun: offline,
    resumeRun: offline,
    cancelRun: offline,
    getRun: offline,
    listRuns: offline,
    getWorkflow: async (workflowId) => readWorkflowDetails(workflowId, await loadWorkflowDetails(workflowId)),
  };
}

/**
 * A run set straight from a recorded `GET runs/:runId` body (`initialSnapshot`, not watched), in scope
 * for the headless parts, with the stylesheet's theme class around them.
 */
export function SnapshotScope({
  workflowId,
  snapshot,
  children,
}: {
  workflowId: string;
  snapshot: Record<string, unknown>;
  children: ReactNode;
}) {
  const [transport] = useState(fixtureTransport);
  return (
    <SteplineProvider transport={transport}>
      <ScopedRun workflowId={workflowId} snapshot={snapshot}>
        {children}
      </ScopedRun>
    </SteplineProvider>
  );
}

function ScopedRun({
  workflowId,
  snapshot,
  children,
}: {
  workflowId: string;
  snapshot: Record<string, unknown>;
  children: ReactNode;
}) {
  const { controller } = useWorkflowRun({
    workflowId,
    runId: String(snapshot.runId),
    initialSnapshot: snapshot,
    enabled: false,
  });
  return (
    <RunScope controller={controller}>
      <div className="stepline-theme">{children}</div>
    </RunScope>
  );
}

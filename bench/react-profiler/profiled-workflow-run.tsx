import type { RunTransport } from '@stepline/client';
import { type RenderStep, SteplineProvider, WorkflowRun } from '@stepline/react';
import { Profiler } from 'react';
import { commitLog } from './commit-log.ts';

/**
 * Each timeline row inside a `<Profiler>` of its own, through the public `renderStep` prop: the content is
 * the library's default, and the profiler reports whenever anything in the row rendered.
 */
const profiledRow: RenderStep = ({ step, defaultContent }) => (
  <Profiler id={step.id} onRender={commitLog.onRow}>
    {defaultContent}
  </Profiler>
);

/** `<WorkflowRun>` as an app renders it, under a `<Profiler>` that sees every commit. */
export function ProfiledWorkflowRun({
  transport,
  workflowId,
  runId,
  virtualizeAbove,
}: {
  transport: RunTransport;
  workflowId: string;
  runId: string;
  virtualizeAbove?: number | undefined;
}) {
  return (
    <Profiler id="root" onRender={commitLog.onRoot}>
      <SteplineProvider transport={transport}>
        <WorkflowRun
          workflowId={workflowId}
          runId={runId}
          renderStep={profiledRow}
          {...(virtualizeAbove === undefined ? {} : { timeline: { virtualizeAbove } })}
        />
      </SteplineProvider>
    </Profiler>
  );
}

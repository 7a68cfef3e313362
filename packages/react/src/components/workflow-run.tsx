import { type RunSnapshot, type RunState, selectRunOutcome } from '@stepline/client';
import { memo, type ReactNode, useId } from 'react';
import { AgentOutputContext, type RenderAgentOutput } from '../agent-transcript/agent-output-context';
import { StepAgentOutput } from '../agent-transcript/step-agent-output';
import { useWorkflowRun } from '../hooks/use-workflow-run';
import { RunScope, useRunSelector, useRunStatus } from '../run-scope';
import { type RenderStep, RunTimeline, type RunTimelineRootProps } from '../run-timeline';
import { stepDetails } from '../run-timeline/step-details-part';
import { type RenderApproval, RunApprovals } from './approval-card';
import { FailureAtTopContext } from './failure-at-top';
import { JsonView } from './json-view';
import { RunAnnouncer } from './run-announcer';
import { RunFailure } from './run-failure';
import { RunHeader, type RunHeaderProps } from './run-header';
import type { StepLabels } from './step-labels';
import { visuallyHidden } from './visually-hidden';

export interface WorkflowRunProps {
  readonly workflowId: string;
  readonly runId: string;
  /** The run as the server rendered it: shown at once (also on the server), then the view goes live. */
  readonly initialSnapshot?: RunSnapshot | unknown;
  /** Set false to show the run without watching it. Default true. */
  readonly enabled?: boolean;
  /** Labels by step id; they win over the workflow's step descriptions. */
  readonly stepLabels?: StepLabels;
  /** Show Mastra's own `.map()` / `.sleep()` steps. Default false. */
  readonly showHiddenSteps?: boolean;
  /** Draw each approval yourself (default: an `ApprovalCard` with a form from the resume schema). */
  readonly renderApproval?: RenderApproval;
  /** Replace what each step of the timeline shows. */
  readonly renderStep?: RenderStep;
  /**
   * Draw the agent output of a step yourself (answer text, reasoning, tool calls): markdown, say.
   * Default: plain text with a caret while it streams, reasoning collapsed, tool calls as cards.
   */
  readonly renderAgentOutput?: RenderAgentOutput;
  /** Replace the header (`false`: none). Default: `<RunHeader title={title} />`. */
  readonly renderHeader?: ((props: RunHeaderProps) => ReactNode) | false;
  /** Replace the run's result / error panel (`false`: none). */
  readonly renderOutcome?: ((run: RunState) => ReactNode) | false;
  /** The heading. Default: the workflow id. */
  readonly title?: ReactNode;
  /** More options of the timeline (windowing threshold, row height, height of the scrolling box). */
  readonly timeline?: Omit<
    RunTimelineRootProps,
    'stepLabels' | 'showHiddenSteps' | 'renderStep' | 'children' | 'details' | 'agentOutput'
  >;
  /** Drop the `stepline-theme` class: the default stylesheet then styles nothing. */
  readonly unstyled?: boolean;
  readonly className?: string;
  /** Rendered at the end, inside the run's scope (so your parts can use `useRunStep` and friends). */
  readonly children?: ReactNode;
}

/**
 * A live workflow run, ready to drop in: header (status, elapsed time, connection, cancel), approval cards
 * for suspended steps, the step timeline, the run's result or error, and a polite live region. Every part
 * can be replaced through props, or rebuilt from `RunHeader`, `RunApprovals`, `RunTimeline`,
 * `RunAnnouncer` inside a `RunScope`. Style it with `@stepline/react/styles.css`, or `unstyled` for none.
 *
 * @example
 * import '@stepline/react/styles.css';
 * <SteplineProvider baseUrl="http://localhost:4111">
 *   <WorkflowRun workflowId="content-brief" runId={runId} />
 * </SteplineProvider>
 */
export function WorkflowRun(props: WorkflowRunProps) {
  const { workflowId, runId, initialSnapshot, enabled } = props;
  const { controller } = useWorkflowRun({
    workflowId,
    runId,
    ...(initialSnapshot === undefined ? {} : { initialSnapshot }),
    ...(enabled === undefined ? {} : { enabled }),
  });
  // The hook re-renders this component on every change of the run; the body below reads only what it
  // shows, through selectors, so a step's update re-renders that step and not the whole view.
  return (
    <RunScope controller={controller}>
      <WorkflowRunBody {...props} />
    </RunScope>
  );
}

const WorkflowRunBody = /* @__PURE__ */ memo(function WorkflowRunBody({
  workflowId,
  stepLabels,
  showHiddenSteps,
  renderApproval,
  renderStep,
  renderAgentOutput,
  renderHeader,
  renderOutcome,
  title,
  timeline,
  unstyled = false,
  className,
  children,
}: WorkflowRunProps) {
  const status = useRunStatus();
  const outcome = useRunSelector(selectRunOutcome);
  const titleId = useId();
  const classes = ['stepline-run', unstyled ? undefined : 'stepline-theme', className]
    .filter(Boolean)
    .join(' ');
  const headerProps: RunHeaderProps = { title: <span id={titleId}>{title ?? workflowId}</span> };
  return (
    <section className={classes} aria-labelledby={titleId} data-status={status} data-outcome={outcome}>
      {renderHeader === false ? (
        <span id={titleId} className="stepline-sr-only" style={visuallyHidden}>
          {typeof title === 'string' ? title : workflowId}
        </span>
      ) : renderHeader ? (
        renderHeader(headerProps)
      ) : (
        <RunHeader {...headerProps} />
      )}
      <RunAnnouncer stepLabels={stepLabels} />
      {renderOutcome === undefined && <RunFailure stepLabels={stepLabels} />}
      <RunApprovals stepLabels={stepLabels} renderApproval={renderApproval} />
      <AgentOutputContext.Provider value={renderAgentOutput}>
        <FailureAtTopContext.Provider value={renderOutcome === undefined}>
          <RunTimeline.Root
            {...timeline}
            stepLabels={stepLabels}
            showHiddenSteps={showHiddenSteps ?? false}
            renderStep={renderStep}
            // The whole view: the inspector, a step's rounds and agents' answers (each still a lazy chunk).
            details={stepDetails}
            agentOutput={StepAgentOutput}
          />
        </FailureAtTopContext.Provider>
      </AgentOutputContext.Provider>
      {renderOutcome === false ? null : renderOutcome ? (
        <RunOutcomeSlot render={renderOutcome} />
      ) : (
        <RunResult />
      )}
      {children}
    </section>
  );
});

function RunOutcomeSlot({ render }: { render: (run: RunState) => ReactNode }) {
  const run = useRunSelector((state) => state);
  return <>{render(run)}</>;
}

/**
 * The run's end: its error when it failed (once, with the failing step named; the rest of the error
 * behind "Error details"), its result when it succeeded. Nothing while it runs. `<WorkflowRun>` shows
 * the error at the top and the result at the end.
 * @example
 * <RunScope controller={controller}><RunOutcome /></RunScope>
 */
export function RunOutcome({ className }: { className?: string }) {
  return (
    <>
      <RunFailure {...(className === undefined ? {} : { className })} />
      <RunResult {...(className === undefined ? {} : { className })} />
    </>
  );
}

/** A successful run's result. */
function RunResult({ className }: { className?: string }) {
  const status = useRunSelector((run) => run.status);
  const result = useRunSelector((run) => run.result);
  if (status === 'success' && result !== undefined) {
    return (
      <div className={className ? `stepline-outcome ${className}` : 'stepline-outcome'} data-status={status}>
        <JsonView label="Result" value={result} />
      </div>
    );
  }
  return null;
}

import type { StepState } from '@stepline/client';
import { useContext, useId } from 'react';
import { FailureAtTopContext } from '../components/failure-at-top';
import type { StatusPresentation } from '../components/format';
import { failingStepId } from '../components/run-failure';
import { StepDuration } from '../components/step-duration';
import { visuallyHidden } from '../components/visually-hidden';
import { useRunSelector } from '../run-scope';
import { hasPayload } from './has-payload';
import { useIsInspected } from './inspector-store';
import { StepBar } from './step-bar';
import { StepDecisions } from './step-decisions';
import { StepProgressBar } from './step-progress-bar';
import { writeText } from './step-writes';
import { useTimelineConfig } from './timeline-context';
import { TimelineLevelList } from './timeline-level-list';

/**
 * One row: a fixed status-icon column, the name (a button that opens the inspector), the status in words
 * unless it is plainly done, a waterfall bar and a right-aligned duration; under it only what needs a
 * look (an error, foreach progress, the latest `writer` line) and light toggles.
 */
export function StepContent({
  step,
  recorded,
  status,
  label,
  rowKey,
  round,
  opensRound,
  execution,
  depth,
  childCount,
  nestedOpen,
}: {
  step: StepState;
  /** False for a step the run has not reached (a row of the plan). */
  recorded: boolean;
  status: StatusPresentation;
  label: string;
  rowKey: string;
  round: number | undefined;
  opensRound: boolean;
  execution: string | undefined;
  depth: number;
  childCount: number;
  nestedOpen: boolean;
}) {
  const { flat, toggleNested, inspector, details, agentOutput: AgentOutput } = useTimelineConfig();
  const inspected = useIsInspected(inspector, rowKey);
  // A loop's rows name their round wherever they name the step: an agent answer's region, a toggle.
  const roundLabel = round === undefined ? label : `${label} (round ${round})`;
  // The run's failure is said once: at the top of the view when the view has one there, else here.
  const saidAtTop = useContext(FailureAtTopContext);
  const failureAtTop = useRunSelector((run) => saidAtTop && failingStepId(run) === step.id, Object.is, [
    step.id,
    saidAtTop,
  ]);
  const nestedId = useId();
  const canInspect = recorded && inspector !== undefined && hasPayload(step);
  const lastWrite = step.writes.length > 0 ? writeText(step.writes.at(-1)) : undefined;
  return (
    <>
      <div className="stepline-step__row">
        <span className="stepline-step__icon" aria-hidden="true">
          {status.icon}
        </span>
        <span className="stepline-step__label">
          {opensRound && round !== undefined && <span className="stepline-step__round">Round {round}</span>}
          {canInspect ? (
            <button
              type="button"
              className="stepline-step__open"
              aria-pressed={inspected}
              onClick={() =>
                inspector.select(inspected ? undefined : { rowKey, stepId: step.id, execution, round })
              }
            >
              {label}
              {round !== undefined && (
                <span className="stepline-sr-only" style={visuallyHidden}>
                  {' '}
                  (round {round})
                </span>
              )}
            </button>
          ) : (
            <span className="stepline-step__name">{label}</span>
          )}
          <span
            className={status.tone === 'success' ? 'stepline-sr-only' : 'stepline-step__status'}
            style={status.tone === 'success' ? visuallyHidden : undefined}
            data-tone={status.tone}
          >
            {status.tone === 'success' ? `, ${status.label}` : status.label}
          </span>
        </span>
        <StepBar step={step} />
        <StepDuration className="stepline-step__duration" step={step} />
      </div>
      {step.error && step.status === 'failed' && !failureAtTop && (
        <p className="stepline-step__error">
          <span className="stepline-sr-only" style={visuallyHidden}>
            Error:{' '}
          </span>
          {step.error.message}
        </p>
      )}
      {step.resumePayload !== undefined && <StepDecisions step={step} />}
      {step.progress && <StepProgressBar step={step} label={roundLabel} />}
      {AgentOutput && <AgentOutput step={step} label={roundLabel} />}
      {lastWrite !== undefined && (
        <p className="stepline-step__write">
          <span className="stepline-sr-only" style={visuallyHidden}>
            Latest output of {roundLabel}:{' '}
          </span>
          {lastWrite}
        </p>
      )}
      {((details && step.executions.length > 1) || childCount > 0) && (
        <div className="stepline-step__toggles">
          {details && step.executions.length > 1 && (
            <details.Rounds executions={step.executions.toArray()} label={label} />
          )}
          {childCount > 0 && (
            <button
              type="button"
              className="stepline-link stepline-step__nested-toggle"
              aria-expanded={nestedOpen}
              aria-controls={flat ? undefined : nestedId}
              data-state={nestedOpen ? 'open' : 'closed'}
              onClick={() => toggleNested(rowKey)}
            >
              {nestedOpen ? 'Hide' : 'Show'} {childCount} inner {childCount === 1 ? 'step' : 'steps'}
              <span className="stepline-sr-only" style={visuallyHidden}>
                {' '}
                of {roundLabel}
              </span>
            </button>
          )}
        </div>
      )}
      {!flat && childCount > 0 && nestedOpen && (
        <TimelineLevelList
          id={nestedId}
          className="stepline-timeline stepline-timeline--nested"
          label={`Inner steps of ${roundLabel}`}
          parentId={step.id}
          depth={depth + 1}
        />
      )}
    </>
  );
}

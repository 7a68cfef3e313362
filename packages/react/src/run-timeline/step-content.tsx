import type { StepState } from '@stepline/client';
import { useId } from 'react';
import { Duration } from '../components/duration';
import { isStepActive } from '../components/format';
import { StatusBadge } from '../components/status-badge';
import { StepIterations } from './step-iterations';
import { StepPayloads } from './step-payloads';
import { StepProgressBar } from './step-progress-bar';
import { StepWrites } from './step-writes';
import { useTimelineConfig } from './timeline-context';
import { TimelineLevelList } from './timeline-root';
import { hasPayload } from './timeline-step';

export function StepContent({
  step,
  label,
  depth,
  childCount,
  nestedOpen,
  detailsOpen,
  onToggleDetails,
  branch,
  branches,
}: {
  step: StepState;
  label: string;
  depth: number;
  childCount: number;
  nestedOpen: boolean;
  detailsOpen: boolean;
  onToggleDetails: () => void;
  branch: number;
  branches: number;
}) {
  const { flat, toggleNested } = useTimelineConfig();
  const detailsId = useId();
  const nestedId = useId();
  const showDetails = hasPayload(step);
  return (
    <>
      <div className="stepline-step__row">
        <StatusBadge status={step.status} />
        <span className="stepline-step__label">
          {label}
          {branches > 0 && (
            <span className="stepline-step__branch">
              {' '}
              (parallel branch {branch} of {branches})
            </span>
          )}
        </span>
        <Duration
          className="stepline-step__duration"
          startedAt={step.startedAt}
          endedAt={step.endedAt ?? (step.status === 'suspended' ? step.suspendedAt : undefined)}
          live={isStepActive(step.status)}
        />
        {showDetails && (
          <button
            type="button"
            className="stepline-button stepline-step__toggle"
            aria-expanded={detailsOpen}
            aria-controls={detailsId}
            data-state={detailsOpen ? 'open' : 'closed'}
            onClick={onToggleDetails}
          >
            {detailsOpen ? 'Hide details' : 'Details'}
            <span className="stepline-sr-only"> of {label}</span>
          </button>
        )}
      </div>
      {step.error && step.status === 'failed' && (
        <p className="stepline-step__error">
          <span className="stepline-step__error-label">Error: </span>
          {step.error.message}
        </p>
      )}
      {step.progress && <StepProgressBar step={step} label={label} />}
      {step.writes.length > 0 && <StepWrites writes={step.writes} label={label} />}
      {showDetails && (
        <div className="stepline-step__details" id={detailsId} hidden={!detailsOpen}>
          {detailsOpen && <StepPayloads value={step} />}
        </div>
      )}
      {step.executions.length > 1 && <StepIterations executions={step.executions} label={label} />}
      {childCount > 0 && (
        <div className="stepline-step__nested">
          <button
            type="button"
            className="stepline-button stepline-step__nested-toggle"
            aria-expanded={nestedOpen}
            aria-controls={flat ? undefined : nestedId}
            data-state={nestedOpen ? 'open' : 'closed'}
            onClick={() => toggleNested(step.id)}
          >
            {nestedOpen ? 'Hide' : 'Show'} {childCount} inner {childCount === 1 ? 'step' : 'steps'}
            <span className="stepline-sr-only"> of {label}</span>
          </button>
          {!flat && nestedOpen && (
            <TimelineLevelList
              id={nestedId}
              className="stepline-timeline stepline-timeline--nested"
              label={`Inner steps of ${label}`}
              parentId={step.id}
              depth={depth + 1}
            />
          )}
        </div>
      )}
    </>
  );
}

/** Input, output, error, approval request and resume data of a step or one of its executions. */

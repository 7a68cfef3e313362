import { isStepActive, type StepExecution, type StepState } from '@stepline/client';
import { useId, useState } from 'react';
import { Duration } from '../components/duration';
import { StatusBadge } from '../components/status-badge';
import { visuallyHidden } from '../components/visually-hidden';
import { hasPayload } from './has-payload';
import { StepPayloads } from './step-payloads';

/**
 * The rounds of a step that ran more than once, each with its status, duration and payloads on demand. In
 * the timeline's lazy chunk (step-details.ts), drawn when a person first opens a step's rounds.
 */
export function StepIterationRows({ executions }: { executions: readonly StepExecution[] }) {
  return executions.map((execution, index) => (
    <StepIteration key={execution.key} execution={execution} number={execution.iteration ?? index + 1} />
  ));
}

export function StepIteration({ execution, number }: { execution: StepExecution; number: number }) {
  const [open, setOpen] = useState(false);
  const detailsId = useId();
  const hasDetails = hasPayload(execution as unknown as StepState);
  return (
    <li className="stepline-iteration" data-status={execution.status} data-state={open ? 'open' : 'closed'}>
      <div className="stepline-iteration__row">
        <StatusBadge status={execution.status} />
        <span className="stepline-iteration__label">Round {number}</span>
        <Duration
          className="stepline-iteration__duration"
          startedAt={execution.startedAt}
          endedAt={
            execution.endedAt ?? (execution.status === 'suspended' ? execution.suspendedAt : undefined)
          }
          live={isStepActive(execution.status)}
        />
        {hasDetails && (
          <button
            type="button"
            className="stepline-link stepline-iteration__toggle"
            aria-expanded={open}
            aria-controls={detailsId}
            onClick={() => setOpen((current) => !current)}
          >
            {open ? 'Hide details' : 'Details'}
            <span className="stepline-sr-only" style={visuallyHidden}>
              {' '}
              of round {number}
            </span>
          </button>
        )}
      </div>
      {hasDetails && (
        <div className="stepline-iteration__details" id={detailsId} hidden={!open}>
          {open && <StepPayloads value={execution} />}
        </div>
      )}
    </li>
  );
}

import { type RunState, type SerializedError, selectFailedStep } from '@stepline/client';
import type { ReactNode } from 'react';
import { useRunSelector } from '../run-scope';
import { JsonView } from './json-view';
import { type StepLabels, useStepLabeler } from './step-labels';

/**
 * The step whose failure failed the run (`selectFailedStep`), while the run is failed; `undefined` when
 * none did (invalid input fails a run before any step).
 * @example failingStepId(run) // 'charge-card'
 */
export function failingStepId(run: RunState): string | undefined {
  if (run.status !== 'failed' && run.status !== 'tripwire') return undefined;
  return selectFailedStep(run)?.id;
}

function failingStep(run: RunState) {
  const id = failingStepId(run);
  return id === undefined ? undefined : run.steps.get(id);
}

export interface RunFailureProps {
  readonly stepLabels?: StepLabels;
  readonly className?: string;
}

/**
 * A failed run's error, once, at the top: "The run failed at Charge card: Card declined for order-7".
 * The rest of the error (a stack, a cause, a code) is behind "Error details". Nothing unless the run
 * failed.
 *
 * @example
 * <RunScope controller={controller}><RunFailure /></RunScope>
 */
export function RunFailure({ stepLabels, className }: RunFailureProps): ReactNode {
  const status = useRunSelector((run) => run.status);
  const stepId = useRunSelector(failingStepId);
  const step = useRunSelector(failingStep);
  const error = useRunSelector((run): SerializedError | undefined => run.error ?? failingStep(run)?.error);
  const labelOf = useStepLabeler(stepLabels);
  if (status !== 'failed' && status !== 'tripwire') return null;
  const extra = error === undefined ? undefined : errorDetails(error);
  return (
    <div
      className={className ? `stepline-failure ${className}` : 'stepline-failure'}
      data-status={status}
      data-step-id={stepId}
    >
      <p className="stepline-failure__message">
        <span className="stepline-failure__icon" aria-hidden="true">
          ✕
        </span>{' '}
        <strong>{status === 'tripwire' ? 'The run was blocked' : 'The run failed'}</strong>
        {step !== undefined && <> at {labelOf(step)}</>}
        {error?.message ? `: ${error.message}` : '.'}
      </p>
      {extra !== undefined && (
        <details className="stepline-failure__details">
          <summary>Error details</summary>
          <JsonView value={extra} />
        </details>
      )}
    </div>
  );
}

/** The error without the message already said above; `undefined` when nothing is left but its name. */
function errorDetails(error: SerializedError): unknown {
  const { message: _message, name, ...rest } = error as SerializedError & Record<string, unknown>;
  if (Object.keys(rest).length === 0) return undefined;
  return name === undefined || name === 'Error' ? rest : { name, ...rest };
}

import type { RunStatus, StepStatus } from '@stepline/client';
import { runPresentation, stepStatusPresentation } from './format';

export interface StatusBadgeProps {
  readonly status: StepStatus | RunStatus;
  /** Words for a run (`Succeeded`) or for a step (`Done`). Default `step`. */
  readonly kind?: 'step' | 'run';
  /** For a run: how it ended when its status alone would mislead (`selectRunOutcome`): "Rejected". */
  readonly outcome?: 'rejected' | 'ended-early' | undefined;
  readonly className?: string;
}

/**
 * A status as an icon and words; the icon is decoration, the words carry the meaning (never color alone).
 * @example
 * <StatusBadge status={step.status} />
 */
export function StatusBadge({ status, kind = 'step', outcome, className }: StatusBadgeProps) {
  const presentation =
    kind === 'run'
      ? runPresentation(status as RunStatus, outcome)
      : stepStatusPresentation(status as StepStatus);
  return (
    <span
      className={className ? `stepline-status ${className}` : 'stepline-status'}
      data-status={status}
      data-tone={presentation.tone}
      data-outcome={outcome}
    >
      <span className="stepline-status__icon" aria-hidden="true">
        {presentation.icon}
      </span>
      <span className="stepline-status__text">{presentation.label}</span>
    </span>
  );
}

import { isStepActive, type StepState, selectStepTiming } from '@stepline/client';
import type { ReactNode } from 'react';
import { useNow } from './clock';
import { formatWaited } from './clock-time';
import { formatDuration, formatLiveDuration, isoDuration } from './format';

export interface StepDurationProps {
  readonly step: StepState;
  readonly className?: string;
}

/**
 * A step's time as people read it: the work it did (`1.2 s`, whole seconds while it runs: `< 1 s`,
 * `3 s`), and apart from it the time it waited for a person (`waited 3 min`, or `waiting 3 min` while it
 * still does). An approval that sat for an hour is not an hour of work.
 *
 * @example
 * <StepDuration step={step} />
 */
export function StepDuration({ step, className }: StepDurationProps): ReactNode {
  const suspended = step.status === 'suspended';
  const running = isStepActive(step.status);
  const now = useNow(running || suspended);
  const timing = selectStepTiming(step, now);
  const work = timing.workMs;
  const classes = className ? `stepline-duration ${className}` : 'stepline-duration';
  const waitWords =
    timing.waitingSince !== undefined
      ? now === undefined
        ? undefined
        : `waiting ${formatWait(timing.waitedMs)}`
      : timing.waitedMs > 0
        ? `waited ${formatWait(timing.waitedMs)}`
        : undefined;
  if (work === undefined && waitWords === undefined) return null;
  const live = running && step.endedAt === undefined;
  return (
    <span className={classes} data-live={live ? 'true' : undefined}>
      {work !== undefined && (
        <time className="stepline-duration__work" dateTime={isoDuration(work)}>
          {live ? formatLiveDuration(work) : formatDuration(work)}
        </time>
      )}
      {waitWords !== undefined && (
        <span className="stepline-duration__waited" data-waiting={suspended ? 'true' : undefined}>
          {work !== undefined ? ' · ' : ''}
          {waitWords}
        </span>
      )}
    </span>
  );
}

/** A wait beside a duration: "< 1 s" rather than "just now" for an answer that came at once. */
function formatWait(ms: number): string {
  return ms < 1000 ? '< 1 s' : formatWaited(ms);
}

import { isStepActive, type RunState, type StepState } from '@stepline/client';
import type { CSSProperties } from 'react';
import { useRunSelector } from '../run-scope';

/**
 * Where the run's time starts: the first step's start. Read in O(1) by every row, and it stays put once
 * the run has begun, so it never re-renders the rows.
 */
export function timelineOrigin(run: RunState): number | undefined {
  const first = run.stepIds.at(0);
  return first === undefined ? undefined : run.steps.get(first)?.startedAt;
}

/**
 * When the step ran within the run, as a bar on the run's time axis (the Trigger.dev / Inngest
 * waterfall). The bar's position is in milliseconds from the origin; the scale (`--stepline-span`, the
 * run's length so far) is set once on the list, so a longer run moves no row's props.
 */
export function StepBar({ step }: { step: StepState }) {
  const origin = useRunSelector(timelineOrigin);
  if (step.startedAt === undefined || origin === undefined) {
    return <span className="stepline-step__bar" aria-hidden="true" />;
  }
  const end = step.endedAt ?? (step.status === 'suspended' ? step.suspendedAt : undefined);
  const style: Record<string, number> = { '--stepline-bar-start': Math.max(0, step.startedAt - origin) };
  // A running step's bar reaches the run's "now": the end of the scale.
  if (end !== undefined && !isStepActive(step.status))
    style['--stepline-bar-end'] = Math.max(0, end - origin);
  return (
    <span className="stepline-step__bar" aria-hidden="true">
      <span className="stepline-step__bar-fill" style={style as CSSProperties} />
    </span>
  );
}

import type { RunState } from '@stepline/client';
import type { CSSProperties, ReactNode } from 'react';
import { useNow } from '../components/clock';
import { useRunSelector } from '../run-scope';
import { timelineOrigin } from './step-bar';

/** How far the run's recorded times reach past the origin, in ms. */
function recordedSpan(run: RunState): number {
  const origin = timelineOrigin(run);
  if (origin === undefined) return 0;
  let end = origin;
  for (const id of run.stepIds) {
    const step = run.steps.get(id);
    if (!step) continue;
    end = Math.max(end, step.endedAt ?? step.suspendedAt ?? step.startedAt ?? end);
  }
  return end - origin;
}

function hasRunningSteps(run: RunState): boolean {
  return run.steps.countOf('running') + run.steps.countOf('waiting') > 0;
}

/**
 * Sets the time axis of the waterfall bars (`--stepline-span`) on a wrapper of the list. Only this
 * wrapper re-renders as the run grows or the clock ticks: its children are the same elements, so React
 * skips them, and each bar scales through CSS. A run waiting for a person does not stretch the axis.
 */
export function TimelineScale({ children }: { children: ReactNode }) {
  const span = useRunSelector(recordedSpan);
  const origin = useRunSelector(timelineOrigin);
  const live = useRunSelector(hasRunningSteps);
  const now = useNow(live);
  const reach = live && now !== undefined && origin !== undefined ? Math.max(span, now - origin) : span;
  return (
    <div
      className="stepline-timeline-scale"
      style={{ '--stepline-span': Math.max(1, reach) } as CSSProperties}
    >
      {children}
    </div>
  );
}

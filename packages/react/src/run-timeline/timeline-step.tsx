import type { RunState, StepState } from '@stepline/client';
import { type CSSProperties, memo, useCallback, useState } from 'react';
import { stepStatusPresentation } from '../components/format';
import { useRunSelector, useRunStep } from '../run-scope';
import { StepContent } from './step-content';
import { type RenderStep, useTimelineConfig } from './timeline-context';

export interface RunTimelineStepProps {
  readonly id: string;
  readonly depth?: number;
  readonly className?: string;
  /** Replace this step's content; the default is passed as `defaultContent`. */
  readonly children?: RenderStep;
}

/**
 * One step as a list item; it re-renders when this step changes and not when another one does.
 * @example
 * <RunTimeline.Step id="publish" />
 */
export function RunTimelineStep({ id, depth = 0, className, children }: RunTimelineStepProps) {
  const { collapsed } = useTimelineConfig();
  return (
    <TimelineStepItem
      id={id}
      depth={depth}
      className={className}
      render={children}
      nestedOpen={!collapsed.has(id)}
    />
  );
}

export interface TimelineStepItemProps {
  readonly id: string;
  readonly depth: number;
  /** Inner steps when known from the list; counted here otherwise. */
  readonly childCount?: number | undefined;
  readonly nestedOpen: boolean;
  readonly className?: string | undefined;
  readonly render?: RenderStep | undefined;
  /** Flat rows: position among parallel branches, position in the whole list, and the row's measuring ref. */
  readonly branch?: number;
  readonly branches?: number;
  readonly posInSet?: number;
  readonly setSize?: number;
  readonly measure?: ((id: string, element: HTMLElement | null) => void) | undefined;
}

export const TimelineStepItem = /* @__PURE__ */ memo(function TimelineStepItem({
  id,
  depth,
  childCount: knownChildCount,
  nestedOpen,
  className,
  render,
  branch = 0,
  branches = 0,
  posInSet,
  setSize,
  measure,
}: TimelineStepItemProps) {
  const step = useRunStep(id);
  const config = useTimelineConfig();
  // Counted here only when the list did not say (a step placed by hand in a custom composition).
  const counted = useRunSelector((run) =>
    knownChildCount === undefined ? countChildren(run, id, config.showHiddenSteps) : 0,
  );
  const childCount = knownChildCount ?? counted;
  const [detailsOpen, setDetailsOpen] = useState(false);
  const ref = useCallback((element: HTMLLIElement | null) => measure?.(id, element), [measure, id]);
  if (!step) return null;

  const label = config.labelOf(step);
  const status = stepStatusPresentation(step.status);
  const defaultContent = (
    <StepContent
      step={step}
      label={label}
      depth={depth}
      childCount={childCount}
      nestedOpen={nestedOpen}
      detailsOpen={detailsOpen}
      onToggleDetails={() => setDetailsOpen((open) => !open)}
      branch={branch}
      branches={branches}
    />
  );
  const renderStep = render ?? config.renderStep;
  const style = { '--stepline-depth': depth } as CSSProperties;
  return (
    <li
      ref={measure ? ref : undefined}
      className={className ? `stepline-step ${className}` : 'stepline-step'}
      data-step-id={step.id}
      data-status={step.status}
      data-tone={status.tone}
      data-state={detailsOpen ? 'open' : 'closed'}
      data-depth={depth}
      data-nested={childCount > 0 ? (nestedOpen ? 'open' : 'closed') : undefined}
      data-parallel={
        branches > 0 ? (branch === 1 ? 'first' : branch === branches ? 'last' : 'middle') : undefined
      }
      data-hidden-step={step.hidden ? 'true' : undefined}
      aria-posinset={posInSet}
      aria-setsize={setSize}
      style={style}
    >
      {renderStep ? renderStep({ step, label, status, depth, defaultContent }) : defaultContent}
    </li>
  );
});

export function countChildren(run: RunState, parentId: string, includeHidden: boolean): number {
  let count = 0;
  for (const id of run.stepIds) {
    const step = run.steps.get(id);
    if (step?.parentId === parentId && (includeHidden || !step.hidden)) count++;
  }
  return count;
}

export function hasPayload(step: StepState): boolean {
  return (
    step.input !== undefined ||
    step.output !== undefined ||
    step.error !== undefined ||
    step.suspendPayload !== undefined ||
    step.resumePayload !== undefined
  );
}

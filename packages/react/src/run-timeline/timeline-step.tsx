import {
  createStepState,
  type PlannedStatus,
  type RunState,
  type StepState,
  stepAtExecution,
  stepRoundsEqual,
} from '@stepline/client';
import { type CSSProperties, memo, useCallback, useMemo } from 'react';
import { type StatusPresentation, stepPresentation } from '../components/format';
import { useRunSelector } from '../run-scope';
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
  /** What the plan says of a step the run has not reached (drawn dimmed). */
  readonly planned?: PlannedStatus | undefined;
  /** The step's own id, for a label while the run has no record of it. */
  readonly name?: string | undefined;
  /** The row's key in the plan (the step id, `id#round` in a loop's later rounds). Default: `id`. */
  readonly rowKey?: string | undefined;
  /** The loop round the row belongs to, and whether it is the round's first row (it names the round). */
  readonly round?: number | undefined;
  readonly opensRound?: boolean | undefined;
  /** The step's execution in that round: the row shows that round, not the step's latest. */
  readonly execution?: string | undefined;
  readonly className?: string | undefined;
  readonly render?: RenderStep | undefined;
  /** Position in the whole list, and the row's measuring ref (windowed lists). */
  readonly posInSet?: number;
  readonly setSize?: number;
  readonly measure?: ((id: string, element: HTMLElement | null) => void) | undefined;
}

const notRun: StatusPresentation = { label: 'Not run', icon: '–', tone: 'muted' };

export const TimelineStepItem = /* @__PURE__ */ memo(function TimelineStepItem({
  id,
  depth,
  childCount: knownChildCount,
  nestedOpen,
  planned,
  name,
  rowKey = id,
  round,
  opensRound = false,
  execution,
  className,
  render,
  posInSet,
  setSize,
  measure,
}: TimelineStepItemProps) {
  // A row of a loop's round re-renders when its round changes, not when a later round does.
  const recorded = useRunSelector(
    (run) => {
      const step = run.steps.get(id);
      return step && execution !== undefined ? (stepAtExecution(step, execution) ?? step) : step;
    },
    execution === undefined ? Object.is : stepRoundsEqual,
    [id, execution],
  );
  const config = useTimelineConfig();
  // Counted here only when the list did not say (a step placed by hand in a custom composition).
  const counted = useRunSelector(
    (run) => (knownChildCount === undefined ? countChildren(run, id, config.showHiddenSteps) : 0),
    Object.is,
    [knownChildCount, id, config.showHiddenSteps],
  );
  const childCount = knownChildCount ?? counted;
  const ref = useCallback((element: HTMLLIElement | null) => measure?.(rowKey, element), [measure, rowKey]);
  // The plan's word wins: a step of a loop's body that ran in an earlier round has a record, but has
  // not run yet in this one.
  const placeholder = useMemo(
    () => (planned ? plannedStep(id, name, planned) : undefined),
    [planned, id, name],
  );
  const step = placeholder ?? recorded;
  if (!step) return null;

  const waiting = placeholder !== undefined;
  const label = config.labelOf(step);
  const status = waiting && planned === 'not-run' ? notRun : stepPresentation(step);
  const defaultContent = (
    <StepContent
      step={step}
      recorded={!waiting}
      status={status}
      label={label}
      rowKey={rowKey}
      round={round}
      opensRound={opensRound}
      execution={execution}
      depth={depth}
      childCount={childCount}
      nestedOpen={nestedOpen}
    />
  );
  const renderStep = render ?? config.renderStep;
  const style = { '--stepline-depth': depth } as CSSProperties;
  return (
    <li
      ref={measure ? ref : undefined}
      className={className ? `stepline-step ${className}` : 'stepline-step'}
      data-step-id={step.id}
      data-row-key={rowKey}
      data-round={round}
      data-status={step.status}
      data-planned={waiting ? planned : undefined}
      data-tone={status.tone}
      data-depth={depth}
      data-nested={childCount > 0 ? (nestedOpen ? 'open' : 'closed') : undefined}
      data-hidden-step={step.hidden ? 'true' : undefined}
      aria-posinset={posInSet}
      aria-setsize={setSize}
      style={style}
    >
      {renderStep ? renderStep({ step, label, status, depth, defaultContent }) : defaultContent}
    </li>
  );
});

/** A step the run has not reported, as the plan knows it: enough for a label and a status. */
function plannedStep(id: string, name: string | undefined, planned: PlannedStatus): StepState {
  const step = createStepState(id, false);
  return { ...step, name: name ?? step.name, status: planned === 'skipped' ? 'skipped' : 'pending' };
}

export function countChildren(run: RunState, parentId: string, includeHidden: boolean): number {
  let count = 0;
  for (const id of run.stepIds) {
    const step = run.steps.get(id);
    if (step?.parentId === parentId && (includeHidden || !step.hidden)) count++;
  }
  return count;
}

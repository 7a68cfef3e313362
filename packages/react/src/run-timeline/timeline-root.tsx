import {
  collapsePlanRows,
  countPlanSteps,
  filterPlanRows,
  type PlanRow,
  planRowsEqual,
  planStepStatus,
  type StatusGroup,
  type StepState,
  statusGroup,
} from '@stepline/client';
import { type ComponentType, type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useLazyPart } from '../components/lazy-part';
import { type StepLabels, useStepLabeler } from '../components/step-labels';
import { useRunController } from '../run-scope';
import { focusRow } from './focus-row';
import { virtualTimeline } from './lazy-virtual-timeline';
import { PlanBlockItem } from './plan-block';
import type { StepDetailsPart } from './step-details-part';
import {
  type AgentOutputSlotProps,
  type RenderStep,
  type TimelineConfig,
  TimelineContext,
  useTimelineConfig,
} from './timeline-context';
import { TimelineScale } from './timeline-scale';
import { TimelineStepItem } from './timeline-step';
import { countsEqual, type TimelineFilter, TimelineSummary } from './timeline-summary';
import { useRunDerived, useRunPlan } from './use-run-plan';
import type { RevealRequest, VirtualTimelineProps } from './virtual-timeline';

export interface RunTimelineRootProps {
  /** Labels by step id; they win over the workflow's step descriptions. */
  readonly stepLabels?: StepLabels;
  /** Show Mastra's own `.map()` / `.sleep()` steps. Default false. */
  readonly showHiddenSteps?: boolean;
  /** Replace what each step shows (inside its list item). */
  readonly renderStep?: RenderStep;
  /**
   * The step inspector (a row's name opens the step's input, output, error and writes; a failed run opens
   * its failing step) and a step's rounds: `stepDetails` from `@stepline/react/inspector`. Opt-in, so a
   * timeline without them ships none of their code; without it rows are not buttons and rounds are not
   * listed.
   */
  readonly details?: StepDetailsPart;
  /**
   * What draws an agent's answer under its row: `StepAgentOutput` from `@stepline/react/agent` (styled by
   * the nearest `renderAgentOutput`). Opt-in, so a timeline of workflows without agents ships none of it.
   */
  readonly agentOutput?: ComponentType<AgentOutputSlotProps>;
  /**
   * More to show in the inspector for a step (below its input, output, error and writes): an agent's
   * transcript, links to your own logs. Needs `details`.
   */
  readonly renderInspector?: (step: StepState) => ReactNode;
  /** Window the list when it has more rows than this. Default 200. */
  readonly virtualizeAbove?: number;
  /** Show the summary line (counts, "jump to the running step", filters) above this many rows. Default 12. */
  readonly summaryAbove?: number;
  /** Row height assumed before a row is measured, in px. Default 44. */
  readonly estimatedRowHeight?: number;
  /** Rows rendered above and below the visible ones. Default 8. */
  readonly overscan?: number;
  /** Height of the scrolling box of a windowed list. Default 600 (px). */
  readonly maxHeight?: number | string;
  readonly className?: string;
  /** The list's accessible name. Default "Steps". */
  readonly 'aria-label'?: string;
  /**
   * Your own composition of `RunTimeline.Step` and `RunTimeline.Group` (see `useTimelineGroups`); by
   * default the run's steps, parallel branches grouped and nested workflows under their container.
   */
  readonly children?: ReactNode;
}

/**
 * The steps of the run in scope as an ordered list, one list item per step: status in words, label,
 * duration (live while running), input/output/error on demand, loop iterations, `.foreach()` progress,
 * `writer` output, nested workflows as collapsible sub-lists, parallel branches grouped. Large runs are
 * windowed. Headless: state is in `data-status` / `data-state`, classes are `stepline-…`.
 *
 * @example
 * <RunScope controller={controller}>
 *   <RunTimeline.Root stepLabels={{ publish: 'Publish to the CMS' }} />
 * </RunScope>
 */
export function RunTimelineRoot(props: RunTimelineRootProps) {
  const showHiddenSteps = props.showHiddenSteps ?? false;
  // A change of `showHiddenSteps` (or of the threshold) remounts the list: its selectors read differently.
  return (
    <TimelineRootInner
      key={`${showHiddenSteps ? 'all' : 'visible'}:${props.virtualizeAbove ?? 200}:${props.details ? 'details' : ''}`}
      {...props}
      showHiddenSteps={showHiddenSteps}
    />
  );
}

export function TimelineRootInner({
  stepLabels,
  showHiddenSteps = false,
  renderStep,
  details,
  agentOutput,
  renderInspector,
  virtualizeAbove = 200,
  summaryAbove = 12,
  estimatedRowHeight = 44,
  overscan = 8,
  maxHeight = 600,
  className,
  'aria-label': ariaLabel = 'Steps',
  children,
}: RunTimelineRootProps) {
  const labelOf = useStepLabeler(stepLabels);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(() => new Set());
  const toggleNested = useCallback((stepId: string) => {
    setCollapsed((current) => {
      const next = new Set(current);
      if (!next.delete(stepId)) next.add(stepId);
      return next;
    });
  }, []);
  // Without the inspector's part there is nothing to open: rows are not buttons.
  const [inspector] = useState(() => details?.createStore());
  const flat = children === undefined;
  // Your own composition opens the failing step whole; the planned list opens its round (it knows the rows).
  const useOpenFailingStep = details?.useOpenFailingStep ?? withoutInspector;
  useOpenFailingStep(inspector, undefined, !flat);
  const config = useMemo<TimelineConfig>(
    () => ({
      labelOf,
      renderStep,
      showHiddenSteps,
      collapsed,
      toggleNested,
      flat,
      inspector,
      details,
      agentOutput,
    }),
    [labelOf, renderStep, showHiddenSteps, collapsed, toggleNested, flat, inspector, details, agentOutput],
  );
  const classes = className ? `stepline-timeline ${className}` : 'stepline-timeline';
  const content =
    children !== undefined ? (
      <ol className={classes} aria-label={ariaLabel}>
        {children}
      </ol>
    ) : (
      <PlannedTimeline
        className={classes}
        label={ariaLabel}
        virtualizeAbove={virtualizeAbove}
        summaryAbove={summaryAbove}
        estimatedRowHeight={estimatedRowHeight}
        overscan={overscan}
        maxHeight={maxHeight}
      />
    );
  return (
    <TimelineContext.Provider value={config}>
      {/* The outer box is measured (a container query), the inner one laid out by what it measures. */}
      <div className="stepline-timeline-layout">
        <div className="stepline-timeline-layout__grid">
          <div className="stepline-timeline-main">{content}</div>
          {details && inspector && <details.Inspector store={inspector} renderInspector={renderInspector} />}
        </div>
      </div>
    </TimelineContext.Provider>
  );
}

/**
 * Stands in for `details.useOpenFailingStep` when there is no inspector to open. Whether there is one is
 * fixed for a mount (the root is keyed by it), so each render calls the same hooks.
 */
function withoutInspector(): void {}

const filterGroups: Record<Exclude<TimelineFilter, 'all'>, readonly StatusGroup[]> = {
  failed: ['failed'],
  waiting: ['waiting'],
};

/** The run drawn on its plan: summary, filters, a plain or windowed list of rows, on a time axis. */
function PlannedTimeline({
  className,
  label,
  virtualizeAbove,
  summaryAbove,
  estimatedRowHeight,
  overscan,
  maxHeight,
}: {
  className: string;
  label: string;
  virtualizeAbove: number;
  summaryAbove: number;
  estimatedRowHeight: number;
  overscan: number;
  maxHeight: number | string;
}) {
  const { showHiddenSteps, collapsed, inspector, details } = useTimelineConfig();
  const controller = useRunController('RunTimeline.Root');
  const plan = useRunPlan(showHiddenSteps);
  const useOpenFailingStep = details?.useOpenFailingStep ?? withoutInspector;
  useOpenFailingStep(inspector, plan.rows);
  const [filter, setFilter] = useState<TimelineFilter>('all');
  const [reveal, setReveal] = useState<RevealRequest | undefined>(undefined);
  const listRef = useRef<HTMLDivElement>(null);
  const collapsedRows = useMemo(() => collapsePlanRows(plan.rows, collapsed), [plan.rows, collapsed]);
  const filtered = useRunDerived(
    (run) => (filter === 'all' ? undefined : filterPlanRows(run, plan.rows, filterGroups[filter])),
    [filter, plan.rows],
    (a, b) => a === b || (a !== undefined && b !== undefined && planRowsEqual(a, b)),
  );
  const rows = filtered ?? collapsedRows;
  const stepRows = useMemo(() => plan.rows.filter((row) => row.kind === 'step').length, [plan.rows]);
  const withSummary = stepRows > summaryAbove;
  const counts = useRunDerived(
    (run) => (withSummary ? countPlanSteps(run, plan.rows) : undefined),
    [withSummary, plan.rows],
    (a, b) => a === b || (a !== undefined && b !== undefined && countsEqual(a, b)),
  );
  const virtualized = rows.length > virtualizeAbove;
  const windowSoon = rows.length > virtualizeAbove / 2;
  useEffect(() => {
    if (windowSoon) virtualTimeline.preload().catch(() => {});
  }, [windowSoon]);

  const jump = () => {
    const run = controller.store.getSnapshot();
    const wanted = (group: StatusGroup) =>
      rows.find((row) => row.kind === 'step' && statusGroup(planStepStatus(run, row)) === group);
    const target = wanted('running') ?? wanted('waiting');
    if (!target) return;
    if (virtualized) {
      setReveal((current) => ({ key: target.key, nonce: (current?.nonce ?? 0) + 1 }));
      return;
    }
    const row = listRef.current?.querySelector<HTMLElement>(`[data-row-key="${CSS.escape(target.key)}"]`);
    if (!row) return;
    row.scrollIntoView?.({ block: 'center' });
    focusRow(row);
  };

  return (
    <>
      {counts && (
        <TimelineSummary
          counts={counts}
          filter={filter}
          onFilter={setFilter}
          onJump={counts.running + counts.waiting > 0 && filter === 'all' ? jump : undefined}
        />
      )}
      <TimelineScale>
        <div ref={listRef}>
          {rows.length === 0 && filter !== 'all' ? (
            <p className="stepline-timeline__empty">No {filter} steps.</p>
          ) : virtualized ? (
            <WindowedList
              rows={rows}
              className={className}
              label={label}
              estimatedRowHeight={estimatedRowHeight}
              overscan={overscan}
              maxHeight={maxHeight}
              reveal={reveal}
            />
          ) : (
            <PlanList rows={rows} className={className} label={label} />
          )}
        </div>
      </TimelineScale>
    </>
  );
}

/**
 * The windowed list, drawn from its chunk; until that is loaded (and on the server), the first screenful
 * in the same scrolling box, busy, with room below for the rest.
 */
function WindowedList(props: VirtualTimelineProps) {
  const loaded = useLazyPart(virtualTimeline);
  if (loaded) return <loaded.VirtualTimeline {...props} />;
  const { rows, className, label, estimatedRowHeight, overscan, maxHeight } = props;
  const first = rows.slice(
    0,
    Math.ceil((typeof maxHeight === 'number' ? maxHeight : 600) / estimatedRowHeight) + overscan,
  );
  return (
    <section
      className="stepline-timeline__viewport"
      aria-label={`${label} (${rows.length})`}
      aria-busy="true"
      // biome-ignore lint/a11y/noNoninteractiveTabindex: the scrolling box must be reachable by keyboard
      tabIndex={0}
      style={{ maxHeight, overflowY: 'auto', position: 'relative' }}
    >
      <PlanList
        rows={first}
        className={className}
        label={label}
        paddingBottom={(rows.length - first.length) * estimatedRowHeight}
      />
    </section>
  );
}

/** Every row of the plan in one list (runs under the windowing threshold). */
function PlanList({
  rows,
  className,
  label,
  paddingBottom,
}: {
  rows: readonly PlanRow[];
  className: string;
  label: string;
  /** Room for the rows not drawn yet (the windowed list's first screenful while its code loads). */
  paddingBottom?: number;
}) {
  const { collapsed } = useTimelineConfig();
  return (
    <ol
      className={className}
      aria-label={label}
      // The windowed list's stand-in is a window too: its first screenful.
      data-flat={paddingBottom === undefined ? 'true' : undefined}
      data-virtualized={paddingBottom === undefined ? undefined : 'true'}
      style={paddingBottom === undefined ? undefined : { paddingBottom }}
    >
      {rows.map((row) =>
        row.kind === 'step' ? (
          <TimelineStepItem
            key={row.key}
            id={row.stepId}
            name={row.name}
            planned={row.planned}
            rowKey={row.key}
            round={row.round}
            opensRound={row.opensRound}
            execution={row.execution}
            depth={row.depth}
            childCount={row.childCount}
            nestedOpen={!collapsed.has(row.key)}
          />
        ) : (
          <PlanBlockItem key={row.key} row={row} />
        ),
      )}
    </ol>
  );
}

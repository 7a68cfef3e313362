import type { RunState, StepExecution, StepState } from '@stepline/client';
import {
  type CSSProperties,
  createContext,
  memo,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
} from 'react';
import { useRunSelector, useRunStep } from '../run-scope';
import { Duration } from './duration';
import { isStepActive, type StatusPresentation, stepStatusPresentation } from './format';
import { JsonView, toJsonText } from './json-view';
import { StatusBadge } from './status-badge';
import { type StepLabeler, type StepLabels, useStepLabeler } from './step-labels';
import {
  buildTimelineLevel,
  buildTimelineRows,
  collapseRows,
  countVisibleSteps,
  type TimelineLevel,
  type TimelineRow,
  timelineLevelsEqual,
  timelineRowsEqual,
} from './timeline-model';

/** What a `renderStep` function gets for one step. */
export interface StepRenderProps {
  readonly step: StepState;
  /** The human label (your `stepLabels`, the workflow's description, or the readable name). */
  readonly label: string;
  readonly status: StatusPresentation;
  /** 0 for top-level steps, 1 inside a nested workflow, … */
  readonly depth: number;
  /** What the timeline shows by default: return it wrapped, extended, or not at all. */
  readonly defaultContent: ReactNode;
}

export type RenderStep = (props: StepRenderProps) => ReactNode;

interface TimelineConfig {
  readonly labelOf: StepLabeler;
  readonly renderStep: RenderStep | undefined;
  readonly showHiddenSteps: boolean;
  /** Nested workflows the user collapsed (all are expanded by default). */
  readonly collapsed: ReadonlySet<string>;
  readonly toggleNested: (stepId: string) => void;
  /** Rows are flat (virtualized): nested steps are rows of their own, not lists inside their container. */
  readonly flat: boolean;
}

const TimelineContext = /* @__PURE__ */ createContext<TimelineConfig | undefined>(undefined);

function useTimelineConfig(): TimelineConfig {
  const config = useContext(TimelineContext);
  if (!config)
    throw new Error('RunTimeline.Step and RunTimeline.Group must be rendered inside <RunTimeline.Root>.');
  return config;
}

export interface RunTimelineRootProps {
  /** Labels by step id; they win over the workflow's step descriptions. */
  readonly stepLabels?: StepLabels;
  /** Show Mastra's own `.map()` / `.sleep()` steps. Default false. */
  readonly showHiddenSteps?: boolean;
  /** Replace what each step shows (inside its list item). */
  readonly renderStep?: RenderStep;
  /** Window the list when it has more rows than this. Default 200. */
  readonly virtualizeAbove?: number;
  /** Row height assumed before a row is measured, in px. Default 52. */
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
function RunTimelineRoot(props: RunTimelineRootProps) {
  const showHiddenSteps = props.showHiddenSteps ?? false;
  // A change of `showHiddenSteps` (or of the threshold) remounts the list: its selectors read differently.
  return (
    <TimelineRootInner
      key={`${showHiddenSteps ? 'all' : 'visible'}:${props.virtualizeAbove ?? 200}`}
      {...props}
      showHiddenSteps={showHiddenSteps}
    />
  );
}

function TimelineRootInner({
  stepLabels,
  showHiddenSteps = false,
  renderStep,
  virtualizeAbove = 200,
  estimatedRowHeight = 52,
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
  const large = useRunSelector((run) => countVisibleSteps(run, showHiddenSteps) > virtualizeAbove);
  const flat = large && children === undefined;
  const config = useMemo<TimelineConfig>(
    () => ({ labelOf, renderStep, showHiddenSteps, collapsed, toggleNested, flat }),
    [labelOf, renderStep, showHiddenSteps, collapsed, toggleNested, flat],
  );
  const classes = className ? `stepline-timeline ${className}` : 'stepline-timeline';

  let content: ReactNode;
  if (children !== undefined) {
    content = (
      <ol className={classes} aria-label={ariaLabel}>
        {children}
      </ol>
    );
  } else if (flat) {
    content = (
      <VirtualTimeline
        className={classes}
        label={ariaLabel}
        estimatedRowHeight={estimatedRowHeight}
        overscan={overscan}
        maxHeight={maxHeight}
      />
    );
  } else {
    content = <TimelineLevelList className={classes} label={ariaLabel} parentId={undefined} depth={0} />;
  }
  return <TimelineContext.Provider value={config}>{content}</TimelineContext.Provider>;
}

/**
 * The groups of steps of one level (`parentId` undefined: the top level), for your own composition inside
 * `RunTimeline.Root`. Re-renders only when the groups change, not when a step's status does.
 * @example
 * const groups = useTimelineGroups();
 * return groups.map((ids) => ids.length > 1 ? <RunTimeline.Group key={ids[0]} stepIds={ids} /> : <RunTimeline.Step key={ids[0]} id={ids[0]} />);
 */
export function useTimelineGroups(parentId?: string, options: { showHiddenSteps?: boolean } = {}) {
  const includeHidden = options.showHiddenSteps ?? false;
  return useRunSelector((run) => buildTimelineLevel(run, parentId, includeHidden), timelineLevelsEqual)
    .groups;
}

/** One level of the tree: its groups, each a step or a parallel group; nested levels inside their container. */
function TimelineLevelList({
  parentId,
  depth,
  className,
  label,
  id,
}: {
  parentId: string | undefined;
  depth: number;
  className: string;
  label: string;
  id?: string;
}) {
  const { showHiddenSteps, collapsed } = useTimelineConfig();
  const level: TimelineLevel = useRunSelector(
    (run) => buildTimelineLevel(run, parentId, showHiddenSteps),
    timelineLevelsEqual,
  );
  return (
    <ol className={className} aria-label={label} id={id} data-depth={depth}>
      {level.groups.map((group) =>
        group.length > 1 ? (
          <TimelineGroupItem key={group[0]} stepIds={group} depth={depth} childCounts={level.childCounts} />
        ) : (
          <TimelineStepItem
            key={group[0]}
            id={group[0]!}
            depth={depth}
            childCount={level.childCounts[group[0]!] ?? 0}
            nestedOpen={!collapsed.has(group[0]!)}
          />
        ),
      )}
    </ol>
  );
}

export interface RunTimelineGroupProps {
  /** The steps that ran side by side. */
  readonly stepIds: readonly string[];
  readonly depth?: number;
  readonly className?: string;
  /** The group's caption. Default "Ran in parallel (n steps)". */
  readonly label?: ReactNode;
}

/**
 * Parallel branches as one list item holding a list of its steps, shown side by side.
 * @example
 * <RunTimeline.Group stepIds={['research-sources', 'research-competitors']} />
 */
function RunTimelineGroup({ stepIds, depth = 0, className, label }: RunTimelineGroupProps) {
  return <TimelineGroupItem stepIds={stepIds} depth={depth} className={className} label={label} />;
}

const TimelineGroupItem = /* @__PURE__ */ memo(function TimelineGroupItem({
  stepIds,
  depth,
  childCounts,
  className,
  label,
}: {
  stepIds: readonly string[];
  depth: number;
  childCounts?: Readonly<Record<string, number>>;
  className?: string | undefined;
  label?: ReactNode;
}) {
  const { collapsed } = useTimelineConfig();
  const labelId = useId();
  return (
    <li
      className={className ? `stepline-group ${className}` : 'stepline-group'}
      data-kind="parallel"
      data-depth={depth}
    >
      <div className="stepline-group__label" id={labelId}>
        {label ?? `Ran in parallel (${stepIds.length} steps)`}
      </div>
      <ol className="stepline-group__steps" aria-labelledby={labelId}>
        {stepIds.map((id) => (
          <TimelineStepItem
            key={id}
            id={id}
            depth={depth}
            childCount={childCounts ? (childCounts[id] ?? 0) : undefined}
            nestedOpen={!collapsed.has(id)}
          />
        ))}
      </ol>
    </li>
  );
});

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
function RunTimelineStep({ id, depth = 0, className, children }: RunTimelineStepProps) {
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

interface TimelineStepItemProps {
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

const TimelineStepItem = /* @__PURE__ */ memo(function TimelineStepItem({
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

function countChildren(run: RunState, parentId: string, includeHidden: boolean): number {
  let count = 0;
  for (const id of run.stepIds) {
    const step = run.steps.get(id);
    if (step?.parentId === parentId && (includeHidden || !step.hidden)) count++;
  }
  return count;
}

function hasPayload(step: StepState): boolean {
  return (
    step.input !== undefined ||
    step.output !== undefined ||
    step.error !== undefined ||
    step.suspendPayload !== undefined ||
    step.resumePayload !== undefined
  );
}

function StepContent({
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
function StepPayloads({
  value,
}: {
  value: Pick<StepState, 'input' | 'output' | 'error' | 'suspendPayload' | 'resumePayload'>;
}) {
  return (
    <>
      {value.input !== undefined && <JsonView label="Input" value={value.input} />}
      {value.output !== undefined && <JsonView label="Output" value={value.output} />}
      {value.error !== undefined && <JsonView label="Error" value={value.error} />}
      {value.suspendPayload !== undefined && (
        <JsonView label="Approval request" value={withoutWorkflowMeta(value.suspendPayload)} />
      )}
      {value.resumePayload !== undefined && <JsonView label="Resume data" value={value.resumePayload} />}
    </>
  );
}

/** Mastra's bookkeeping on a nested container's suspend payload is of no interest to a reader. */
export function withoutWorkflowMeta(payload: unknown): unknown {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return payload;
  if (!('__workflow_meta' in payload)) return payload;
  const { __workflow_meta: _meta, ...rest } = payload as Record<string, unknown>;
  return rest;
}

function StepProgressBar({ step, label }: { step: StepState; label: string }) {
  const progress = step.progress!;
  const failed = Object.values(progress.items).filter((item) => item.status === 'failed').length;
  const total = Math.max(progress.totalCount, progress.completedCount);
  return (
    <div className="stepline-progress" data-complete={progress.completedCount >= total ? 'true' : undefined}>
      <progress
        className="stepline-progress__bar"
        max={Math.max(total, 1)}
        value={progress.completedCount}
        aria-label={`${label}: ${progress.completedCount} of ${total} items`}
      />
      <span className="stepline-progress__text">
        {progress.completedCount} of {total} items
        {failed > 0 ? `, ${failed} failed` : ''}
      </span>
    </div>
  );
}

const writesShown = 20;

function StepWrites({ writes, label }: { writes: readonly unknown[]; label: string }) {
  const [all, setAll] = useState(false);
  const shown = all || writes.length <= writesShown ? writes : writes.slice(-writesShown);
  const hiddenCount = writes.length - shown.length;
  return (
    <div className="stepline-writes">
      <ol className="stepline-writes__list" aria-label={`Output written by ${label}`}>
        {shown.map((write, index) => (
          // Writes only ever append, so a position is a stable key.
          // biome-ignore lint/suspicious/noArrayIndexKey: append-only list
          <li key={hiddenCount + index} className="stepline-writes__item">
            {writeText(write)}
          </li>
        ))}
      </ol>
      {hiddenCount > 0 && (
        <button
          type="button"
          className="stepline-button stepline-writes__show-all"
          onClick={() => setAll(true)}
        >
          Show {hiddenCount} earlier {hiddenCount === 1 ? 'message' : 'messages'}
        </button>
      )}
    </div>
  );
}

/** A `writer.write()` value as one line of text: a string as is, `{message}` by its message, else JSON. */
function writeText(write: unknown): string {
  if (typeof write === 'string') return write;
  if (
    typeof write === 'object' &&
    write !== null &&
    typeof (write as { message?: unknown }).message === 'string'
  ) {
    return (write as { message: string }).message;
  }
  return toJsonText(write, 0);
}

function StepIterations({ executions, label }: { executions: readonly StepExecution[]; label: string }) {
  const [open, setOpen] = useState(false);
  const listId = useId();
  return (
    <div className="stepline-iterations" data-state={open ? 'open' : 'closed'}>
      <button
        type="button"
        className="stepline-button stepline-iterations__toggle"
        aria-expanded={open}
        aria-controls={listId}
        onClick={() => setOpen((current) => !current)}
      >
        {open ? 'Hide' : 'Show'} {executions.length} iterations
        <span className="stepline-sr-only"> of {label}</span>
      </button>
      <ol
        className="stepline-iterations__list"
        id={listId}
        hidden={!open}
        aria-label={`Iterations of ${label}`}
      >
        {open &&
          executions.map((execution, index) => (
            <StepIteration
              key={execution.key}
              execution={execution}
              number={execution.iteration ?? index + 1}
            />
          ))}
      </ol>
    </div>
  );
}

function StepIteration({ execution, number }: { execution: StepExecution; number: number }) {
  const [open, setOpen] = useState(false);
  const detailsId = useId();
  const hasDetails = hasPayload(execution as unknown as StepState);
  return (
    <li className="stepline-iteration" data-status={execution.status} data-state={open ? 'open' : 'closed'}>
      <div className="stepline-iteration__row">
        <StatusBadge status={execution.status} />
        <span className="stepline-iteration__label">Iteration {number}</span>
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
            className="stepline-button stepline-iteration__toggle"
            aria-expanded={open}
            aria-controls={detailsId}
            onClick={() => setOpen((current) => !current)}
          >
            {open ? 'Hide details' : 'Details'}
            <span className="stepline-sr-only"> of iteration {number}</span>
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

/** Fallback viewport height before the real one is measured (the server, the first client render). */
function initialViewportHeight(maxHeight: number | string): number {
  return typeof maxHeight === 'number' ? maxHeight : 600;
}

/** A windowed list for large runs: only the rows in view (plus `overscan`) are in the DOM. */
function VirtualTimeline({
  className,
  label,
  estimatedRowHeight,
  overscan,
  maxHeight,
}: {
  className: string;
  label: string;
  estimatedRowHeight: number;
  overscan: number;
  maxHeight: number | string;
}) {
  const { showHiddenSteps, collapsed } = useTimelineConfig();
  const allRows = useRunSelector((run) => buildTimelineRows(run, showHiddenSteps), timelineRowsEqual);
  const rows = useMemo(() => collapseRows(allRows, collapsed), [allRows, collapsed]);
  const viewportRef = useRef<HTMLElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewportHeight, setViewportHeight] = useState(() => initialViewportHeight(maxHeight));
  const heights = useRef(new Map<string, number>());
  const [measured, setMeasured] = useState(0);

  // Measured row heights (browsers); rows keep the estimate where nothing can be measured (jsdom).
  const observer = useRef<ResizeObserver | undefined>(undefined);
  const observed = useRef(new Map<string, HTMLElement>());
  const pendingFrame = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => {
    if (typeof ResizeObserver === 'undefined') return;
    const resize = new ResizeObserver((entries) => {
      let changed = false;
      for (const entry of entries) {
        const target = entry.target as HTMLElement;
        const id = target.dataset.stepId;
        // The row's share of the list: its border box and its margins.
        const style = getComputedStyle(target);
        const height =
          (entry.borderBoxSize?.[0]?.blockSize ?? target.getBoundingClientRect().height) +
          (Number.parseFloat(style.marginTop) || 0) +
          (Number.parseFloat(style.marginBottom) || 0);
        if (!id || height <= 0 || heights.current.get(id) === height) continue;
        heights.current.set(id, height);
        changed = true;
      }
      if (changed && pendingFrame.current === undefined) {
        pendingFrame.current = setTimeout(() => {
          pendingFrame.current = undefined;
          setMeasured((version) => version + 1);
        }, 16);
      }
    });
    observer.current = resize;
    // Rows mounted before this effect ran (the first screenful).
    for (const element of observed.current.values()) resize.observe(element);
    return () => {
      resize.disconnect();
      observer.current = undefined;
      if (pendingFrame.current !== undefined) clearTimeout(pendingFrame.current);
    };
  }, []);
  const measure = useCallback((id: string, element: HTMLElement | null) => {
    const previous = observed.current.get(id);
    if (previous && previous !== element) observer.current?.unobserve(previous);
    if (element) {
      observed.current.set(id, element);
      observer.current?.observe(element);
    } else {
      observed.current.delete(id);
    }
  }, []);

  useEffect(() => {
    const viewport = viewportRef.current;
    if (!viewport) return;
    const read = () => {
      if (viewport.clientHeight > 0) setViewportHeight(viewport.clientHeight);
    };
    read();
    if (typeof ResizeObserver === 'undefined') return;
    const resize = new ResizeObserver(read);
    resize.observe(viewport);
    return () => resize.disconnect();
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `measured` says the height map changed
  const offsets = useMemo(() => {
    const result = new Float64Array(rows.length + 1);
    for (let i = 0; i < rows.length; i++) {
      result[i + 1] = result[i]! + (heights.current.get(rows[i]!.id) ?? estimatedRowHeight);
    }
    return result;
  }, [rows, measured, estimatedRowHeight]);

  const total = offsets[rows.length]!;
  const first = Math.max(0, rowAt(offsets, scrollTop) - overscan);
  const last = Math.min(rows.length, rowAt(offsets, scrollTop + viewportHeight) + 1 + overscan);
  const shown = rows.slice(first, last);

  return (
    <section
      ref={viewportRef}
      className="stepline-timeline__viewport"
      aria-label={`${label} (${rows.length})`}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: the scrolling box must be reachable by keyboard
      tabIndex={0}
      style={{ maxHeight, overflowY: 'auto' }}
      onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
    >
      <ol
        className={className}
        aria-label={label}
        data-virtualized="true"
        style={{ paddingTop: offsets[first], paddingBottom: total - offsets[last]! }}
      >
        {shown.map((row: TimelineRow, index) => (
          <TimelineStepItem
            key={row.id}
            id={row.id}
            depth={row.depth}
            childCount={row.childCount}
            nestedOpen={!collapsed.has(row.id)}
            branch={row.branch}
            branches={row.branches}
            posInSet={first + index + 1}
            setSize={rows.length}
            measure={measure}
          />
        ))}
      </ol>
    </section>
  );
}

/** The index of the row at `offset` (binary search over the prefix sums). */
function rowAt(offsets: Float64Array, offset: number): number {
  let low = 0;
  let high = offsets.length - 2;
  if (high < 0) return 0;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (offsets[middle]! <= offset) low = middle;
    else high = middle - 1;
  }
  return low;
}

/**
 * The compound timeline: `Root` (the list, with defaults), `Step` (one step), `Group` (parallel branches).
 * @example
 * <RunTimeline.Root />
 * <RunTimeline.Root>
 *   <RunTimeline.Step id="outline" />
 *   <RunTimeline.Group stepIds={['research-sources', 'research-audience']} />
 * </RunTimeline.Root>
 */
export const RunTimeline = {
  Root: RunTimelineRoot,
  Step: RunTimelineStep,
  Group: RunTimelineGroup,
} as const;

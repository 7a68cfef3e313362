import {
  buildTimelineLevel,
  countTimelineSteps,
  type TimelineLevel,
  timelineLevelsEqual,
} from '@stepline/client';
import { type ReactNode, useCallback, useMemo, useState } from 'react';
import { type StepLabels, useStepLabeler } from '../components/step-labels';
import { useRunSelector } from '../run-scope';
import { type RenderStep, type TimelineConfig, TimelineContext, useTimelineConfig } from './timeline-context';
import { TimelineGroupItem } from './timeline-group';
import { TimelineStepItem } from './timeline-step';
import { VirtualTimeline } from './virtual-timeline';

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
export function RunTimelineRoot(props: RunTimelineRootProps) {
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

export function TimelineRootInner({
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
  const large = useRunSelector((run) => countTimelineSteps(run, showHiddenSteps) > virtualizeAbove);
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
export function TimelineLevelList({
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

import { useMemo, useRef } from 'react';
import { type PlanLevel, planLevel, planLevelsEqual } from './plan-levels';
import { useTimelineConfig } from './timeline-context';
import { TimelineGroupItem } from './timeline-group';
import { TimelineStepItem } from './timeline-step';
import { useRunPlan } from './use-run-plan';

// One level of the plan as a list: a nested workflow's inner steps (under their container's row) and your
// own composition (`useTimelineGroups`). Apart from timeline-root.tsx, so a row does not import the root
// (and with it the root's lazy parts).

/**
 * The groups of steps of one level (`parentId` undefined: the top level), for your own composition inside
 * `RunTimeline.Root`: read from the run's plan (the workflow's graph, or the run's events while the graph
 * is unknown), so a parallel block's branches are a group and a loop's rounds are its one step. Re-renders
 * only when the groups change, not when a step's status does.
 * @example
 * const groups = useTimelineGroups();
 * return groups.map((ids) => ids.length > 1 ? <RunTimeline.Group key={ids[0]} stepIds={ids} /> : <RunTimeline.Step key={ids[0]} id={ids[0]} />);
 */
export function useTimelineGroups(parentId?: string, options: { showHiddenSteps?: boolean } = {}) {
  return usePlanLevel(parentId, options.showHiddenSteps ?? false).groups;
}

/** One level of the plan, the same object while its shape is the same. */
function usePlanLevel(parentId: string | undefined, includeHidden: boolean): PlanLevel {
  const { rows } = useRunPlan(includeHidden);
  const kept = useRef<PlanLevel | undefined>(undefined);
  return useMemo(() => {
    const level = planLevel(rows, parentId);
    if (kept.current && planLevelsEqual(kept.current, level)) return kept.current;
    kept.current = level;
    return level;
  }, [rows, parentId]);
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
  const level = usePlanLevel(parentId, showHiddenSteps);
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

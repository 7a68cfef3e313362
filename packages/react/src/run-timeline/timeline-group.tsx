import { memo, type ReactNode, useId } from 'react';
import { useTimelineConfig } from './timeline-context';
import { TimelineStepItem } from './timeline-step';

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
export function RunTimelineGroup({ stepIds, depth = 0, className, label }: RunTimelineGroupProps) {
  return <TimelineGroupItem stepIds={stepIds} depth={depth} className={className} label={label} />;
}

export const TimelineGroupItem = /* @__PURE__ */ memo(function TimelineGroupItem({
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

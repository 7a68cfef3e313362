import type { RunPlanCounts } from '@stepline/client';

export type TimelineFilter = 'all' | 'failed' | 'waiting';

export function countsEqual(a: RunPlanCounts, b: RunPlanCounts): boolean {
  return (
    a.total === b.total &&
    a.done === b.done &&
    a.running === b.running &&
    a.waiting === b.waiting &&
    a.failed === b.failed &&
    a.pending === b.pending &&
    a.other === b.other
  );
}

/** "120 done · 1 running · 2 waiting · 1 failed · 176 to go" */
export function summaryText(counts: RunPlanCounts): string {
  const parts = [`${counts.done} done`];
  if (counts.running > 0) parts.push(`${counts.running} running`);
  if (counts.waiting > 0) parts.push(`${counts.waiting} waiting`);
  if (counts.failed > 0) parts.push(`${counts.failed} failed`);
  if (counts.pending > 0) parts.push(`${counts.pending} to go`);
  if (counts.other > 0) parts.push(`${counts.other} skipped or not run`);
  return `${counts.total} steps: ${parts.join(' · ')}`;
}

/** A big run's summary line, "jump to the running step", and filters to what needs attention. */
export function TimelineSummary({
  counts,
  filter,
  onFilter,
  onJump,
}: {
  counts: RunPlanCounts;
  filter: TimelineFilter;
  onFilter: (filter: TimelineFilter) => void;
  onJump: (() => void) | undefined;
}) {
  const filters: { value: TimelineFilter; label: string; count: number }[] = [
    { value: 'failed', label: 'Failed', count: counts.failed },
    { value: 'waiting', label: 'Waiting', count: counts.waiting },
  ];
  return (
    <div className="stepline-summary">
      <p className="stepline-summary__counts">{summaryText(counts)}</p>
      <div className="stepline-summary__actions">
        {onJump && (
          <button type="button" className="stepline-link" onClick={onJump}>
            {counts.running > 0 ? 'Jump to the running step' : 'Jump to the waiting step'}
          </button>
        )}
        {filters.map((option) =>
          option.count > 0 || filter === option.value ? (
            <button
              key={option.value}
              type="button"
              className="stepline-chip"
              aria-pressed={filter === option.value}
              onClick={() => onFilter(filter === option.value ? 'all' : option.value)}
            >
              Only {option.label.toLowerCase()} ({option.count})
            </button>
          ) : null,
        )}
      </div>
    </div>
  );
}

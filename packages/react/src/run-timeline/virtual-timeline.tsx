import {
  buildTimelineRows,
  collapseTimelineRows,
  type TimelineRow,
  timelineRowsEqual,
} from '@stepline/client';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useRunSelector } from '../run-scope';
import { useTimelineConfig } from './timeline-context';
import { TimelineStepItem } from './timeline-step';

export function initialViewportHeight(maxHeight: number | string): number {
  return typeof maxHeight === 'number' ? maxHeight : 600;
}

/** A windowed list for large runs: only the rows in view (plus `overscan`) are in the DOM. */
export function VirtualTimeline({
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
  const rows = useMemo(() => collapseTimelineRows(allRows, collapsed), [allRows, collapsed]);
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
export function rowAt(offsets: Float64Array, offset: number): number {
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

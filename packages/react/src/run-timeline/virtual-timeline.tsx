import { frameScheduler, type PlanRow } from '@stepline/client';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { focusRow } from './focus-row';
import { PlanBlockItem } from './plan-block';
import { useTimelineConfig } from './timeline-context';
import { TimelineStepItem } from './timeline-step';

export function initialViewportHeight(maxHeight: number | string): number {
  return typeof maxHeight === 'number' ? maxHeight : 600;
}

/** A row to bring into view: a new `nonce` asks again for the same row. */
export interface RevealRequest {
  readonly key: string;
  readonly nonce: number;
}

export interface VirtualTimelineProps {
  readonly rows: readonly PlanRow[];
  readonly className: string;
  readonly label: string;
  readonly estimatedRowHeight: number;
  readonly overscan: number;
  readonly maxHeight: number | string;
  readonly reveal?: RevealRequest | undefined;
}

/**
 * A windowed list for large runs: only the rows in view (plus `overscan`) are in the DOM. A chunk of its
 * own (timeline-root.tsx loads it): most runs never have the rows to need it.
 */
export function VirtualTimeline({
  rows,
  className,
  label,
  estimatedRowHeight,
  overscan,
  maxHeight,
  reveal,
}: VirtualTimelineProps) {
  const { collapsed } = useTimelineConfig();
  const viewportRef = useRef<HTMLElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewportHeight, setViewportHeight] = useState(() => initialViewportHeight(maxHeight));
  const heights = useRef(new Map<string, number>());
  const [measured, setMeasured] = useState(0);

  // Measured row heights (browsers); rows keep the estimate where nothing can be measured (jsdom).
  const observer = useRef<ResizeObserver | undefined>(undefined);
  const observed = useRef(new Map<string, HTMLElement>());
  // Cancels the scheduled re-layout; `null` while one is due with a delivery already under way.
  const pendingFrame = useRef<(() => void) | null | undefined>(undefined);
  useEffect(() => {
    if (typeof ResizeObserver === 'undefined') return;
    const resize = new ResizeObserver((entries) => {
      let changed = false;
      for (const entry of entries) {
        const target = entry.target as HTMLElement;
        const key = target.dataset.rowKey ?? target.dataset.stepId;
        // The row's share of the list: its border box and its margins.
        const style = getComputedStyle(target);
        const height =
          (entry.borderBoxSize?.[0]?.blockSize ?? target.getBoundingClientRect().height) +
          (Number.parseFloat(style.marginTop) || 0) +
          (Number.parseFloat(style.marginBottom) || 0);
        if (!key || height <= 0 || heights.current.get(key) === height) continue;
        heights.current.set(key, height);
        changed = true;
      }
      if (changed && pendingFrame.current === undefined) {
        // Through the page's frame lane, with the run's own updates: one commit per frame, not a timer's
        // commit of its own in a frame that already committed (the React Profiler benchmark saw two).
        pendingFrame.current = null;
        const cancel = frameScheduler.schedule(() => {
          pendingFrame.current = undefined;
          setMeasured((version) => version + 1);
        });
        if (pendingFrame.current === null && cancel) pendingFrame.current = cancel;
      }
    });
    observer.current = resize;
    // Rows mounted before this effect ran (the first screenful).
    for (const element of observed.current.values()) resize.observe(element);
    return () => {
      resize.disconnect();
      observer.current = undefined;
      pendingFrame.current?.();
      pendingFrame.current = undefined;
    };
  }, []);
  const measure = useCallback((key: string, element: HTMLElement | null) => {
    const previous = observed.current.get(key);
    if (previous && previous !== element) observer.current?.unobserve(previous);
    if (element) {
      observed.current.set(key, element);
      observer.current?.observe(element);
    } else {
      observed.current.delete(key);
    }
  }, []);

  useEffect(() => {
    const viewport = viewportRef.current;
    if (!viewport) return;
    const read = () => {
      if (viewport.clientHeight > 0) setViewportHeight(viewport.clientHeight);
    };
    // The box's height, read now and on every resize, re-lays the window at the next frame with the
    // run's updates. Set here at once, it was a commit of its own: state set in an effect gets React's
    // default priority, not the sync one the run's updates render at (the flood benchmark's second commit
    // in a frame, right after the list grew past the windowing threshold).
    let cancel: (() => void) | undefined;
    const readAtFrame = () => {
      cancel?.();
      cancel = frameScheduler.schedule(() => {
        cancel = undefined;
        read();
      });
    };
    readAtFrame();
    if (typeof ResizeObserver === 'undefined') return () => cancel?.();
    const resize = new ResizeObserver(readAtFrame);
    resize.observe(viewport);
    return () => {
      resize.disconnect();
      cancel?.();
    };
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `measured` says the height map changed
  const offsets = useMemo(() => {
    const result = new Float64Array(rows.length + 1);
    for (let i = 0; i < rows.length; i++) {
      result[i + 1] = result[i]! + (heights.current.get(rows[i]!.key) ?? estimatedRowHeight);
    }
    return result;
  }, [rows, measured, estimatedRowHeight]);

  // "Jump to the running step": scroll its row into the window, then focus it once it is rendered.
  const pendingFocus = useRef<string | undefined>(undefined);
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new request scrolls
  useEffect(() => {
    const viewport = viewportRef.current;
    if (!reveal || !viewport) return;
    const index = rows.findIndex((row) => row.key === reveal.key);
    if (index < 0) return;
    const top = Math.max(0, offsets[index]! - estimatedRowHeight);
    viewport.scrollTop = top;
    setScrollTop(top);
    pendingFocus.current = reveal.key;
  }, [reveal]);
  useEffect(() => {
    const key = pendingFocus.current;
    if (key === undefined) return;
    const row = viewportRef.current?.querySelector<HTMLElement>(`[data-row-key="${CSS.escape(key)}"]`);
    if (!row) return;
    pendingFocus.current = undefined;
    focusRow(row);
  });

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
      // `position: relative` keeps the rows' absolutely placed screen-reader text inside the scrolling
      // box; without it that text is placed against the page and lengthens it.
      style={{ maxHeight, overflowY: 'auto', position: 'relative' }}
      onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
    >
      <ol
        className={className}
        aria-label={label}
        data-virtualized="true"
        style={{ paddingTop: offsets[first], paddingBottom: total - offsets[last]! }}
      >
        {shown.map((row, index) =>
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
              posInSet={first + index + 1}
              setSize={rows.length}
              measure={measure}
            />
          ) : (
            <PlanBlockItem
              key={row.key}
              row={row}
              posInSet={first + index + 1}
              setSize={rows.length}
              measure={measure}
            />
          ),
        )}
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

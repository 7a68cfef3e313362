import type { RunState, StepState } from './run-state';
import { groupOverlappingSteps } from './step-groups';

/**
 * The shape of a timeline (which steps, in which groups, at which depth), apart from what each step is
 * doing: a view re-renders a row when its step changes and the list only when this shape does. Any
 * binding (React, Vue, plain DOM) builds its timeline from these functions.
 */

/** One level of the timeline: the steps of one container (or the top level), grouped. */
export interface TimelineLevel {
  /** Groups of step ids in start order; a group of several ran in parallel. */
  readonly groups: readonly (readonly string[])[];
  /** Visible inner steps of each step of this level that is a nested workflow. */
  readonly childCounts: Readonly<Record<string, number>>;
}

/** One row of the flattened timeline (every depth, in display order). */
export interface TimelineRow {
  readonly id: string;
  readonly depth: number;
  /** Visible inner steps, for a nested workflow's container. */
  readonly childCount: number;
  /** Position among parallel branches (1-based), and how many ran side by side; 0 when it ran alone. */
  readonly branch: number;
  readonly branches: number;
}

function visible(step: StepState, includeHidden: boolean): boolean {
  return includeHidden || !step.hidden;
}

/** Visible steps by container (`undefined` for the top level), in start order. */
function childrenIndex(state: RunState, includeHidden: boolean): Map<string | undefined, StepState[]> {
  const index = new Map<string | undefined, StepState[]>();
  for (const id of state.stepIds) {
    const step = state.steps.get(id);
    if (!step || !visible(step, includeHidden)) continue;
    let siblings = index.get(step.parentId);
    if (!siblings) {
      siblings = [];
      index.set(step.parentId, siblings);
    }
    siblings.push(step);
  }
  return index;
}

function groupIds(siblings: readonly StepState[]): string[][] {
  return groupOverlappingSteps(siblings).map((group) => group.map((step) => step.id));
}

/**
 * The groups and child counts of one level (`parentId` undefined: the top level).
 * @example
 * const level = buildTimelineLevel(state, undefined, false);
 * for (const ids of level.groups) console.log(ids.length > 1 ? 'parallel' : 'step', ids);
 */
export function buildTimelineLevel(
  state: RunState,
  parentId: string | undefined,
  includeHidden: boolean,
): TimelineLevel {
  const siblings: StepState[] = [];
  const childCounts: Record<string, number> = {};
  for (const id of state.stepIds) {
    const step = state.steps.get(id);
    if (!step || !visible(step, includeHidden)) continue;
    if (step.parentId === parentId) siblings.push(step);
    else if (step.parentId !== undefined) childCounts[step.parentId] = (childCounts[step.parentId] ?? 0) + 1;
  }
  const counts: Record<string, number> = {};
  for (const step of siblings) if (childCounts[step.id]) counts[step.id] = childCounts[step.id]!;
  return { groups: groupIds(siblings), childCounts: counts };
}

/**
 * Whether two levels have the same shape: a view keeps the old one (and skips a render) when they do.
 * @example
 * if (!timelineLevelsEqual(previous, next)) render(next);
 */
export function timelineLevelsEqual(a: TimelineLevel, b: TimelineLevel): boolean {
  if (a.groups.length !== b.groups.length) return false;
  for (let i = 0; i < a.groups.length; i++) if (!sameIds(a.groups[i]!, b.groups[i]!)) return false;
  const aKeys = Object.keys(a.childCounts);
  if (aKeys.length !== Object.keys(b.childCounts).length) return false;
  return aKeys.every((key) => a.childCounts[key] === b.childCounts[key]);
}

/**
 * Every visible step at every depth, as rows in display order: each container followed by its inner
 * steps. Collapsing is applied afterwards with `collapseTimelineRows`, so toggling needs no new run state.
 * @example
 * for (const row of buildTimelineRows(state, false)) console.log('  '.repeat(row.depth) + row.id);
 */
export function buildTimelineRows(state: RunState, includeHidden: boolean): TimelineRow[] {
  const index = childrenIndex(state, includeHidden);
  const rows: TimelineRow[] = [];
  const visit = (parentId: string | undefined, depth: number, path: Set<string>) => {
    const siblings = index.get(parentId);
    if (!siblings) return;
    for (const group of groupIds(siblings)) {
      group.forEach((id, position) => {
        const childCount = index.get(id)?.length ?? 0;
        rows.push({
          id,
          depth,
          childCount,
          branch: group.length > 1 ? position + 1 : 0,
          branches: group.length > 1 ? group.length : 0,
        });
        // A step cannot contain itself; the guard only protects against malformed ids.
        if (childCount > 0 && !path.has(id)) visit(id, depth + 1, new Set(path).add(id));
      });
    }
  };
  visit(undefined, 0, new Set());
  return rows;
}

/**
 * Whether two row lists are the same rows.
 * @example
 * if (!timelineRowsEqual(previous, next)) render(next);
 */
export function timelineRowsEqual(a: readonly TimelineRow[], b: readonly TimelineRow[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (
      x.id !== y.id ||
      x.depth !== y.depth ||
      x.childCount !== y.childCount ||
      x.branch !== y.branch ||
      x.branches !== y.branches
    ) {
      return false;
    }
  }
  return true;
}

/**
 * Drops the rows inside collapsed containers.
 * @example
 * const shown = collapseTimelineRows(buildTimelineRows(state, false), new Set(['nested-workflow']));
 */
export function collapseTimelineRows(
  rows: readonly TimelineRow[],
  collapsed: ReadonlySet<string>,
): TimelineRow[] {
  if (collapsed.size === 0) return rows as TimelineRow[];
  const shown: TimelineRow[] = [];
  let hideDeeperThan = Number.POSITIVE_INFINITY;
  for (const row of rows) {
    if (row.depth > hideDeeperThan) continue;
    hideDeeperThan = Number.POSITIVE_INFINITY;
    shown.push(row);
    if (row.childCount > 0 && collapsed.has(row.id)) hideDeeperThan = row.depth;
  }
  return shown;
}

/**
 * How many steps a timeline would show, at every depth: a view picks windowing above some count.
 * @example
 * const windowed = countTimelineSteps(state, false) > 200;
 */
export function countTimelineSteps(state: RunState, includeHidden: boolean): number {
  if (includeHidden) return state.stepIds.length;
  let count = 0;
  for (const id of state.stepIds) if (!state.steps.get(id)?.hidden) count++;
  return count;
}

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

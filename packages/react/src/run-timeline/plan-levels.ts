import type { PlanRow } from '@stepline/client';

/**
 * One level of the run's plan (the top level, or a nested workflow's steps) as a composition of your own
 * draws it with `RunTimeline.Step` and `RunTimeline.Group`: groups of step ids in plan order, several in a
 * group when they are a parallel block's branches, and each nested workflow's count of inner rows.
 */
export interface PlanLevel {
  readonly groups: readonly (readonly string[])[];
  readonly childCounts: Readonly<Record<string, number>>;
}

function parentOf(stepId: string): string | undefined {
  const lastDot = stepId.lastIndexOf('.');
  return lastDot === -1 ? undefined : stepId.slice(0, lastDot);
}

/**
 * The level under `parentId` (undefined: the top level) read from the plan's rows. A loop's step has a row
 * per round but is one step here; steps the run has not reached are left out (a `RunTimeline.Step` draws
 * a step the run has a record of).
 * @example
 * const { groups } = planLevel(useRunPlan(false).rows, undefined);
 */
export function planLevel(rows: readonly PlanRow[], parentId: string | undefined): PlanLevel {
  const groups: string[][] = [];
  const childCounts: Record<string, number> = {};
  const seen = new Set<string>();
  // The parallel block being read: its branches at one depth below it.
  let parallel: { depth: number; ids: string[] } | undefined;
  const closeParallel = () => {
    if (parallel && parallel.ids.length > 0) groups.push(parallel.ids);
    parallel = undefined;
  };
  for (const row of rows) {
    if (parallel && row.depth <= parallel.depth) closeParallel();
    if (row.kind !== 'step') {
      if (row.kind === 'parallel' && parallel === undefined) parallel = { depth: row.depth, ids: [] };
      continue;
    }
    if (row.planned !== undefined || parentOf(row.stepId) !== parentId || seen.has(row.stepId)) continue;
    seen.add(row.stepId);
    if (row.childCount > 0) childCounts[row.stepId] = row.childCount;
    if (parallel && row.depth === parallel.depth + 1) parallel.ids.push(row.stepId);
    else groups.push([row.stepId]);
  }
  closeParallel();
  return { groups, childCounts };
}

/** Whether two levels have the same shape: a composition keeps the old one (and skips a render) when they do. */
export function planLevelsEqual(a: PlanLevel, b: PlanLevel): boolean {
  if (a === b) return true;
  if (a.groups.length !== b.groups.length) return false;
  for (let i = 0; i < a.groups.length; i++) {
    const x = a.groups[i]!;
    const y = b.groups[i]!;
    if (x.length !== y.length || x.some((id, j) => id !== y[j])) return false;
  }
  const keys = Object.keys(a.childCounts);
  return (
    keys.length === Object.keys(b.childCounts).length &&
    keys.every((key) => a.childCounts[key] === b.childCounts[key])
  );
}

import type { StepStatus } from './run-event';
import type { StepState } from './step-state';

/**
 * Groups sibling steps that ran side by side. Mastra sends no event for a `.parallel()` block, so
 * branches are recognised the way a person would: a sibling that started before the others ended.
 * Takes siblings in start order and returns groups in start order; a step that ran alone is a group of
 * one. The timeline model calls it per level with siblings it already collected, so each level costs
 * its own size, not the run's.
 *
 * Each step counts with its first execution only: a looped step's span covers every round, and measured
 * that way the steps that ran between its rounds looked parallel to it.
 */
export function groupOverlappingSteps(siblings: Iterable<StepState>): StepState[][] {
  const groups: StepState[][] = [];
  let current: StepState[] = [];
  let currentEnd = Number.NEGATIVE_INFINITY;
  for (const step of siblings) {
    const first = step.executions.at(0);
    const start = first?.startedAt ?? step.startedAt;
    const overlaps = current.length > 0 && start !== undefined && start < currentEnd;
    if (!overlaps) {
      if (current.length > 0) groups.push(current);
      current = [];
      currentEnd = Number.NEGATIVE_INFINITY;
    }
    current.push(step);
    // An unfinished step is open-ended: whatever starts while it runs is beside it.
    const status = first?.status ?? step.status;
    const ended = first ? (first.endedAt ?? first.suspendedAt) : step.endedAt;
    const end = ended ?? (isFinished(status) ? (start ?? Number.NEGATIVE_INFINITY) : Infinity);
    currentEnd = Math.max(currentEnd, end);
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

function isFinished(status: StepStatus): boolean {
  return status !== 'running' && status !== 'waiting' && status !== 'pending';
}

import type { PlanRow, RunState } from '@stepline/client';
import { useEffect, useRef } from 'react';
import { failingStepId } from '../components/run-failure';
import { useRunController, useRunSelector } from '../run-scope';
import type { InspectorSelection, InspectorStore } from './inspector-store';

/**
 * When the run fails, the step that failed it is opened in the inspector (once, and only if nothing else
 * is open), without taking focus: what went wrong is the first thing to read. In a loop drawn round by
 * round (`rows`, the plan's rows), the round that failed is opened, not the step as a whole: the whole
 * step would show the failing round's error above earlier rounds' outputs, and no row pressed.
 */
export function useOpenFailingStep(
  inspector: InspectorStore | undefined,
  rows: readonly PlanRow[] | undefined,
  enabled = true,
): void {
  const controller = useRunController('RunTimeline.Root');
  const on = enabled && inspector !== undefined;
  const failing = useRunSelector((run) => (on ? failingStepId(run) : undefined));
  const opened = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (!inspector || failing === undefined || opened.current === failing) return;
    opened.current = failing;
    if (inspector.getSelected() !== undefined) return;
    inspector.select(failingSelection(controller.store.getSnapshot(), failing, rows), { focus: false });
  }, [failing, inspector, controller, rows]);
}

/** The row of the failing step's failed execution when the step has several (a loop's rounds), else the step. */
export function failingSelection(
  run: RunState,
  stepId: string,
  rows: readonly PlanRow[] | undefined,
): InspectorSelection | string {
  const step = run.steps.get(stepId);
  if (!step || step.executions.length < 2 || !rows) return stepId;
  const index = step.executions.findLastIndex((execution) => execution.status === 'failed');
  const key = step.executions.at(index)?.key;
  const row = rows.find(
    (candidate) => candidate.kind === 'step' && candidate.stepId === stepId && candidate.execution === key,
  );
  if (row?.kind !== 'step') return stepId;
  return { rowKey: row.key, stepId, execution: row.execution, round: row.round };
}

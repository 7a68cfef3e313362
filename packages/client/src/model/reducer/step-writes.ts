import type { RunDataEvent } from '../run-event';
import type { StepState } from '../run-state';
import type { RunDraft } from './run-draft';
import { patchStep } from './step-executions';

export function applyWrite(
  draft: RunDraft,
  stepId: string | undefined,
  stepName: string | undefined,
  output: unknown,
) {
  const step = findWritingStep(draft, stepId, stepName);
  if (!step) {
    // A write Mastra could not attribute: kept on the run, like custom data.
    applyData(draft, { type: 'run-data', name: 'step-output', data: output, stepId: stepId ?? stepName });
    return;
  }
  if (containsValue(step.writes, output)) return;
  draft.putStep(patchStep(draft, step, { writes: [...step.writes, output] }));
}

/** `writer.write()` output names the step (not always by its full id); prefer the running one. */
export function findWritingStep(draft: RunDraft, stepId: string | undefined, stepName: string | undefined) {
  if (stepId) {
    const byId = draft.getStep(stepId);
    if (byId) return byId;
  }
  if (!stepName) return undefined;
  const direct = draft.getStep(stepName);
  if (direct) return direct;
  let fallback: StepState | undefined;
  const ids = draft.current.stepIds;
  for (let i = ids.length - 1; i >= 0; i--) {
    const step = draft.getStep(ids[i]!)!;
    if (step.name !== stepName) continue;
    if (step.status === 'running') return step;
    fallback ??= step;
  }
  return fallback;
}

export function applyData(draft: RunDraft, event: RunDataEvent): void {
  const data = draft.current.data;
  if (data.some((existing) => existing.name === event.name && sameValue(existing.data, event.data))) return;
  draft.set('data', [...data, event]);
}

function containsValue(values: readonly unknown[], value: unknown): boolean {
  return values.some((existing) => sameValue(existing, value));
}

/** Writes and data chunks carry no ids: two with the same content are the same chunk replayed. */
function sameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  try {
    return JSON.stringify(a) === JSON.stringify(b);
  } catch {
    return false;
  }
}

import type { RunDataEvent } from '../run-event';
import type { StepState } from '../run-state';
import { addContent, contentKey, hasContent } from './content-index';
import type { RunDraft } from './run-draft';
import { patchStep } from './step-executions';

export function applyWrite(
  draft: RunDraft,
  stepId: string | undefined,
  stepName: string | undefined,
  output: unknown,
  ambiguousAmong?: readonly string[],
) {
  const step = findWritingStep(draft, stepId, stepName);
  if (!step) {
    // A write Mastra could not attribute: kept on the run, like custom data.
    applyData(draft, { type: 'run-data', name: 'step-output', data: output, stepId: stepId ?? stepName });
    return;
  }
  // Without a position, content is the only identity a write has: a replay is found by its JSON text.
  const key = contentKey('', output);
  if (key !== undefined && hasContent(step.writes, writeKey, key)) return;
  const writes = step.writes.append(output);
  addContent(step.writes, writes, writeKey, key, draft.listEdit);
  draft.putStep(
    patchStep(
      draft,
      step,
      ambiguousAmong === undefined || step.writesAmbiguousAmong !== undefined
        ? { writes }
        : { writes, writesAmbiguousAmong: ambiguousAmong },
    ),
  );
}

const writeKey = (output: unknown) => contentKey('', output);

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
    const step = draft.getStep(ids.at(i)!)!;
    if (step.name !== stepName) continue;
    if (step.status === 'running') return step;
    fallback ??= step;
  }
  return fallback;
}

/** Data chunks carry no ids: two with the same name and content are the same chunk replayed. */
export function applyData(draft: RunDraft, event: RunDataEvent): void {
  const data = draft.current.data;
  const key = dataKey(event);
  if (key !== undefined && hasContent(data, dataKey, key)) return;
  // Appended, not copied: a run's data list is read one chunk per batch by a live stream.
  const next = data.append(event);
  addContent(data, next, dataKey, key, draft.listEdit);
  draft.set('data', next);
}

const dataKey = (event: RunDataEvent) => contentKey(event.name, event.data);

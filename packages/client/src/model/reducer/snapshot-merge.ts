import type { RunSnapshot, SnapshotStep } from '../run-event';
import type { RunDraft } from './run-draft';
import { addFinish, setFact } from './run-facts';
import { applyStepFact } from './step-executions';
import { blankFact, rankOf } from './step-fact';

/**
 * A snapshot is a set of step facts with the server's times, merged like any event: a step the stream saw
 * finish stays finished when the snapshot (written late, as Mastra does for parallel branches) still says
 * running.
 */
export function applySnapshot(draft: RunDraft, snapshot: RunSnapshot): void {
  if (!draft.current.runId && snapshot.runId) draft.set('runId', snapshot.runId);
  if (!draft.current.workflowId && snapshot.workflowId) draft.set('workflowId', snapshot.workflowId);
  if (draft.current.input === undefined && snapshot.input !== undefined) draft.set('input', snapshot.input);

  // Keys, not `Object.entries`: a [key, value] array per stored step, on every read of a stored run.
  const steps = snapshot.steps;
  for (const stepId of Object.keys(steps)) applySnapshotStep(draft, stepId, steps[stepId]!);

  const facts = draft.current.facts;
  const newer =
    facts.snapshotUpdatedAt === undefined ||
    (snapshot.updatedAt !== undefined && snapshot.updatedAt > facts.snapshotUpdatedAt);
  if (newer && (facts.snapshotStatus !== snapshot.status || facts.snapshotUpdatedAt !== snapshot.updatedAt)) {
    const writable = draft.writableFacts();
    writable.snapshotStatus = snapshot.status;
    writable.snapshotUpdatedAt = snapshot.updatedAt;
  }
  if (snapshot.status !== 'pending') setFact(draft, 'started', true);
  if (snapshot.status === 'canceled') setFact(draft, 'canceled', true);
  if (snapshot.status === 'success' || snapshot.status === 'failed' || snapshot.status === 'bailed') {
    addFinish(draft, snapshot.status, snapshot.result, snapshot.error);
  }
}

function applySnapshotStep(draft: RunDraft, stepId: string, step: SnapshotStep): void {
  const at =
    step.status === 'suspended'
      ? (step.suspendedAt ?? step.resumedAt ?? step.startedAt)
      : rankOf[step.status] >= rankOf.success
        ? (step.endedAt ?? step.resumedAt ?? step.startedAt)
        : (step.resumedAt ?? step.startedAt);
  // Every field written: the scratch fact (see step-fact.ts) is read while applied and never kept.
  const fact = blankFact();
  fact.status = step.status;
  fact.at = at ?? -Infinity;
  fact.stepCallId = undefined;
  fact.iteration = step.iteration;
  fact.input = step.input;
  fact.output = step.output;
  fact.error = step.error;
  fact.suspendPayload = step.suspendPayload;
  fact.suspendedChildPath = step.suspendedChildPath;
  fact.resumePayload = step.resumePayload;
  fact.startedAt = step.startedAt;
  fact.endedAt = step.endedAt;
  fact.suspendedAt = step.suspendedAt;
  fact.resumedAt = step.resumedAt;
  applyStepFact(draft, { stepId, hidden: step.hidden === true }, fact);
}

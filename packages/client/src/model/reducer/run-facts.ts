import type { RunStatus, SerializedError } from '../run-event';
import type { RunDraft } from './run-draft';

/** Run-level flags: each says only "seen", so setting one twice changes nothing. */
export function setFact<K extends 'started' | 'canceled' | 'paused' | 'ended'>(
  draft: RunDraft,
  key: K,
  value: boolean,
): void {
  if (draft.current.facts[key] === value) return;
  draft.writableFacts()[key] = value;
}

export function addFinish(
  draft: RunDraft,
  status: RunStatus,
  result: unknown,
  error: SerializedError | undefined,
): void {
  // One entry per status, each field filled by the first finish that has it: a replayed finish adds
  // nothing, and the real result still lands when a wrong `success` without one (a resume segment of
  // parallel approvals) came first.
  const existing = draft.current.facts.finishes[status];
  const next = {
    result: existing?.result !== undefined ? existing.result : result,
    error: existing?.error ?? error,
  };
  if (existing && Object.is(existing.result, next.result) && existing.error === next.error) return;
  const facts = draft.writableFacts();
  facts.finishes = { ...facts.finishes, [status]: next };
}

import type { RunSnapshot } from '../model/run-event';

/**
 * A short text that changes whenever the stored run moves: its status, its `updatedAt`, and each step's
 * status and times. Equal fingerprints mean "nothing happened between two reads", which decides when
 * polling slows down, when a silent stream is stale, and when a run counts as stalled. Outputs are left
 * out: a step's output is written together with its status and end time.
 */
export function runFingerprint(snapshot: RunSnapshot): string {
  const parts: (string | number | undefined)[] = [snapshot.status, snapshot.updatedAt];
  for (const [id, step] of Object.entries(snapshot.steps)) {
    parts.push(
      id,
      step.status,
      step.iteration,
      step.startedAt,
      step.endedAt,
      step.suspendedAt,
      step.resumedAt,
    );
  }
  return JSON.stringify(parts);
}

import type { Mutable } from '../../util/mutable';
import { selectFailedStep } from '../failed-step';
import type { RunStatus, SerializedError } from '../run-event';
import type { RunState } from '../run-state';

/**
 * The run's status, result and error, derived from its steps and the finishes it saw. Steps come first
 * because their facts carry times and finishes do not: a step still suspended means the run is suspended
 * whatever a resume segment's finish claimed. The step map keeps its status counts as it changes, so this
 * costs the same in a run of 10 steps as in one of 10,000.
 */
export function deriveRunSummary(state: Mutable<RunState>): void {
  const { facts, steps } = state;
  const finishes = facts.finishes;
  let status: RunStatus;
  let result: unknown;
  let error: SerializedError | undefined;
  if (facts.canceled || finishes.canceled) status = 'canceled';
  else if (steps.countOf('running') > 0 || steps.countOf('waiting') > 0) status = 'running';
  else if (steps.countOf('suspended') > 0) status = facts.paused ? 'paused' : 'suspended';
  else if (finishes.tripwire) {
    status = 'tripwire';
    error = finishes.tripwire.error;
  } else if (steps.countOf('failed') > 0) {
    status = 'failed';
    error = finishes.failed?.error ?? selectFailedStep(state)?.error;
  } else if (finishes.bailed) {
    status = 'bailed';
    result = finishes.bailed.result;
  } else if (finishes.success) {
    status = 'success';
    result = finishes.success.result;
  } else if (finishes.failed) {
    status = 'failed';
    error = finishes.failed.error;
  } else if (facts.ended && !facts.paused) {
    // A finish without a status (legacy streams): no step runs, waits or failed, so the run is over.
    status = steps.countOf('canceled') > 0 ? 'canceled' : 'success';
  } else if (facts.paused) status = 'paused';
  else if (facts.snapshotStatus && facts.snapshotStatus !== 'pending') status = facts.snapshotStatus;
  else status = facts.started || state.stepIds.length > 0 ? 'running' : 'pending';
  state.status = status;
  state.result = result;
  state.error = error;
}

import type { RunStatus, StepResultStatus, StepStatus } from '../model/run-event';

/**
 * The closed sets of statuses Mastra sends, and the checks the normalizers make against them.
 *
 * Hand-written rather than a schema library: these checks run for every event of a stream, and the
 * minimal client import must stay small. Lenient where Mastra is loose (extra fields pass through,
 * payloads are `unknown`), strict where a wrong value would corrupt the run state (a status Stepline does
 * not know, a count that is not a whole number).
 */

/** The run statuses the wire may name. */
export const knownRunStatuses: readonly RunStatus[] = [
  'pending',
  'running',
  'waiting',
  'suspended',
  'paused',
  'success',
  'failed',
  'bailed',
  'canceled',
  'tripwire',
];
const runStatuses: ReadonlySet<string> = new Set(knownRunStatuses);
/** A step can also be skipped (a branch not taken); a run cannot. */
const stepStatuses: ReadonlySet<string> = new Set([...knownRunStatuses, 'skipped', 'unknown']);
const stepResultStatuses: ReadonlySet<string> = new Set<StepResultStatus>([
  'success',
  'failed',
  'bailed',
  'canceled',
  'skipped',
  'tripwire',
]);

/**
 * A step status as Stepline reads it: a status it does not know (a newer Mastra's, or none at all) is
 * `unknown`, so one strange step degrades to itself instead of making the whole run unreadable.
 */
export function toStepStatus(value: unknown): StepStatus {
  return isStepStatus(value) ? value : 'unknown';
}

export function isStepStatus(value: unknown): value is StepStatus {
  return typeof value === 'string' && stepStatuses.has(value);
}

export function isRunStatus(value: unknown): value is RunStatus {
  return typeof value === 'string' && runStatuses.has(value);
}

export function isStepResultStatus(value: unknown): value is StepResultStatus {
  return typeof value === 'string' && stepResultStatuses.has(value);
}

/**
 * Mastra 1.x ends the step that was running when a run is canceled as `failed` with this error. It is
 * not a failure of the step: Stepline reads it as `canceled`.
 */
export function isCancelAbort(error: unknown): boolean {
  const record = typeof error === 'object' && error !== null ? (error as Record<string, unknown>) : undefined;
  return record?.name === 'AbortError' && record.message === 'The run was canceled';
}

export function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

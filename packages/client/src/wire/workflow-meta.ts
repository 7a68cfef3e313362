import { asRecord } from './wire-values';

/**
 * Mastra's bookkeeping on a nested workflow's suspension: when a step inside a nested workflow suspends,
 * the container step is marked suspended too, with `suspendPayload.__workflow_meta = {runId, path}`
 * naming the inner step. This file is the only one that knows that name: the normalizers turn it into the
 * typed `suspendedChildPath` and drop it from the payload, so nothing above the wire layer reads it.
 */

export interface SuspendPayloadParts {
  /** The payload without Mastra's bookkeeping. */
  readonly payload: unknown;
  /** The path, inside the container, of the step that actually suspended; undefined for a leaf. */
  readonly childPath: readonly string[] | undefined;
}

export function readSuspendPayload(payload: unknown): SuspendPayloadParts {
  const record = asRecord(payload);
  if (!record || !('__workflow_meta' in record)) return { payload, childPath: undefined };
  const { __workflow_meta: meta, ...rest } = record;
  const path = asRecord(meta)?.path;
  const childPath = Array.isArray(path) && path.every((part) => typeof part === 'string') ? path : undefined;
  return { payload: rest, childPath };
}

/**
 * A suspend payload without Mastra's bookkeeping, for a payload that did not come through the
 * normalizer (payloads in a `RunState` are already clean).
 * @example
 * withoutWorkflowMeta({ reason: 'Check', __workflow_meta: { path: ['review'] } }); // { reason: 'Check' }
 */
export function withoutWorkflowMeta(payload: unknown): unknown {
  return readSuspendPayload(payload).payload;
}

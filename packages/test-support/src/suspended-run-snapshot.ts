import type { RunSnapshot } from '@stepline/client';

/**
 * A stored run (`run-1` of workflow `wf`) suspended at its one approval step, `review`, asking
 * `{ why: 'ok?' }`: what a controller test reads from a server that has nothing live to stream.
 *
 * @example
 * const transport = { getRun: async () => suspendedRunSnapshot, observeRun: async () => {} };
 */
export const suspendedRunSnapshot: RunSnapshot = {
  runId: 'run-1',
  workflowId: 'wf',
  status: 'suspended',
  input: undefined,
  result: undefined,
  error: undefined,
  steps: { review: { status: 'suspended', startedAt: 1, suspendedAt: 2, suspendPayload: { why: 'ok?' } } },
  createdAt: undefined,
  updatedAt: undefined,
};

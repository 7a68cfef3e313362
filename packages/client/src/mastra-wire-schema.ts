import * as z from 'zod/mini';

/**
 * The shapes of Mastra's wire chunks, as far as Stepline relies on them.
 *
 * Lenient where Mastra is loose (extra fields pass through untouched, payloads and outputs are `unknown`,
 * an unreadable timestamp is dropped), strict where a wrong value would corrupt the run state (a step id
 * must be a non-empty string, a status must be one Stepline knows, counts must be whole numbers).
 * zod/mini keeps these checks out of the way of the bundle budget.
 */

export const stepStatusSchema = z.enum([
  'pending',
  'running',
  'waiting',
  'suspended',
  'paused',
  'success',
  'failed',
  'bailed',
  'canceled',
  'skipped',
  'tripwire',
]);

export const runStatusSchema = z.enum([
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
]);

export const stepResultStatusSchema = z.enum([
  'success',
  'failed',
  'bailed',
  'canceled',
  'skipped',
  'tripwire',
]);

export const stepIdSchema = z.string().check(z.minLength(1));

/** Any chunk: a `type` is all that is required to route it. */
export const chunkEnvelopeSchema = z.looseObject({
  type: z.string().check(z.minLength(1)),
  runId: z.optional(z.unknown()),
  from: z.optional(z.unknown()),
  payload: z.optional(z.unknown()),
});

/** The payload of a step start, result, suspend or waiting event. */
export const stepPayloadSchema = z.looseObject({
  id: stepIdSchema,
  stepName: z.optional(z.unknown()),
  stepCallId: z.optional(z.unknown()),
  status: z.optional(z.unknown()),
  payload: z.optional(z.unknown()),
  output: z.optional(z.unknown()),
  error: z.optional(z.unknown()),
  suspendPayload: z.optional(z.unknown()),
  resumePayload: z.optional(z.unknown()),
  metadata: z.optional(z.unknown()),
  startedAt: z.optional(z.unknown()),
  endedAt: z.optional(z.unknown()),
  suspendedAt: z.optional(z.unknown()),
  resumedAt: z.optional(z.unknown()),
});

export const stepProgressPayloadSchema = z.looseObject({
  id: stepIdSchema,
  completedCount: z.int().check(z.nonnegative()),
  totalCount: z.int().check(z.nonnegative()),
  currentIndex: z.int().check(z.nonnegative()),
  iterationStatus: z.enum(['success', 'failed', 'suspended']),
  iterationOutput: z.optional(z.unknown()),
});

export const runFinishPayloadSchema = z.looseObject({
  workflowStatus: z.optional(runStatusSchema),
  finalWorkflowResult: z.optional(z.unknown()),
  result: z.optional(z.unknown()),
  metadata: z.optional(z.unknown()),
  error: z.optional(z.unknown()),
});

/** The run state a snapshot holds (`GET /workflows/:id/runs/:runId`, or the 0.x `watch` payload's state). */
export const snapshotSchema = z.looseObject({
  runId: z.optional(z.unknown()),
  workflowName: z.optional(z.unknown()),
  status: z.optional(z.string()),
  result: z.optional(z.unknown()),
  error: z.optional(z.unknown()),
  payload: z.optional(z.unknown()),
  context: z.optional(z.unknown()),
  steps: z.optional(z.record(z.string(), z.unknown())),
  createdAt: z.optional(z.unknown()),
  updatedAt: z.optional(z.unknown()),
});

export const snapshotStepSchema = z.looseObject({
  status: stepStatusSchema,
  payload: z.optional(z.unknown()),
  output: z.optional(z.unknown()),
  error: z.optional(z.unknown()),
  suspendPayload: z.optional(z.unknown()),
  resumePayload: z.optional(z.unknown()),
  startedAt: z.optional(z.unknown()),
  endedAt: z.optional(z.unknown()),
  suspendedAt: z.optional(z.unknown()),
  resumedAt: z.optional(z.unknown()),
  metadata: z.optional(z.unknown()),
});

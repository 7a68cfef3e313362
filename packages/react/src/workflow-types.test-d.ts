import { describe, expectTypeOf, it } from 'vitest';
import * as z from 'zod';
import type { UseWorkflowRunResult } from './hooks/use-workflow-run';
import type { InferWorkflowTypes } from './workflow-types';

// The schemas a Mastra workflow is built with; the types flow into the hook's result.
const reviewRequest = z.object({ reason: z.string(), draft: z.string(), revision: z.number() });
const decision = z.object({
  decision: z.enum(['approve', 'request-changes', 'reject']),
  notes: z.string().optional(),
});
const published = z.object({ url: z.string() });

type ContentBrief = InferWorkflowTypes<{
  steps: { 'editorial-round.review': { suspendSchema: typeof reviewRequest; resumeSchema: typeof decision } };
  resultSchema: typeof published;
}>;

describe('typed runs', () => {
  it('types suspend payloads, results and resume data from zod schemas', () => {
    const result = {} as UseWorkflowRunResult<ContentBrief>;
    expectTypeOf(result.run.steps.get('editorial-round.review')?.suspendPayload).toEqualTypeOf<
      { reason: string; draft: string; revision: number } | undefined
    >();
    expectTypeOf(result.run.result).toEqualTypeOf<{ url: string } | undefined>();
    expectTypeOf(result.resume).parameter(0).toMatchTypeOf<{
      step: 'editorial-round.review';
      resumeData: { decision: 'approve' | 'request-changes' | 'reject'; notes?: string | undefined };
    }>();
    // @ts-expect-error not one of the decisions
    result.resume({ step: 'editorial-round.review', resumeData: { decision: 'maybe' } });
    // @ts-expect-error not a step with a resume schema
    result.resume({ step: 'publish', resumeData: {} });
  });

  it('stays untyped (unknown) without workflow types', () => {
    const result = {} as UseWorkflowRunResult;
    expectTypeOf(result.run.steps.get('anything')?.output).toEqualTypeOf<unknown>();
    expectTypeOf(result.run.result).toEqualTypeOf<unknown>();
  });
});

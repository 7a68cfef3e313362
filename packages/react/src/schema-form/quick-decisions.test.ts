// @vitest-environment node
import type { JsonSchema } from '@stepline/client';
import { recordedResumeSchema } from '@stepline/test-support';
import { describe, expect, it } from 'vitest';
import { quickDecisions } from './quick-decisions';

const contentBrief = recordedResumeSchema('content-brief', 'editorial-round.review');
const legalApproval = recordedResumeSchema('parallel-approvals', 'legal-approval');
const managerApproval = recordedResumeSchema('nested-approval', 'approval-chain.manager-approval');

describe('quickDecisions on recorded schemas', () => {
  it('offers one button per decision of the content brief review', () => {
    expect(quickDecisions(contentBrief)).toEqual([
      {
        label: 'Approve',
        value: { decision: 'approve' },
        field: 'decision',
        option: 'approve',
        tone: 'positive',
      },
      {
        label: 'Request changes',
        value: { decision: 'request-changes' },
        field: 'decision',
        option: 'request-changes',
        tone: 'neutral',
      },
      {
        label: 'Reject',
        value: { decision: 'reject' },
        field: 'decision',
        option: 'reject',
        tone: 'negative',
      },
    ]);
  });

  it('offers nothing for the parallel approvals: the approver is required and has no default', () => {
    expect(quickDecisions(legalApproval)).toEqual([]);
  });

  it('offers approve / reject for the parallel approvals once the approver is known', () => {
    const decisions = quickDecisions(legalApproval, { base: { approver: 'Ada' } });
    expect(decisions.map(({ label, value, tone }) => ({ label, value, tone }))).toEqual([
      { label: 'Approve', value: { approved: true, approver: 'Ada' }, tone: 'positive' },
      { label: 'Reject', value: { approved: false, approver: 'Ada' }, tone: 'negative' },
    ]);
  });

  it('offers approve / reject for the nested approval (the comment is optional)', () => {
    expect(quickDecisions(managerApproval).map((decision) => decision.value)).toEqual([
      { approved: true },
      { approved: false },
    ]);
  });
});

describe('quickDecisions rule', () => {
  const object = (properties: Record<string, JsonSchema>, required: string[]): JsonSchema => ({
    type: 'object',
    properties,
    required,
  });

  it('fills other required fields from their defaults', () => {
    const schema = object(
      {
        decision: { type: 'string', enum: ['approve', 'reject'] },
        priority: { type: 'string', default: 'normal' },
      },
      ['decision', 'priority'],
    );
    expect(quickDecisions(schema).map((decision) => decision.value)).toEqual([
      { decision: 'approve', priority: 'normal' },
      { decision: 'reject', priority: 'normal' },
    ]);
  });

  it('does not answer a second required boolean silently', () => {
    const schema = object({ approved: { type: 'boolean' }, urgent: { type: 'boolean' } }, [
      'approved',
      'urgent',
    ]);
    expect(quickDecisions(schema)).toEqual([]);
  });

  it('picks the one candidate without a default when several qualify', () => {
    const schema = object({ approved: { type: 'boolean' }, urgent: { type: 'boolean', default: false } }, [
      'approved',
      'urgent',
    ]);
    expect(quickDecisions(schema).map((decision) => decision.value)).toEqual([
      { approved: true, urgent: false },
      { approved: false, urgent: false },
    ]);
  });

  it('ignores optional deciders, enums of more than four options and non-object schemas', () => {
    expect(quickDecisions(object({ decision: { type: 'string', enum: ['a', 'b'] } }, []))).toEqual([]);
    const five = { type: 'string', enum: ['a', 'b', 'c', 'd', 'e'] };
    expect(quickDecisions(object({ decision: five }, ['decision']))).toEqual([]);
    expect(quickDecisions({ type: 'boolean' })).toEqual([]);
    expect(quickDecisions(undefined)).toEqual([]);
    expect(quickDecisions({ anyOf: [{ type: 'object' }] })).toEqual([]);
  });

  it('labels other booleans with their title', () => {
    const schema = object({ publishNow: { type: 'boolean' } }, ['publishNow']);
    expect(quickDecisions(schema).map((decision) => decision.label)).toEqual([
      'Publish now: Yes',
      'Publish now: No',
    ]);
  });

  it('offers nothing when a base value does not pass the schema', () => {
    expect(quickDecisions(legalApproval, { base: { approver: 42 } })).toEqual([]);
  });
});

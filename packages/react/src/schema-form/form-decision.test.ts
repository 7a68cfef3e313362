// @vitest-environment node
import { recordedResumeSchema } from '@stepline/test-support';
import { describe, expect, it } from 'vitest';
import { formDecision } from './form-decision';

describe('formDecision on recorded schemas', () => {
  it('the content brief review: one button per decision, in the enum order', () => {
    expect(formDecision(recordedResumeSchema('content-brief', 'editorial-round.review'))).toEqual({
      field: 'decision',
      options: [
        { label: 'Approve', option: 'approve', tone: 'positive' },
        { label: 'Request changes', option: 'request-changes', tone: 'neutral' },
        { label: 'Reject', option: 'reject', tone: 'negative' },
      ],
    });
  });

  it('a yes/no approval with a required approver still asks its question with buttons', () => {
    expect(formDecision(recordedResumeSchema('parallel-approvals', 'legal-approval'))).toEqual({
      field: 'approved',
      options: [
        { label: 'Approve', option: true, tone: 'positive' },
        { label: 'Reject', option: false, tone: 'negative' },
      ],
    });
  });

  it('no question when nothing decides, or when two properties could', () => {
    expect(formDecision({ type: 'object', properties: { notes: { type: 'string' } } })).toBeUndefined();
    expect(
      formDecision({
        type: 'object',
        required: ['a', 'b'],
        properties: { a: { type: 'boolean' }, b: { type: 'boolean' } },
      }),
    ).toBeUndefined();
    expect(formDecision(undefined)).toBeUndefined();
  });

  it('a property the app already knows is not asked', () => {
    const schema = recordedResumeSchema('parallel-approvals', 'legal-approval');
    expect(formDecision(schema, { base: { approved: true } })).toBeUndefined();
  });
});

import { loadManifest, replayScenario } from '@stepline/test-support';
import { describe, expect, it } from 'vitest';
import { readDecision, selectRunOutcome, selectStepDecisions } from './decisions';

function recorded(name: string) {
  const scenario = loadManifest().scenarios.find((candidate) => candidate.name === name)!;
  return replayScenario(scenario).state;
}

describe('readDecision', () => {
  it('reads the decision, notes and who from common shapes', () => {
    expect(readDecision({ decision: 'request-changes', notes: 'Add a cost table' })).toEqual({
      field: 'decision',
      value: 'request-changes',
      label: 'Changes requested',
      tone: 'neutral',
      notes: 'Add a cost table',
      by: undefined,
      at: undefined,
    });
    const legal = readDecision({ approved: false, approver: 'lee@legal', decidedAt: '2026-11-30T10:42:00Z' });
    expect([legal.label, legal.tone, legal.by, legal.at]).toEqual([
      'Rejected',
      'negative',
      'lee@legal',
      Date.parse('2026-11-30T10:42:00Z'),
    ]);
    expect(readDecision({ verdict: 'shipIt' }).label).toBe('Ship it');
    expect(readDecision({ notes: 'only notes' })).toMatchObject({ label: 'Answered', tone: 'neutral' });
    expect(readDecision('approve')).toMatchObject({ label: 'Approved', tone: 'positive' });
    expect(readDecision({ flag: true }, 'flag')).toMatchObject({ label: 'Yes', field: 'flag' });
  });
});

describe('decisions on recorded runs', () => {
  it('a receipt for every round of the review loop, with the notes of the request for changes', () => {
    const review = recorded('content-brief-revise-loop').steps.get('editorial-round.review')!;
    const receipts = selectStepDecisions(review);
    expect(receipts.map((receipt) => [receipt.round, receipt.label, receipt.notes])).toEqual([
      [1, 'Changes requested', 'Add a cost table'],
      [2, 'Approved', undefined],
    ]);
    expect(receipts[0]!.resumedAt).toBe(review.executions.at(0)!.resumedAt);
    expect(receipts[0]!.suspendPayload).toMatchObject({ reason: 'First draft needs an editor' });
  });

  it("the nested workflow's container carries no receipt: its inner step does", () => {
    const run = recorded('content-brief-reject');
    expect(selectStepDecisions(run.steps.get('editorial-round')!)).toEqual([]);
    expect(selectStepDecisions(run.steps.get('editorial-round.review')!)[0]).toMatchObject({
      label: 'Rejected',
      notes: 'Off-brand',
    });
  });

  it('a rejected brief is rejected, not "Succeeded" (issue 14); an approved one has no special outcome', () => {
    expect(recorded('content-brief-reject').status).toBe('success');
    expect(selectRunOutcome(recorded('content-brief-reject'))).toBe('rejected');
    expect(selectRunOutcome(recorded('content-brief-approve'))).toBeUndefined();
    expect(selectRunOutcome(recorded('content-brief-revise-loop'))).toBeUndefined();
    expect(selectRunOutcome(recorded('parallel-approvals'))).toBeUndefined();
  });
});

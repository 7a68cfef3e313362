import { describe, expect, it } from 'vitest';
import type { StepResultEvent, StepStartEvent } from '../run-event';
import { reduceRunEvents } from '../run-reducer';
import { createRunState } from '../run-state';

const start = (
  startedAt: number,
  stepCallId: string | undefined,
  input: unknown = { n: 1 },
): StepStartEvent => ({
  type: 'step-start',
  stepId: 'poll',
  stepCallId,
  iteration: undefined,
  hidden: false,
  startedAt,
  input,
  resumePayload: undefined,
  resumedAt: undefined,
});

const result = (startedAt: number, endedAt: number, stepCallId: string): StepResultEvent => ({
  ...start(startedAt, stepCallId),
  type: 'step-result',
  status: 'success',
  output: { done: true },
  error: undefined,
  endedAt,
});

/** Each execution's start and call ids, oldest first. */
function executionsOf(events: Parameters<typeof reduceRunEvents>[1]) {
  const step = reduceRunEvents(createRunState(), events).steps.get('poll')!;
  return step.executions.toArray().map(({ startedAt, callIds }) => ({ startedAt, callIds }));
}

// A loop whose rounds are about a second apart: only the latest round started within the clock-skew
// tolerance (1.5 s) of the next, so finding a fact's execution looks at that one alone.
describe('a step fact whose start is within the tolerance of the latest execution only', () => {
  it('starts a new execution for a new call id when the latest has a call of its own', () => {
    expect(
      executionsOf([
        start(0, 'c1'),
        result(0, 900, 'c1'),
        start(1000, 'c2'),
        result(1000, 1900, 'c2'),
        start(2000, 'c3'),
      ]),
    ).toEqual([
      { startedAt: 0, callIds: ['c1'] },
      { startedAt: 1000, callIds: ['c2'] },
      { startedAt: 2000, callIds: ['c3'] },
    ]);
  });

  it('joins the latest when it has no call id yet and ran on the same input (the same execution seen twice)', () => {
    expect(
      executionsOf([start(0, 'c1'), result(0, 900, 'c1'), start(2000, undefined), start(2005, 'c2')]),
    ).toEqual([
      { startedAt: 0, callIds: ['c1'] },
      { startedAt: 2005, callIds: ['c2'] },
    ]);
  });

  it('does not join the latest when it ran on other input (the next round of a loop)', () => {
    expect(
      executionsOf([
        start(0, 'c1'),
        result(0, 900, 'c1'),
        start(2000, undefined, { n: 1 }),
        start(2005, 'c2', { n: 2 }),
      ]),
    ).toEqual([
      { startedAt: 0, callIds: ['c1'] },
      { startedAt: 2000, callIds: [] },
      { startedAt: 2005, callIds: ['c2'] },
    ]);
  });
});

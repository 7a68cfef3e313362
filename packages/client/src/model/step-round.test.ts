import { loadAgentManifest, replayScenario, stepStartEvent } from '@stepline/test-support';
import { describe, expect, it } from 'vitest';
import type { RunEvent } from './run-event';
import { reduceRunEvents } from './run-reducer';
import { createRunState } from './run-state';
import { findStepExecution, stepAtExecution, stepRoundsEqual } from './step-round';

/** A loop round of `draft`: its start, what it wrote with `writer.write`, its result. */
function round(iteration: number, writes: readonly string[]): RunEvent[] {
  const start = stepStartEvent('draft', {
    stepCallId: `call-${iteration}`,
    iteration,
    startedAt: iteration * 100,
  });
  return [
    start,
    ...writes.map(
      (output): RunEvent => ({ type: 'step-output', stepId: undefined, stepName: 'draft', output }),
    ),
    {
      ...start,
      type: 'step-result',
      status: 'success',
      output: iteration,
      error: undefined,
      endedAt: iteration * 100 + 50,
    },
  ];
}

const agentLoop = () => {
  const recorded = loadAgentManifest().scenarios.find((candidate) => candidate.name === 'agent-loop')!;
  return replayScenario(recorded).state;
};

describe('stepAtExecution', () => {
  it('reads one round of a loop: its status, output and times, and no later round’s writes', () => {
    const brainstorm = agentLoop().steps.get('brainstorm')!;
    const [first, , last] = brainstorm.executions;
    const round1 = stepAtExecution(brainstorm, first!.key)!;
    expect(round1).toMatchObject({
      id: 'brainstorm',
      status: 'success',
      output: first!.output,
      startedAt: first!.startedAt,
      endedAt: first!.endedAt,
      progress: undefined,
    });
    expect(round1.executions.toArray()).toEqual([first]);
    expect(round1.writes.length).toBe(0);
    const round3 = stepAtExecution(brainstorm, last!.key)!;
    expect(round3.output).toEqual(brainstorm.output);
    expect(round3.writes).toBe(brainstorm.writes);
    expect(stepAtExecution(brainstorm, 'no-such-execution')).toBeUndefined();
    expect(findStepExecution(brainstorm, last!.key)).toBe(last);
  });

  it('writer output kept per step, not per round: each round shows what it wrote', () => {
    const twoRounds = reduceRunEvents(createRunState(), [
      ...round(1, ['outline v1', 'sources found']),
      ...round(2, ['outline v2']),
    ]);
    const draft = twoRounds.steps.get('draft')!;
    expect(draft.writes.toArray()).toEqual(['outline v1', 'sources found', 'outline v2']);
    const [first, second] = draft.executions;
    const round1 = stepAtExecution(draft, first!.key)!;
    expect(round1.writes.toArray()).toEqual(['outline v1', 'sources found']);
    expect(stepAtExecution(draft, second!.key)!.writes.toArray()).toEqual(['outline v2']);

    // A third round's writes are its own, and the earlier rounds' views do not change.
    const threeRounds = reduceRunEvents(twoRounds, round(3, ['outline v3']));
    const again = threeRounds.steps.get('draft')!;
    expect(stepAtExecution(again, again.executions.at(2)!.key)!.writes.toArray()).toEqual(['outline v3']);
    expect(stepAtExecution(again, again.executions.at(1)!.key)!.writes.toArray()).toEqual(['outline v2']);
    expect(stepRoundsEqual(round1, stepAtExecution(again, first!.key))).toBe(true);
  });

  it('a round’s view is equal to the next one while its execution is unchanged', () => {
    const brainstorm = agentLoop().steps.get('brainstorm')!;
    const key = brainstorm.executions.at(0)!.key;
    const later = { ...brainstorm, writes: brainstorm.writes.append('one more') };
    expect(stepRoundsEqual(stepAtExecution(brainstorm, key), stepAtExecution(later, key))).toBe(true);
    const last = brainstorm.executions.at(-1)!.key;
    expect(stepRoundsEqual(stepAtExecution(brainstorm, last), stepAtExecution(later, last))).toBe(false);
  });
});

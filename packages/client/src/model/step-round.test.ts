import { loadAgentManifest, replayScenario } from '@stepline/test-support';
import { describe, expect, it } from 'vitest';
import { findStepExecution, stepAtExecution, stepRoundsEqual } from './step-round';

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

  it('a round’s view is equal to the next one while its execution is unchanged', () => {
    const brainstorm = agentLoop().steps.get('brainstorm')!;
    const key = brainstorm.executions.at(0)!.key;
    const later = { ...brainstorm, writes: brainstorm.writes.append('one more') };
    expect(stepRoundsEqual(stepAtExecution(brainstorm, key), stepAtExecution(later, key))).toBe(true);
    const last = brainstorm.executions.at(-1)!.key;
    expect(stepRoundsEqual(stepAtExecution(brainstorm, last), stepAtExecution(later, last))).toBe(false);
  });
});

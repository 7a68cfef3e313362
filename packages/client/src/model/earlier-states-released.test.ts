import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { stepStartEvent } from '@stepline/test-support';
import { expect, it } from 'vitest';
import type { RunEvent } from './run-event';
import { reduceRunEvents } from './run-reducer';
import { createRunState } from './run-state';

// The content index's trie nodes kept the batch's draft as their edit token, and the draft keeps the state
// it started from: every data-* chunk or plain write read one per batch held every earlier state alive.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

async function collected(events: (index: number) => RunEvent, count: number): Promise<boolean> {
  let released = false;
  const registry = new FinalizationRegistry(() => {
    released = true;
  });
  let state = reduceRunEvents(createRunState(), [stepStartEvent('write', { stepCallId: 'c1' })]);
  for (let index = 0; index < count; index++) {
    state = reduceRunEvents(state, [events(index)]);
    if (index === 5) registry.register(state, 'early');
  }
  for (let round = 0; round < 10 && !released; round++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  expect(state.steps.get('write')).toBeDefined();
  return released;
}

it('an earlier state is released after data-* chunks read one per batch (content index keeps no draft)', async () => {
  const data = (index: number): RunEvent => ({
    type: 'run-data',
    name: 'data-progress',
    data: { index },
    stepId: undefined,
  });
  expect(await collected(data, 200)).toBe(true);
});

it('an earlier state is released after plain writes read one per batch', async () => {
  const write = (index: number): RunEvent => ({
    type: 'step-output',
    stepId: 'write',
    stepName: 'write',
    output: { token: index },
  });
  expect(await collected(write, 200)).toBe(true);
});

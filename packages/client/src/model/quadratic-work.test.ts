import { countArrayItemsCopied, reduceOneByOne, stepStartEvent } from '@stepline/test-support';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PersistentList } from '../util/persistent-list';
import { normalizeSnapshot } from '../wire/normalize-snapshot';
import { RunDraft } from './reducer/run-draft';
import type { RunEvent } from './run-event';
import { reduceRunEvents } from './run-reducer';
import { createRunState, type RunState } from './run-state';

// Work is counted, not timed: a count that grows with n² fails here whatever the machine's speed.
// The times are in the benchmark's scaling table (bench/).
const n = 2_000;

afterEach(() => {
  vi.restoreAllMocks();
});

function stepStart(stepId: string): RunEvent {
  return stepStartEvent(stepId, { stepCallId: 'c1' });
}

/**
 * Executions visited while `run` runs, counted where every search of a step's executions goes
 * (`PersistentList#findLastIndex`): a walk back over every earlier round per event grows with n².
 */
function countExecutionsSearched<T>(run: () => T): { result: T; visited: number } {
  let visited = 0;
  const prototype = PersistentList.prototype as unknown as {
    findLastIndex: (predicate: (item: unknown, index: number) => boolean, from?: number) => number;
  };
  const findLastIndex = prototype.findLastIndex;
  prototype.findLastIndex = function (this: unknown, predicate, from) {
    return findLastIndex.call(
      this,
      (item, index) => {
        visited++;
        return predicate(item, index);
      },
      from,
    );
  };
  try {
    const result = run();
    return { result, visited };
  } finally {
    prototype.findLastIndex = findLastIndex;
  }
}

describe('quadratic work', () => {
  it('data-* chunks are not compared by JSON text against every earlier one; a replay is still dropped', () => {
    const events: RunEvent[] = Array.from({ length: n }, (_, index) => ({
      type: 'run-data',
      name: 'data-progress',
      data: { index, label: `item ${index}` },
      stepId: undefined,
    }));
    const stringify = vi.spyOn(JSON, 'stringify');
    const state = reduceOneByOne(events);
    expect(stringify.mock.calls.length).toBeLessThanOrEqual(2 * n);
    stringify.mockRestore();
    expect(state.data).toHaveLength(n);
    // The whole history replayed (observe): nothing is added, the state is the same object.
    expect(reduceOneByOne(events, state)).toBe(state);
  });

  it('writer output without a position is not compared against every earlier write', () => {
    const start: RunEvent = stepStartEvent('write', { stepCallId: 'c1' });
    const writes: RunEvent[] = Array.from({ length: n }, (_, index) => ({
      type: 'step-output',
      stepId: 'write',
      stepName: 'write',
      output: { token: index },
    }));
    const stringify = vi.spyOn(JSON, 'stringify');
    const state = reduceOneByOne([start, ...writes]);
    expect(stringify.mock.calls.length).toBeLessThanOrEqual(2 * n);
    stringify.mockRestore();
    expect(state.steps.get('write')?.writes).toHaveLength(n);
    expect(reduceOneByOne(writes, state)).toBe(state);
  });

  it('positioned writes are appended without copying every earlier write', () => {
    const writes = (count: number): RunEvent[] => [
      { type: 'run-start', runId: 'r', workflowId: 'w' },
      stepStart('write'),
      ...Array.from(
        { length: count },
        (_, index): RunEvent => ({
          type: 'step-output',
          stepId: 'write',
          stepName: 'write',
          output: index % 2 === 0 ? ' the' : ' cat',
          stepCallId: 'c1',
          position: { stream: 'write:c1', index },
        }),
      ),
    ];
    const small = countArrayItemsCopied(() => reduceOneByOne(writes(n)));
    const large = countArrayItemsCopied(() => reduceOneByOne(writes(2 * n)));
    // Twice the writes, about twice the copying; a copy of the list per write would be four times.
    expect(large.items / small.items).toBeLessThan(2.5);
    expect(small.items).toBeLessThanOrEqual(20 * n);
    const step = large.result.steps.get('write')!;
    expect(step.writes).toHaveLength(2 * n);
    expect(step.writes.toArray().join('')).toBe(' the cat'.repeat(n));
  });

  it('writes without a position are appended without copying every earlier write', () => {
    const writes = (count: number): RunEvent[] => [
      stepStart('write'),
      ...Array.from(
        { length: count },
        (_, index): RunEvent => ({
          type: 'step-output',
          stepId: 'write',
          stepName: 'write',
          output: { token: index },
        }),
      ),
    ];
    const small = countArrayItemsCopied(() => reduceOneByOne(writes(n)));
    const large = countArrayItemsCopied(() => reduceOneByOne(writes(2 * n)));
    // The content index copies a few trie nodes per write (O(log n)); the list itself is not copied.
    expect(large.items / small.items).toBeLessThan(2.5);
    expect(large.result.steps.get('write')!.writes).toHaveLength(2 * n);
  });

  it('steps whose startedAt decreases are inserted without a walk over every step', () => {
    const starts: RunEvent[] = Array.from({ length: n }, (_, index) => ({
      type: 'step-start',
      stepId: `step-${index}`,
      stepCallId: `call-${index}`,
      iteration: undefined,
      hidden: false,
      startedAt: 1_000_000 - index,
      input: undefined,
      resumePayload: undefined,
      resumedAt: undefined,
    }));
    const lookups = vi.spyOn(RunDraft.prototype, 'getStep');
    const state = reduceOneByOne(starts);
    // A few lookups per event to apply it and two to place it (the last step, then the first): the
    // batched benchmark grew 1.6x per event from 10k to 100k events with a search of O(log n) lookups.
    expect(lookups.mock.calls.length).toBeLessThanOrEqual(n * 6);
    expect(state.stepIds.at(0)).toBe(`step-${n - 1}`);
    expect(state.stepIds.at(n - 1)).toBe('step-0');
  });

  it('a loop that turns every millisecond finds each new round without a walk over the rounds within the clock-skew tolerance', () => {
    const round = (index: number, type: 'step-start' | 'step-result'): RunEvent => {
      const start = stepStartEvent('poll', {
        stepCallId: `call-${index}`,
        iteration: index + 1,
        startedAt: 1_000 + index,
        input: { index },
      });
      return type === 'step-start'
        ? start
        : { ...start, type, status: 'success', output: index, error: undefined, endedAt: 1_000 + index };
    };
    const events = Array.from({ length: n }, (_, index) => [
      round(index, 'step-start'),
      round(index, 'step-result'),
    ]).flat();
    const { result: state, visited } = countExecutionsSearched(() => reduceOneByOne(events));
    // Every earlier round started within the 1.5 s tolerance: a walk over them is ~n² / 2 visits.
    expect(visited).toBeLessThanOrEqual(4 * n);
    const executions = state.steps.get('poll')!.executions;
    expect(executions).toHaveLength(n);
    expect(executions.toArray().every((execution) => execution.status === 'success')).toBe(true);
    // Replayed, the whole history changes nothing.
    expect(reduceOneByOne(events, state)).toBe(state);
  });

  it('a round that starts past the tolerance after the step’s latest is placed without a search', () => {
    // Thousands of steps, each run a few times: a step's next round comes long after its previous one.
    const round = (index: number, type: 'step-start' | 'step-result'): RunEvent => {
      const start = stepStartEvent('review', {
        stepCallId: `call-${index}`,
        iteration: index + 1,
        startedAt: 1_000 + index * 2_000,
      });
      return type === 'step-start'
        ? start
        : {
            ...start,
            type,
            status: 'success',
            output: index,
            error: undefined,
            endedAt: 1_001 + index * 2_000,
          };
    };
    const events = Array.from({ length: 50 }, (_, index) => [
      round(index, 'step-start'),
      round(index, 'step-result'),
    ]).flat();
    const { result: state, visited } = countExecutionsSearched(() => reduceOneByOne(events));
    expect(visited).toBe(0);
    const executions = state.steps.get('review')!.executions;
    expect(executions.toArray().map((execution) => execution.status)).toEqual(Array(50).fill('success'));
    expect(reduceOneByOne(events, state)).toBe(state);
  });

  it('a long loop whose first round suspended does not search back to that round on every event', () => {
    const round = (index: number, type: 'step-start' | 'step-suspended' | 'step-result'): RunEvent => {
      const start = stepStartEvent('review', {
        stepCallId: `call-${index}`,
        iteration: index + 1,
        startedAt: 1_000 + 10_000 * index,
        input: { index },
      });
      if (type === 'step-start') return start;
      if (type === 'step-suspended') {
        return {
          ...start,
          type,
          suspendPayload: { ask: index },
          suspendedChildPath: undefined,
          suspendedAt: 1_001,
        };
      }
      return {
        ...start,
        type,
        status: 'success',
        output: index,
        error: undefined,
        endedAt: 2_000 + 10_000 * index,
      };
    };
    const events: RunEvent[] = [round(0, 'step-start'), round(0, 'step-suspended')];
    for (let index = 1; index < n; index++)
      events.push(round(index, 'step-start'), round(index, 'step-result'));
    const { result: state, visited } = countExecutionsSearched(() => reduceOneByOne(events));
    // A walk back to the suspended first round per event is ~n² visits.
    expect(visited).toBeLessThanOrEqual(4 * n);
    const step = state.steps.get('review')!;
    expect(step.executions).toHaveLength(n);
    expect(step.suspendPayload).toEqual({ ask: 0 });
    expect(step.status).toBe('success');
  });

  it('an agent answer streamed into a loop round does not index the step’s rounds again per chunk', () => {
    const rounds = Array.from(
      { length: n },
      (_, index): RunEvent =>
        stepStartEvent('agent', {
          stepCallId: `call-${index}`,
          iteration: index + 1,
          startedAt: 1_000 + 10_000 * index,
        }),
    );
    const chunks = Array.from(
      { length: n },
      (_, index): RunEvent => ({
        type: 'step-output',
        stepId: 'agent',
        stepName: 'agent',
        output: { type: 'text-delta' },
        agentChunk: { type: 'text-delta', agentRunId: 'a1', partId: 't', text: `${index} ` },
        stepCallId: `call-${n - 1}`,
        position: { stream: 'a1', index },
      }),
    );
    const state = reduceRunEvents(createRunState(), rounds);
    // Walks over a step's executions (building its index is one), counted where each walk starts.
    let walks = 0;
    const prototype = PersistentList.prototype as unknown as Record<PropertyKey, () => Iterator<unknown>>;
    const iterator = prototype[Symbol.iterator]!;
    prototype[Symbol.iterator] = function (this: unknown) {
      walks++;
      return iterator.call(this);
    };
    let after: RunState;
    try {
      // One read of many chunks: the batch changes the round in place after the first chunk.
      after = reduceRunEvents(state, chunks);
    } finally {
      prototype[Symbol.iterator] = iterator;
    }
    expect(walks).toBeLessThanOrEqual(1);
    const transcript = after.steps.get('agent')!.executions.at(-1)!.transcripts[0]!;
    expect(transcript.text).toBe(Array.from({ length: n }, (_, index) => `${index} `).join(''));
  });

  it('a snapshot with many running steps is read without comparing every step with every other', () => {
    const steps: Record<string, unknown> = {};
    for (let index = 0; index < n; index++)
      steps[`branch-${index}`] = { status: 'running', startedAt: index };
    steps.outer = { status: 'running', startedAt: 0 };
    steps['outer.review'] = { status: 'suspended', startedAt: 1, suspendedAt: 5 };
    const startsWith = vi.spyOn(String.prototype, 'startsWith');
    const snapshot = normalizeSnapshot({ status: 'running', steps });
    expect(startsWith.mock.calls.length).toBeLessThanOrEqual(10 * n);
    startsWith.mockRestore();
    expect(snapshot.ok && snapshot.value.steps.outer).toEqual({
      status: 'suspended',
      startedAt: 0,
      suspendedAt: 5,
    });
  });
});

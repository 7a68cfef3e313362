import { framedPage, stepStartEvent } from '@stepline/test-support';
import { describe, expect, it, vi } from 'vitest';
import type { StepResultEvent } from './run-event';
import * as reducer from './run-reducer';
import { createRunStore } from './run-store';

vi.mock('./run-reducer', async (importOriginal) => {
  const original = await importOriginal<typeof import('./run-reducer')>();
  return { ...original, reduceRunEvents: vi.fn(original.reduceRunEvents) };
});

const start = (id: string, startedAt: number) => stepStartEvent(id, { startedAt });
const result = (id: string, startedAt: number): StepResultEvent => ({
  ...start(id, startedAt),
  type: 'step-result',
  status: 'success',
  output: { id },
  error: undefined,
  endedAt: startedAt + 1,
});

/** A turn of the event loop of its own, as reads from a server that flushes every event come. */
const nextTurn = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('RunStore in a framed page', () => {
  it('reads that come apart while a delivery waits for the frame are reduced once, at the frame, not once per read', async () => {
    const { frames, runFrame } = framedPage();
    const store = createRunStore({ frames });
    const heard = vi.fn();
    store.subscribe(heard);
    store.dispatch(start('first', 1));
    await nextTurn();
    // The first change is the run's status (pending -> running): delivered at once.
    expect(heard).toHaveBeenCalledTimes(1);
    runFrame();

    store.dispatch(start('a', 2));
    await nextTurn();
    const reduce = vi.mocked(reducer.reduceRunEvents);
    reduce.mockClear();
    // Each read in a turn of its own: a reduce per read copied the steps it touched per read.
    for (let index = 0; index < 20; index++) {
      store.dispatch(index % 2 === 0 ? result('a', 2) : start(`b-${index}`, 3 + index));
      await nextTurn();
    }
    expect(reduce).not.toHaveBeenCalled();
    expect(heard).toHaveBeenCalledTimes(1);
    runFrame();
    expect(reduce).toHaveBeenCalledTimes(1);
    expect(heard).toHaveBeenCalledTimes(2);
    const state = store.getSnapshot();
    expect(state.steps.get('a')?.status).toBe('success');
    expect(state.stepIds.toArray()).toHaveLength(12);
  });

  it('a reader between frames still sees every event dispatched so far', async () => {
    const { frames, runFrame } = framedPage();
    const store = createRunStore({ frames });
    store.subscribe(() => {});
    store.dispatch(start('first', 1));
    await nextTurn();
    runFrame();
    store.dispatch(start('a', 2));
    await nextTurn();
    store.dispatch(result('a', 2));
    await nextTurn();
    expect(store.getSnapshot().steps.get('a')?.status).toBe('success');
  });

  it('the run ending while a delivery waits reaches listeners with that frame', async () => {
    const { frames, runFrame } = framedPage();
    const store = createRunStore({ frames });
    const statuses: string[] = [];
    store.subscribe(() => statuses.push(store.getSnapshot().status));
    store.dispatch(start('first', 1));
    await nextTurn();
    runFrame();
    store.dispatch(start('a', 2));
    await nextTurn();
    store.dispatch([
      result('first', 1),
      result('a', 2),
      { type: 'run-finish', status: 'success', result: { done: true }, error: undefined },
    ]);
    await nextTurn();
    expect(statuses).toEqual(['running']);
    runFrame();
    expect(statuses).toEqual(['running', 'success']);
  });
});

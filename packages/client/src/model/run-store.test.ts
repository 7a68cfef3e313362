import { describe, expect, it, vi } from 'vitest';
import { synchronousScheduler } from '../util/notify-scheduler';
import type { RunEvent } from './run-event';
import { createRunStore } from './run-store';

const base = {
  stepCallId: 'c1',
  iteration: undefined,
  hidden: false,
  input: {},
  resumePayload: undefined,
  resumedAt: undefined,
};
const started: RunEvent = { type: 'step-start', stepId: 'a', startedAt: 10, ...base };
const finished: RunEvent = {
  type: 'step-result',
  stepId: 'a',
  startedAt: 10,
  status: 'success',
  output: { ok: true },
  error: undefined,
  endedAt: 20,
  ...base,
};
const otherStarted: RunEvent = { type: 'step-start', stepId: 'b', startedAt: 21, ...base, stepCallId: 'c2' };

describe('RunStore', () => {
  it('keeps the snapshot reference until something changes, and replays change nothing', () => {
    const store = createRunStore({ scheduler: synchronousScheduler });
    const listener = vi.fn();
    store.subscribe(listener);
    const empty = store.getSnapshot();
    expect(store.getSnapshot()).toBe(empty);

    store.dispatch([started, finished]);
    const afterRun = store.getSnapshot();
    expect(afterRun).not.toBe(empty);
    expect(listener).toHaveBeenCalledTimes(1);

    store.dispatch([started, finished]);
    expect(store.getSnapshot()).toBe(afterRun);
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('keeps the identity of steps an event did not touch', () => {
    const store = createRunStore({ scheduler: synchronousScheduler });
    store.dispatch([started, finished]);
    const stepA = store.getSnapshot().steps.get('a');
    store.dispatch(otherStarted);
    expect(store.getSnapshot().steps.get('a')).toBe(stepA);
    expect(store.getSnapshot().steps.get('b')?.status).toBe('running');
  });

  it('notifies once per microtask by default, however many dispatches', async () => {
    const store = createRunStore();
    const listener = vi.fn();
    store.subscribe(listener);
    store.dispatch(started);
    store.dispatch(finished);
    store.dispatch(otherStarted);
    expect(listener).not.toHaveBeenCalled();
    await Promise.resolve();
    expect(listener).toHaveBeenCalledTimes(1);
    expect(store.getSnapshot().stepIds.toArray()).toEqual(['a', 'b']);
  });

  it('batch() defers a synchronous scheduler to one notification', () => {
    const store = createRunStore({ scheduler: synchronousScheduler });
    const listener = vi.fn();
    store.subscribe(listener);
    store.batch(() => {
      store.dispatch(started);
      store.dispatch(finished);
    });
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('uses an injected scheduler', () => {
    const flushes: (() => void)[] = [];
    const store = createRunStore({ scheduler: (flush) => flushes.push(flush) });
    const listener = vi.fn();
    const unsubscribe = store.subscribe(listener);
    store.dispatch(started);
    store.dispatch(finished);
    expect(flushes).toHaveLength(1);
    flushes[0]!();
    expect(listener).toHaveBeenCalledTimes(1);
    unsubscribe();
    store.dispatch(otherStarted);
    flushes[1]!();
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('shows events dispatched one by one to a reader at once, before the notification', () => {
    const flushes: (() => void)[] = [];
    const store = createRunStore({ scheduler: (flush) => flushes.push(flush) });
    store.dispatch(started);
    store.dispatch(finished);
    expect(store.getSnapshot().steps.get('a')?.status).toBe('success');
    expect(flushes).toHaveLength(1);
  });
});

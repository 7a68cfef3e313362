import { framedPage, stepStartEvent } from '@stepline/test-support';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRunStore } from '../model/run-store';
import { createFrameScheduler, frameScheduler } from './frame-scheduler';

const start = (id: string, startedAt: number) => stepStartEvent(id, { startedAt });

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the frame lane', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  // Moved from the React package's shared-frame test: the lane is the client's now.
  it('still delivers in a hidden tab, where animation frames never come, about once a second', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    // A hidden tab: frames are requested but never run.
    const { frames, requests } = framedPage();
    const delivered: string[] = [];
    frames.schedule(() => delivered.push('a'));
    frames.schedule(() => delivered.push('b'));
    expect(requests).toHaveLength(1);
    vi.advanceTimersByTime(999);
    expect(delivered).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(delivered).toEqual(['a', 'b']);
    // The frame counts as updated until the next one (or the next fallback): an urgent change waits.
    expect(frames.scheduleUrgent(() => delivered.push('urgent'))).toBeTypeOf('function');
    expect(delivered).toEqual(['a', 'b']);
    vi.advanceTimersByTime(1000);
    expect(delivered).toEqual(['a', 'b', 'urgent']);
  });

  it('gives a store one entry per frame, whatever its listeners, and its status changes at once', async () => {
    const { frames, requests, runFrame } = framedPage();
    const store = createRunStore({ frames });
    const heard: number[] = [];
    for (let i = 0; i < 100; i++) store.subscribe(() => heard.push(i));

    // pending -> running: at once (after the store's own microtask batching), no frame needed.
    store.dispatch(start('first', 1));
    await tick();
    expect(heard).toHaveLength(100);
    heard.length = 0;
    runFrame();

    for (let i = 2; i <= 50; i++) store.dispatch(start(`step-${i}`, i));
    await tick();
    expect(heard).toHaveLength(0);
    expect(requests).toHaveLength(1);
    runFrame();
    expect(heard).toHaveLength(100);
    expect(store.getSnapshot().stepIds).toHaveLength(50);
  });

  it('without frames from a binding, notifies as before: after a microtask, every listener once', async () => {
    const frames = createFrameScheduler();
    const store = createRunStore({ frames });
    let heard = 0;
    store.subscribe(() => heard++);
    store.dispatch(start('a', 1));
    store.dispatch(start('b', 2));
    expect(heard).toBe(0);
    await Promise.resolve();
    expect(heard).toBe(1);
  });

  // The store finds the page's lane through framed-page.ts (so the minimal import does not bundle it).
  it("a store given no lane delivers through the page's lane while a binding gives it frames", async () => {
    const store = createRunStore();
    let heard = 0;
    store.subscribe(() => heard++);
    store.dispatch(start('a', 1));
    await tick();
    expect(heard).toBe(1);

    const requests: (() => void)[] = [];
    frameScheduler.setFrameRequest((callback) => {
      requests.push(callback);
      return () => {};
    });
    try {
      // The first frame request (from the status change's urgent delivery) ends the frame it updated.
      for (const callback of requests.splice(0)) callback();
      store.dispatch(start('b', 2));
      await tick();
      expect(heard).toBe(1);
      expect(requests.length).toBeGreaterThan(0);
      for (const callback of requests.splice(0)) callback();
      expect(heard).toBe(2);
    } finally {
      frameScheduler.setFrameRequest(undefined);
    }
    // Frames taken away again: at once after the microtask, as before.
    store.dispatch(start('c', 3));
    await tick();
    expect(heard).toBe(3);
  });
});

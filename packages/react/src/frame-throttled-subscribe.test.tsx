import { createRunStore, type RunEvent, type RunStore } from '@stepline/client';
import { act, Profiler, useMemo, useSyncExternalStore } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { frameThrottledSubscribe } from './frame-throttled-subscribe';

const actEnvironment = globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean };

function stepStart(id: string, startedAt: number): RunEvent {
  return {
    type: 'step-start',
    stepId: id,
    stepCallId: id,
    iteration: undefined,
    hidden: false,
    startedAt,
    input: undefined,
    resumePayload: undefined,
    resumedAt: undefined,
  };
}

function StepCount({ store }: { store: RunStore }) {
  const subscribe = useMemo(() => frameThrottledSubscribe(store.subscribe, store.getSnapshot), [store]);
  const run = useSyncExternalStore(subscribe, store.getSnapshot);
  return <span>{run.stepIds.length}</span>;
}

describe('frame-throttled subscriptions', () => {
  let frames: FrameRequestCallback[];
  let root: Root;

  beforeEach(() => {
    frames = [];
    vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) => frames.push(callback));
    vi.stubGlobal('cancelAnimationFrame', () => {});
  });

  afterEach(() => {
    actEnvironment.IS_REACT_ACT_ENVIRONMENT = true;
    act(() => root.unmount());
    vi.unstubAllGlobals();
  });

  it('a hundred views of one run commit once per frame, as a browser runs frame callbacks', async () => {
    const store = createRunStore();
    let commits = 0;
    const container = document.createElement('div');
    root = createRoot(container);
    act(() => {
      root.render(
        <Profiler id="views" onRender={() => commits++}>
          {Array.from({ length: 100 }, (_, i) => (
            <StepCount key={i} store={store} />
          ))}
        </Profiler>,
      );
    });
    // The run's status changes from pending to running: urgent, delivered at once.
    await act(async () => store.dispatch(stepStart('first', 1)));
    expect(container.textContent).toBe('1'.repeat(100));

    // Now outside act, as in a browser: React schedules its own work.
    actEnvironment.IS_REACT_ACT_ENVIRONMENT = false;
    commits = 0;
    frames.length = 0;
    for (let i = 2; i <= 50; i++) store.dispatch(stepStart(`step-${i}`, i));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(commits).toBe(0);
    // One frame request for all hundred views, not one each.
    expect(frames).toHaveLength(1);
    // A browser runs each frame callback as its own task, with microtasks (React's commits) after each.
    for (const callback of frames.splice(0)) {
      callback(performance.now());
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    expect(commits).toBe(1);
    expect(container.textContent).toBe('50'.repeat(100));
  });
});

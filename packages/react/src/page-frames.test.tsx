import { createRunStore, frameScheduler, type RunStore } from '@stepline/client';
import { stepStartEvent } from '@stepline/test-support';
import { act, Profiler, useEffect, useState, useSyncExternalStore } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { usePageFrames } from './page-frames';

const actEnvironment = globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean };

const stepStart = (id: string, startedAt: number) => stepStartEvent(id, { startedAt });

// The store's own subscribe: the client's frame lane, given the page's frames by the binding, is the one
// schedule between a change and a commit.
function StepCount({ store }: { store: RunStore }) {
  usePageFrames();
  const run = useSyncExternalStore(store.subscribe, store.getSnapshot);
  return <span>{run.stepIds.length}</span>;
}

// A part with state of its own that it sets in the frame lane (the windowed timeline's row heights, the
// announcer's message), next to the run's rows.
let setOwnState: ((value: number) => void) | undefined;
function RowsAndOwnState({ store }: { store: RunStore }) {
  usePageFrames();
  const run = useSyncExternalStore(store.subscribe, store.getSnapshot);
  const [own, setOwn] = useState(0);
  useEffect(() => {
    setOwnState = setOwn;
  }, []);
  return (
    <span>
      {run.stepIds.length}/{own}
    </span>
  );
}

describe('run stores through the page frames', () => {
  let frames: FrameRequestCallback[];
  let root: Root;

  beforeEach(() => {
    frames = [];
    vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) => frames.push(callback));
    vi.stubGlobal('cancelAnimationFrame', () => {});
  });

  /** Runs frames until nobody waits for one, each callback as its own task with its microtasks after it. */
  async function runFrames(): Promise<void> {
    while (frames.length > 0) {
      for (const callback of frames.splice(0)) {
        callback(performance.now());
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
    }
  }

  afterEach(async () => {
    await runFrames();
    actEnvironment.IS_REACT_ACT_ENVIRONMENT = true;
    act(() => root.unmount());
    vi.unstubAllGlobals();
  });

  function mountViews(count: number, store: RunStore) {
    const view = { commits: 0, container: document.createElement('div') };
    root = createRoot(view.container);
    act(() => {
      root.render(
        <Profiler id="views" onRender={() => view.commits++}>
          {Array.from({ length: count }, (_, i) => `view-${i}`).map((id) => (
            <StepCount key={id} store={store} />
          ))}
        </Profiler>,
      );
    });
    view.commits = 0;
    return view;
  }

  it('a hundred views of one run commit once per frame, as a browser runs frame callbacks', async () => {
    const store = createRunStore();
    const view = mountViews(100, store);
    // The run's status changes from pending to running: urgent, delivered at once.
    await act(async () => store.dispatch(stepStart('first', 1)));
    expect(view.container.textContent).toBe('1'.repeat(100));
    await runFrames();

    // Now outside act, as in a browser: React schedules its own work.
    actEnvironment.IS_REACT_ACT_ENVIRONMENT = false;
    view.commits = 0;
    for (let i = 2; i <= 50; i++) store.dispatch(stepStart(`step-${i}`, i));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(view.commits).toBe(0);
    // One frame request for all hundred views, not one each.
    expect(frames).toHaveLength(1);
    await runFrames();
    expect(view.commits).toBe(1);
    expect(view.container.textContent).toBe('50'.repeat(100));
  });

  it('flood: a frame that re-measured rows committed twice (state set in the frame lane is one commit with the run)', async () => {
    const store = createRunStore();
    const view = { commits: 0, container: document.createElement('div') };
    root = createRoot(view.container);
    act(() => {
      root.render(
        <Profiler id="view" onRender={() => view.commits++}>
          <RowsAndOwnState store={store} />
        </Profiler>,
      );
    });
    await act(async () => store.dispatch(stepStart('first', 1)));
    await runFrames();
    actEnvironment.IS_REACT_ACT_ENVIRONMENT = false;
    view.commits = 0;

    // In one frame: the run's next steps and a component's own state, both waiting for the frame lane.
    store.dispatch(stepStart('second', 2));
    frameScheduler.schedule(() => setOwnState?.(1));
    await runFrames();
    // React's own work for a default-priority update runs in a task of its own: give it time to.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(view.container.textContent).toBe('2/1');
    expect(view.commits).toBe(1);
  });

  it('delivers a status change at once, or at the next frame when the page already updated in this one', async () => {
    const store = createRunStore();
    const view = mountViews(3, store);
    actEnvironment.IS_REACT_ACT_ENVIRONMENT = false;
    store.dispatch(stepStart('first', 1));
    await new Promise((resolve) => setTimeout(resolve, 0));
    // pending -> running: no frame needed.
    expect(view.commits).toBe(1);
    expect(view.container.textContent).toBe('111');

    // Still in the same frame: a second status change (running -> success) waits for the next one.
    store.dispatch([
      {
        ...stepStart('first', 1),
        type: 'step-result',
        status: 'success',
        output: 1,
        error: undefined,
        endedAt: 2,
      },
      { type: 'run-finish', status: 'success', result: 1, error: undefined },
    ]);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(view.commits).toBe(1);
    await runFrames();
    expect(view.commits).toBe(2);
    expect(store.getSnapshot().status).toBe('success');
  });
});

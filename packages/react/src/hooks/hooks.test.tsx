import {
  createMastraHttpTransport,
  createRunState,
  type RunController,
  type RunEvent,
  reduceRunEvents,
} from '@stepline/client';
import { createMockMastraFetch, mastraEvents } from '@stepline/client/testing';
import { act, render, renderHook, screen, waitFor } from '@testing-library/react';
import { memo, Profiler, type ReactNode, useEffect } from 'react';
import { describe, expect, it } from 'vitest';
import { RunScope, useRunSelector, useRunStatus, useRunStep } from '../run-scope';
import { SteplineProvider } from '../stepline-provider';
import { useStartWorkflowRun } from './use-run-mutations';
import { useWorkflowRun } from './use-workflow-run';
import { useWorkflowRuns } from './use-workflow-runs';

const runId = 'run-1';
const approvalRun = () =>
  createMockMastraFetch({
    runs: [
      {
        workflowId: 'approval',
        runId,
        segments: [
          {
            events: [
              mastraEvents.workflowStart(runId, 'approval'),
              ...mastraEvents.step('draft', { startedAt: 1000, output: { text: 'hi' } }),
              mastraEvents.stepStart('review', { startedAt: 1010 }),
              mastraEvents.stepSuspended('review', {
                startedAt: 1010,
                suspendPayload: { reason: 'Check it' },
              }),
              mastraEvents.workflowFinish('suspended'),
            ],
          },
          {
            events: [
              mastraEvents.workflowStart(runId, 'approval'),
              mastraEvents.stepStart('review', { startedAt: 1010, resumedAt: 2000 }),
              mastraEvents.stepResult('review', { startedAt: 1010, endedAt: 2001, output: { ok: true } }),
              mastraEvents.workflowFinish('success', { result: { ok: true } }),
            ],
          },
        ],
      },
    ],
  });

function providerWith(fetch: typeof globalThis.fetch, pollIntervalMs = 20) {
  const transport = createMastraHttpTransport({ baseUrl: 'http://mastra.test', fetch });
  return ({ children }: { children?: ReactNode }) => (
    <SteplineProvider
      transport={transport}
      pollIntervalMs={pollIntervalMs}
      reconnect={{ initialDelayMs: 5, maxDelayMs: 20 }}
    >
      {children}
    </SteplineProvider>
  );
}

describe('SteplineProvider', () => {
  it('names both components when a hook is used outside it', () => {
    expect(() => renderHook(() => useWorkflowRun({ workflowId: 'w', runId: 'r' }))).toThrow(
      /useWorkflowRun must be used inside <SteplineProvider>/,
    );
    expect(() => renderHook(() => useRunStatus())).toThrow(/inside <WorkflowRun> or <RunScope/);
  });
});

describe('useWorkflowRun', () => {
  it('follows a run started elsewhere, resumes it, and closes when it ends', async () => {
    const fetch = approvalRun();
    const wrapper = providerWith(fetch);
    // Start the run the way another tab would.
    const other = createMastraHttpTransport({ baseUrl: 'http://mastra.test', fetch });
    await other.streamRun({ workflowId: 'approval', runId }, { inputData: {} }, { onChunks: () => {} });

    const { result } = renderHook(() => useWorkflowRun({ workflowId: 'approval', runId }), { wrapper });
    await waitFor(() => expect(result.current.run.status).toBe('suspended'));
    expect(result.current.run.steps.get('review')?.suspendPayload).toEqual({ reason: 'Check it' });

    await act(() => result.current.resume({ step: 'review', resumeData: { approved: true } }));
    await waitFor(() => expect(result.current.run.status).toBe('success'));
    await waitFor(() => expect(result.current.connection.status).toBe('closed'));
    expect(result.current.run.result).toEqual({ ok: true });
  });

  it('shares one controller, and one connection, between every view of the same run', async () => {
    const fetch = approvalRun();
    const wrapper = providerWith(fetch, 60_000);
    // A suspended run: one watcher reads it once, then waits for the (long) poll interval.
    await createMastraHttpTransport({ baseUrl: 'http://mastra.test', fetch }).streamRun(
      { workflowId: 'approval', runId },
      { inputData: {} },
      { onChunks: () => {} },
    );
    const { result } = renderHook(
      () =>
        [
          useWorkflowRun({ workflowId: 'approval', runId }),
          useWorkflowRun({ workflowId: 'approval', runId }),
        ] as const,
      { wrapper },
    );
    expect(result.current[0].controller).toBe(result.current[1].controller);
    await waitFor(() => expect(result.current[0].connection.status).toBe('polling'));
    const reads = fetch.requests.filter((request) => request.route === 'get-run').length;
    expect(reads).toBe(1);
  });

  it('shows an initial snapshot on the first render, before anything is fetched', () => {
    const fetch = approvalRun();
    const wrapper = providerWith(fetch);
    const { result } = renderHook(
      () =>
        useWorkflowRun({
          workflowId: 'approval',
          runId,
          enabled: false,
          initialSnapshot: {
            runId,
            workflowName: 'approval',
            status: 'suspended',
            steps: {
              review: {
                status: 'suspended',
                startedAt: 1,
                suspendedAt: 2,
                suspendPayload: { reason: 'SSR' },
              },
            },
          },
        }),
      { wrapper },
    );
    expect(result.current.run.status).toBe('suspended');
    expect(result.current.run.steps.get('review')?.suspendPayload).toEqual({ reason: 'SSR' });
    expect(fetch.requests).toEqual([]);
  });
});

const stepRenders = new Map<string, number>();
const floodStepIds = Array.from({ length: 50 }, (_, index) => `step-${index}`);
const floodView: { controller?: RunController } = {};

// memo: the parent re-renders with the run; a row re-renders only when its own step changes.
const FloodStep = memo(function FloodStep({ id }: { id: string }) {
  const step = useRunStep(id);
  stepRenders.set(id, (stepRenders.get(id) ?? 0) + 1);
  return <li>{`${id}: ${step?.writes.length ?? 0}`}</li>;
});

function FloodView() {
  const { controller } = useWorkflowRun({ workflowId: 'approval', runId, enabled: false });
  useEffect(() => {
    floodView.controller = controller;
  }, [controller]);
  return (
    <RunScope controller={controller}>
      <ul>
        {floodStepIds.map((id) => (
          <FloodStep key={id} id={id} />
        ))}
      </ul>
    </RunScope>
  );
}

describe('rendering under an event flood', () => {
  function flood(controller: RunController, steps: number, eventsPerStep: number) {
    let state = createRunState({ runId, workflowId: 'approval' });
    const events: RunEvent[] = [];
    for (let step = 0; step < steps; step++) {
      for (let i = 0; i < eventsPerStep; i++) {
        events.push({
          type: 'step-output',
          stepId: `step-${step}`,
          stepName: undefined,
          output: { i },
        });
      }
    }
    state = reduceRunEvents(
      state,
      Array.from({ length: steps }, (_, step) => ({
        type: 'step-start' as const,
        stepId: `step-${step}`,
        stepCallId: `c${step}`,
        iteration: undefined,
        hidden: false,
        startedAt: 1000 + step,
        input: undefined,
        resumePayload: undefined,
        resumedAt: undefined,
      })),
    );
    controller.store.setState(state);
    return events;
  }

  it('commits a bounded number of times for 5,000 events, and re-renders only the step that changed', async () => {
    const fetch = approvalRun();
    const Wrapper = providerWith(fetch);
    let commits = 0;
    stepRenders.clear();
    render(
      <Wrapper>
        <Profiler id="run" onRender={() => commits++}>
          <FloodView />
        </Profiler>
      </Wrapper>,
    );
    const controller = floodView.controller!;
    let events: RunEvent[] = [];
    act(() => {
      events = flood(controller, 50, 100);
    });
    await waitFor(() => expect(screen.getByText('step-0: 0')).toBeDefined());
    commits = 0;
    stepRenders.clear();

    await act(async () => {
      for (let i = 0; i < events.length; i += 50) {
        controller.store.dispatch(events.slice(i, i + 50));
        await Promise.resolve();
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    });
    expect(screen.getByText('step-49: 100')).toBeDefined();
    expect(commits).toBeLessThan(20);

    stepRenders.clear();
    await act(async () => {
      controller.store.dispatch({
        type: 'step-output',
        stepId: 'step-7',
        stepName: undefined,
        output: 'one more',
      });
      await new Promise((resolve) => setTimeout(resolve, 40));
    });
    expect([...stepRenders.keys()]).toEqual(['step-7']);
  });

  it('delivers a status change at once, without waiting for the next frame', async () => {
    const fetch = approvalRun();
    const wrapper = providerWith(fetch);
    const { result } = renderHook(() => useWorkflowRun({ workflowId: 'approval', runId, enabled: false }), {
      wrapper,
    });
    // "At once" holds when the page has not updated in this frame yet (after a delivery a status change
    // joins the next frame: see frame-scheduler.ts). The earlier tests' last delivery may still be in the
    // current frame on a loaded machine, so the test starts on a frame of its own: the page's frame lane
    // asked for its next frame before these callbacks did, so by the second one it has begun a fresh frame.
    await act(
      () =>
        new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))),
    );
    act(() => {
      result.current.controller.store.dispatch({ type: 'run-start', runId, workflowId: 'approval' });
    });
    await act(() => Promise.resolve());
    expect(result.current.run.status).toBe('running');
  });
});

describe('mutations and lists', () => {
  it('starts a run as a mutation and lists it among the workflow runs', async () => {
    const fetch = approvalRun();
    const wrapper = providerWith(fetch);
    const { result } = renderHook(
      () => ({
        start: useStartWorkflowRun('approval'),
        runs: useWorkflowRuns('approval', { refetchIntervalMs: false }),
      }),
      { wrapper },
    );
    await act(() => result.current.start.mutateAsync({ runId, inputData: {} }));
    expect(result.current.start.data).toEqual({ workflowId: 'approval', runId });
    await waitFor(() => expect(result.current.runs.data?.runs.map((run) => run.runId)).toEqual([runId]));
  });
});

const probe: { controller?: RunController; calls: string[] } = { calls: [] };

function StepProbe({ id }: { id: string }) {
  const step = useRunStep(id);
  return <output>{step?.id ?? 'none'}</output>;
}

function SelectorProbe({ id, tick }: { id: string; tick: number }) {
  const status = useRunSelector(
    (run) => {
      probe.calls.push(id);
      return run.steps.get(id)?.status;
    },
    Object.is,
    [id],
  );
  return <output data-tick={tick}>{status ?? 'none'}</output>;
}

function ProbeScope({ children }: { children: ReactNode }) {
  const run = useWorkflowRun({ workflowId: 'approval', runId, enabled: false });
  probe.controller = run.controller;
  return <RunScope controller={run.controller}>{children}</RunScope>;
}

function stepStart(stepId: string, startedAt: number): RunEvent {
  return {
    type: 'step-start',
    stepId,
    stepCallId: `call-${stepId}`,
    iteration: undefined,
    hidden: false,
    startedAt,
    input: undefined,
    resumePayload: undefined,
    resumedAt: undefined,
  };
}

async function loadTwoSteps() {
  await act(async () => {
    probe.controller!.store.setState(
      reduceRunEvents(createRunState({ runId, workflowId: 'approval' }), [
        stepStart('draft', 1000),
        stepStart('review', 1010),
      ]),
    );
    await new Promise((resolve) => setTimeout(resolve, 40));
  });
}

describe('useRunStep', () => {
  it('useRunStep keyed by the snapshot only returned the old step after the id changed (stale step)', async () => {
    const Wrapper = providerWith(approvalRun());
    const view = render(
      <Wrapper>
        <ProbeScope>
          <StepProbe id="draft" />
        </ProbeScope>
      </Wrapper>,
    );
    await loadTwoSteps();
    expect(view.container.querySelector('output')?.textContent).toBe('draft');
    // The same snapshot, another id: the answer is the other step, not the cached one.
    view.rerender(
      <Wrapper>
        <ProbeScope>
          <StepProbe id="review" />
        </ProbeScope>
      </Wrapper>,
    );
    expect(view.container.querySelector('output')?.textContent).toBe('review');
  });

  it('a selector with deps runs again only when the run or a dep changes, not on every render', async () => {
    const Wrapper = providerWith(approvalRun());
    const at = (id: string, tick: number) => (
      <Wrapper>
        <ProbeScope>
          <SelectorProbe id={id} tick={tick} />
        </ProbeScope>
      </Wrapper>
    );
    const view = render(at('draft', 0));
    await loadTwoSteps();
    expect(view.container.querySelector('output')?.textContent).toBe('running');
    probe.calls.length = 0;
    for (let tick = 1; tick <= 3; tick++) view.rerender(at('draft', tick));
    expect(view.container.querySelector('output')?.getAttribute('data-tick')).toBe('3');
    expect(probe.calls).toEqual([]);
    view.rerender(at('missing', 4));
    expect(view.container.querySelector('output')?.textContent).toBe('none');
    expect(probe.calls).toEqual(['missing']);
  });
});

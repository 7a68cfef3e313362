import {
  createMastraHttpTransport,
  normalizeEvent,
  type RunController,
  type RunEvent,
} from '@stepline/client';
import { createMockMastraFetch, type MastraChunk, mastraEvents } from '@stepline/client/testing';
import { act, cleanup, render, screen } from '@testing-library/react';
import { Profiler } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { baseUrl, CaptureController, detailsOnlyTransport, settle } from '../../test/render-helpers';
import type { RenderStep } from '../run-timeline';
import { SteplineProvider } from '../stepline-provider';
import { WorkflowRun } from './workflow-run';

afterEach(cleanup);

function toEvents(chunks: readonly MastraChunk[]): RunEvent[] {
  return chunks.map((chunk) => {
    const normalized = normalizeEvent({ runId: 'run-1', ...chunk });
    if (!normalized.ok) throw normalized.error;
    return normalized.value;
  });
}

/** `count` steps, each started (and, with `finished`, done) a millisecond after the previous one ended. */
function sequentialSteps(count: number, finished = true): MastraChunk[] {
  const chunks: MastraChunk[] = [];
  for (let i = 0; i < count; i++) {
    const id = `step-${String(i).padStart(4, '0')}`;
    const startedAt = 1_000 + i * 10;
    chunks.push(mastraEvents.stepStart(id, { startedAt, payload: { i } }));
    if (finished)
      chunks.push(mastraEvents.stepResult(id, { startedAt, endedAt: startedAt + 5, output: { i } }));
  }
  return chunks;
}

function renderCounted(transport = detailsOnlyTransport('many-steps').transport, live = false) {
  const renders = new Map<string, number>();
  let commits = 0;
  let controller: RunController | undefined;
  const renderStep: RenderStep = ({ step, defaultContent }) => {
    renders.set(step.id, (renders.get(step.id) ?? 0) + 1);
    return defaultContent;
  };
  const view = render(
    <Profiler
      id="run"
      onRender={() => {
        commits++;
      }}
    >
      <SteplineProvider transport={transport}>
        <WorkflowRun workflowId="many-steps" runId="run-1" enabled={live} renderStep={renderStep}>
          <CaptureController
            onController={(captured) => {
              controller = captured;
            }}
          />
        </WorkflowRun>
      </SteplineProvider>
    </Profiler>,
  );
  return {
    ...view,
    controller: controller!,
    renders,
    commits: () => commits,
    resetCounts: () => {
      renders.clear();
      commits = 0;
    },
  };
}

describe('render cost', () => {
  it('an update to one step re-renders that step only', async () => {
    const view = renderCounted();
    await act(async () => view.controller.store.dispatch(toEvents(sequentialSteps(40, false))));
    await settle();
    expect(document.querySelectorAll('li.stepline-step')).toHaveLength(40);
    view.resetCounts();

    await act(async () =>
      view.controller.store.dispatch(
        toEvents([mastraEvents.stepOutput('step-0007', { message: 'halfway' }, { runId: 'run-1' })]),
      ),
    );
    await settle();
    expect(screen.getByText('halfway')).toBeTruthy();
    expect(Object.fromEntries(view.renders)).toEqual({ 'step-0007': 1 });

    view.resetCounts();
    await act(async () =>
      view.controller.store.dispatch(
        toEvents([mastraEvents.stepResult('step-0012', { startedAt: 1_120, endedAt: 1_125, output: 'ok' })]),
      ),
    );
    await settle();
    expect(document.querySelector('[data-step-id="step-0012"]')!.getAttribute('data-status')).toBe('success');
    expect(Object.fromEntries(view.renders)).toEqual({ 'step-0012': 1 });
  });

  it('5,000 events dispatched in a flood make a handful of commits, and thousands of steps render fast', async () => {
    const view = renderCounted();
    const events = toEvents(sequentialSteps(2_500));
    expect(events).toHaveLength(5_000);
    view.resetCounts();
    const started = performance.now();
    // A burst as the transport delivers it: 100 network chunks of 50 events, back to back.
    await act(async () => {
      for (let i = 0; i < events.length; i += 50) {
        view.controller.store.dispatch(events.slice(i, i + 50));
        await Promise.resolve();
      }
    });
    await settle();
    const elapsed = performance.now() - started;
    expect(view.commits()).toBeLessThan(20);
    // 2,500 rows: windowed, so only a screenful (plus overscan) is in the DOM.
    const list = screen.getByRole('list', { name: 'Steps' });
    expect(list.getAttribute('data-virtualized')).toBe('true');
    const rows = list.querySelectorAll('li.stepline-step');
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.length).toBeLessThan(60);
    expect(rows[0]!.getAttribute('aria-setsize')).toBe('2500');
    expect(view.renders.size).toBeLessThan(60);
    expect(elapsed).toBeLessThan(5_000);
  });

  it('a stream of 5,000 events through the real transport: rows re-render per frame, not per event', async () => {
    const runId = 'run-1';
    const fetch = createMockMastraFetch({
      runs: [
        {
          workflowId: 'many-steps',
          runId,
          // Small network chunks: hundreds of separate deliveries to the store.
          chunkSize: 2_048,
          segments: [
            {
              events: [
                mastraEvents.workflowStart(runId, 'many-steps'),
                ...sequentialSteps(2_499),
                mastraEvents.workflowFinish('success', { result: { done: true } }),
              ],
            },
          ],
        },
      ],
    });
    const transport = createMastraHttpTransport({ baseUrl, fetch });
    const view = renderCounted(transport, true);
    await settle();
    view.resetCounts();
    const started = performance.now();
    // Start the run "elsewhere"; the view follows it through observe and snapshots.
    await act(async () => {
      await view.controller.start({ inputData: {} });
    });
    await act(async () => {
      for (let i = 0; i < 400 && view.controller.store.getSnapshot().status !== 'success'; i++) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    });
    await settle();
    const elapsed = performance.now() - started;
    expect(view.controller.store.getSnapshot().stepIds).toHaveLength(2_499);
    const frames = Math.ceil(elapsed / 16);
    // Each row renders at most once per frame (plus the urgent status changes), never once per event.
    // (Commits of the whole tree are not bounded here: `useWorkflowRun` re-renders `<WorkflowRun>` on every
    // connection update.)
    const perRow = Math.max(...view.renders.values());
    expect(perRow).toBeLessThanOrEqual(frames + 4);
    expect(perRow).toBeLessThan(20);
    expect(view.renders.size).toBeLessThan(200);
  });
});

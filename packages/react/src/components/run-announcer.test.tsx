import { normalizeEvent, type RunController, type RunEvent } from '@stepline/client';
import { type MastraChunk, mastraEvents } from '@stepline/client/testing';
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { detailsOnlyTransport } from '../../test/render-helpers';
import { useWorkflowRun } from '../hooks/use-workflow-run';
import { RunScope } from '../run-scope';
import { SteplineProvider } from '../stepline-provider';
import { RunAnnouncer } from './run-announcer';

afterEach(cleanup);

function toEvents(chunks: readonly MastraChunk[]): RunEvent[] {
  return chunks.map((chunk) => {
    const normalized = normalizeEvent({ runId: 'run-1', ...chunk });
    if (!normalized.ok) throw normalized.error;
    return normalized.value;
  });
}

function Announcer({ onController }: { onController: (controller: RunController) => void }) {
  const { controller } = useWorkflowRun({ workflowId: 'parallel-approvals', runId: 'run-1', enabled: false });
  onController(controller);
  return (
    <RunScope controller={controller}>
      <RunAnnouncer throttleMs={200} />
    </RunScope>
  );
}

function renderAnnouncer() {
  let controller: RunController | undefined;
  render(
    <SteplineProvider transport={detailsOnlyTransport('parallel-approvals').transport}>
      <Announcer
        onController={(captured) => {
          controller = captured;
        }}
      />
    </SteplineProvider>,
  );
  return controller!;
}

describe('RunAnnouncer', () => {
  it('says politely which steps started and finished, and which approvals are needed', async () => {
    const controller = renderAnnouncer();
    const region = screen.getByRole('status');
    expect(region.getAttribute('aria-live')).toBe('polite');
    expect(region.textContent).toBe('');
    await waitFor(() => expect(controller.store.getSnapshot().workflowId).toBe('parallel-approvals'));
    // Labels from the workflow once it has loaded.
    await new Promise((resolve) => setTimeout(resolve, 50));

    act(() =>
      controller.store.dispatch(toEvents([mastraEvents.stepStart('prepare-contract', { startedAt: 1000 })])),
    );
    await waitFor(() => expect(region.textContent).toBe('Prepare the contract started.'));

    act(() =>
      controller.store.dispatch(
        toEvents([
          mastraEvents.stepResult('prepare-contract', { startedAt: 1000, endedAt: 1010, output: {} }),
          mastraEvents.stepSuspended('legal-approval', {
            startedAt: 1011,
            suspendPayload: { reason: 'Legal' },
          }),
          mastraEvents.stepSuspended('finance-approval', {
            startedAt: 1012,
            suspendPayload: { reason: 'Money' },
          }),
        ]),
      ),
    );
    await waitFor(() =>
      expect(region.textContent).toBe(
        'Prepare the contract finished. Approval needed: Legal sign-off. Approval needed: Finance sign-off. Run waiting for approval.',
      ),
    );
  });

  it('a flood becomes one short summary per throttle window', async () => {
    const controller = renderAnnouncer();
    const region = screen.getByRole('status');
    const texts: string[] = [];
    const observer = new MutationObserver(() => texts.push(region.textContent ?? ''));
    observer.observe(region, { childList: true, characterData: true, subtree: true });
    act(() => {
      for (let i = 0; i < 500; i++) {
        const id = `step-${i}`;
        controller.store.dispatch(
          toEvents([
            mastraEvents.stepStart(id, { startedAt: 1000 + i * 2 }),
            mastraEvents.stepResult(id, { startedAt: 1000 + i * 2, endedAt: 1001 + i * 2, output: i }),
          ]),
        );
      }
    });
    await waitFor(() => expect(region.textContent).toContain('Steps: 500 finished.'));
    await new Promise((resolve) => setTimeout(resolve, 300));
    observer.disconnect();
    expect(texts.filter(Boolean)).toHaveLength(1);
  });
});

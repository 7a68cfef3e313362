import { createMastraHttpTransport } from '@stepline/client';
import { createMockMastraFetch, type MastraChunk, mastraEvents } from '@stepline/client/testing';
import { cleanup, render, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { SteplineProvider } from '../stepline-provider';
import { WorkflowRun } from './workflow-run';

afterEach(cleanup);

// Issue 11, item 11: a run whose server died showed "Running" with its clock climbing, for ever. The
// header must say "Stalled" in words and offer Restart (and Cancel).
const workflowId = 'pipeline';
const runId = 'run-1';

function events(): MastraChunk[] {
  const list: MastraChunk[] = [mastraEvents.workflowStart(runId, workflowId)];
  for (let index = 0; index < 6; index++)
    list.push(...mastraEvents.step(`step-${index}`, { startedAt: 1_000 + index }));
  list.push(mastraEvents.workflowFinish('success'));
  return list;
}

describe('<RunHeader> for a run whose server died', () => {
  it('stalled runs show as running for ever: says Stalled, offers Restart and Cancel, and Restart finishes the run', async () => {
    const fetch = createMockMastraFetch({
      runs: [{ workflowId, runId, segments: [{ events: events(), delayMs: 60 }] }],
    });
    const transport = createMastraHttpTransport({ baseUrl: 'http://mastra.test', fetch });
    void transport.streamRun({ workflowId, runId }, { inputData: {} }, { onChunks() {} }).catch(() => {});
    render(
      <SteplineProvider
        transport={transport}
        pollIntervalMs={20}
        reconnect={{ initialDelayMs: 10, maxDelayMs: 40 }}
        runOptions={{ stalledAfterMs: 200, maxPollIntervalMs: 40, visibility: null }}
      >
        <WorkflowRun workflowId={workflowId} runId={runId} />
      </SteplineProvider>,
    );
    await waitFor(() =>
      expect(document.querySelectorAll('li.stepline-step').length).toBeGreaterThanOrEqual(2),
    );
    fetch.simulateRestart();

    const header = document.querySelector<HTMLElement>('header.stepline-header')!;
    await waitFor(() => expect(within(header).getByText('Stalled')).toBeTruthy(), { timeout: 3_000 });
    expect(within(header).getByRole('button', { name: /cancel run/i })).toBeTruthy();
    const restart = within(header).getByRole('button', { name: 'Restart' });
    // The clock stops: nothing is running the run.
    // (No live elapsed clock: the header may show a stopped one, or none where it has no start time.)
    await waitFor(() => expect(header.querySelector('.stepline-header__elapsed[data-live]')).toBeNull());
    const done = () => document.querySelectorAll('li.stepline-step[data-status="success"]').length;
    const doneWhenStalled = done();
    expect(doneWhenStalled).toBeLessThan(6);

    await userEvent.click(restart);
    await waitFor(() => expect(header.dataset.status).toBe('success'), { timeout: 5_000 });
    expect(within(header).queryByText('Stalled')).toBeNull();
    expect(within(header).queryByRole('button', { name: 'Restart' })).toBeNull();
    // Every step once, all done.
    const items = [...document.querySelectorAll<HTMLElement>('li.stepline-step')].map(
      (item) => item.dataset.stepId,
    );
    expect(items).toEqual(['step-0', 'step-1', 'step-2', 'step-3', 'step-4', 'step-5']);
    expect(done()).toBe(6);
    expect(fetch.requests.filter((request) => request.route === 'restart')).toHaveLength(1);
  });
});

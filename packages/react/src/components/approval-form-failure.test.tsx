import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { recordedServer } from '../../test/render-helpers';
import { SteplineProvider } from '../stepline-provider';
import { WorkflowRun } from './workflow-run';

afterEach(cleanup);

// The approval form is a chunk of its own: here its download fails until the test lets it through, as
// after a deploy that replaced the chunk or with the network down.
const formChunk = vi.hoisted(() => ({ available: false }));
vi.mock('./approval-form', async (importOriginal) => {
  if (!formChunk.available) throw new Error('Failed to fetch dynamically imported module: approval-form.js');
  return importOriginal();
});

describe('approval form whose code does not load', () => {
  it('says so with a way to try again, not "Loading the form…" for good; trying again shows the form', async () => {
    const user = userEvent.setup();
    const server = recordedServer('content-brief-approve');
    await server.startRun();
    render(
      <SteplineProvider transport={server.transport} pollIntervalMs={30}>
        <WorkflowRun workflowId={server.workflowId} runId={server.runId} />
      </SteplineProvider>,
    );

    const card = await screen.findByRole('article', { name: /Approval needed: Editorial review/ });
    const alert = await within(card).findByRole('alert');
    expect(alert.textContent).toContain('The form could not be loaded.');
    expect(within(card).queryByText('Loading the form…')).toBeNull();

    formChunk.available = true;
    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await within(card).findByRole('button', { name: 'Approve' })).toBeTruthy();
    expect(within(card).queryByRole('alert')).toBeNull();
  });
});

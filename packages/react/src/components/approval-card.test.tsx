import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { type RecordedServer, recordedServer } from '../../test/render-helpers';
import { SteplineProvider } from '../stepline-provider';
import { approvalReason } from './approval-card';
import { WorkflowRun, type WorkflowRunProps } from './workflow-run';

afterEach(cleanup);

/** A live `<WorkflowRun>` following a recorded run on the mock server, polling fast. */
function renderLive(server: RecordedServer, props: Partial<WorkflowRunProps> = {}, before?: React.ReactNode) {
  return render(
    <SteplineProvider transport={server.transport} pollIntervalMs={30}>
      {before}
      <WorkflowRun workflowId={server.workflowId} runId={server.runId} {...props} />
    </SteplineProvider>,
  );
}

const resumeRequests = (server: RecordedServer) =>
  server.fetch.requests.filter((request) => request.route === 'resume-stream');

describe('approval flow through the real transport', () => {
  it('fill the form, submit: one resume request for that step; the card leaves, the run goes on', async () => {
    const user = userEvent.setup();
    const server = recordedServer('content-brief-approve');
    await server.startRun();
    renderLive(server);

    const card = await screen.findByRole('article', { name: /Approval needed: Editorial review/ });

    // One way to answer: the schema's decision as buttons, no radios, no generic "Send".
    const approve = await within(card).findByRole('button', { name: 'Approve' });
    expect(within(card).queryByRole('radio')).toBeNull();
    expect(within(card).queryByRole('button', { name: 'Send' })).toBeNull();
    expect(
      within(card)
        .getAllByRole('button')
        .map((button) => button.textContent),
    ).toEqual(['Approve', 'Request changes', 'Reject']);
    await user.type(within(card).getByRole('textbox', { name: /Notes/i }), 'Ship it');
    await user.click(approve);
    await user.click(approve); // a second click while the first is pending sends nothing more

    await waitFor(() => expect(screen.queryByRole('article')).toBeNull());
    expect(resumeRequests(server)).toHaveLength(1);
    expect(resumeRequests(server)[0]!.body).toEqual({
      step: 'editorial-round.review',
      resumeData: { decision: 'approve', notes: 'Ship it' },
    });
    await waitFor(() =>
      expect(within(document.querySelector('.stepline-header')!).getByText('Succeeded')).toBeTruthy(),
    );
    expect(document.querySelector('[data-step-id="publish"]')!.getAttribute('data-status')).toBe('success');
  });

  it('Enter on a yes/no approval never sends approved false (issue 14: Enter rejected silently)', async () => {
    const user = userEvent.setup();
    const server = recordedServer('parallel-approvals');
    await server.startRun();
    renderLive(server);
    const legal = await screen.findByRole('article', { name: /Legal sign-off/ });
    const approver = await within(legal).findByRole('textbox', { name: /Approver/i });
    // No checkbox that reads as "no" while unticked: the question is the buttons.
    expect(within(legal).queryByRole('checkbox')).toBeNull();
    expect(
      within(legal)
        .getAllByRole('button')
        .map((button) => button.textContent),
    ).toEqual(['Approve', 'Reject']);

    await user.type(approver, 'lee@legal{Enter}');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(resumeRequests(server)).toEqual([]);
    expect(within(legal).getByText('Choose Approve or Reject to answer.')).toBeTruthy();
    expect(document.activeElement).toBe(approver);

    await user.click(within(legal).getByRole('button', { name: 'Reject' }));
    await waitFor(() => expect(resumeRequests(server)).toHaveLength(1));
    expect(resumeRequests(server)[0]!.body).toEqual({
      step: 'legal-approval',
      resumeData: { approved: false, approver: 'lee@legal' },
    });
  });

  it('a decision button checks the other required fields before anything is sent', async () => {
    const user = userEvent.setup();
    const server = recordedServer('parallel-approvals');
    await server.startRun();
    renderLive(server);
    const legal = await screen.findByRole('article', { name: /Legal sign-off/ });
    await user.click(await within(legal).findByRole('button', { name: 'Approve' }));
    expect(await within(legal).findByText('Approver is required')).toBeTruthy();
    expect(document.activeElement).toBe(within(legal).getByRole('textbox', { name: /Approver/i }));
    expect(resumeRequests(server)).toEqual([]);
  });

  it('a quick decision resumes in one click', async () => {
    const user = userEvent.setup();
    const server = recordedServer('content-brief-approve');
    await server.startRun();
    renderLive(server);
    const card = await screen.findByRole('article');
    await user.click(await within(card).findByRole('button', { name: 'Approve' }));
    await waitFor(() => expect(screen.queryByRole('article')).toBeNull());
    expect(resumeRequests(server).map((request) => request.body)).toEqual([
      { step: 'editorial-round.review', resumeData: { decision: 'approve' } },
    ]);
  });

  it('parallel approvals: each card resumes its own step; one resumed elsewhere leaves live', async () => {
    const user = userEvent.setup();
    const server = recordedServer('parallel-approvals');
    await server.startRun();
    renderLive(server);
    await waitFor(() => expect(screen.getAllByRole('article')).toHaveLength(2));
    const legal = screen.getByRole('article', { name: /Legal sign-off/ });

    await user.type(await within(legal).findByRole('textbox', { name: /Approver/i }), 'lee@legal');
    await user.click(within(legal).getByRole('button', { name: 'Approve' }));

    await waitFor(() => expect(screen.queryByRole('article', { name: /Legal sign-off/ })).toBeNull());
    const finance = screen.getByRole('article', { name: /Finance sign-off/ });
    // Focus was in the card that left: it goes on to the next approval rather than to the page.
    await waitFor(() => expect(document.activeElement).toBe(within(finance).getByRole('heading')));
    expect(resumeRequests(server).map((request) => request.body)).toEqual([
      { step: 'legal-approval', resumeData: { approved: true, approver: 'lee@legal' } },
    ]);

    // Someone else resumes finance (another tab, an API call): the card goes away by itself.
    await server.transport.resumeRun(
      { workflowId: server.workflowId, runId: server.runId },
      { step: 'finance-approval', resumeData: { approved: true, approver: 'fay@finance' } },
      { onChunks: () => {}, onError: () => {} },
    );
    await waitFor(() => expect(screen.queryByRole('article')).toBeNull());
    await waitFor(() =>
      expect(within(document.querySelector('.stepline-header')!).getByText('Succeeded')).toBeTruthy(),
    );
  });

  it('focus moves to an approval that appears while the view is open, and to the run after the last', async () => {
    const user = userEvent.setup();
    const server = recordedServer('content-brief-approve', { delayMs: 5 });
    renderLive(server);
    await server.startRun();
    const card = await screen.findByRole('article', {}, { timeout: 3000 });
    await waitFor(() => expect(document.activeElement).toBe(within(card).getByRole('heading')));
    await user.click(await within(card).findByRole('button', { name: 'Approve' }));
    await waitFor(() => expect(screen.queryByRole('article')).toBeNull());
    // Issue 14: focus dropped to the page after the last card. It goes to the run's heading instead.
    await waitFor(() =>
      expect(document.activeElement).toBe(screen.getByRole('heading', { level: 2, name: 'content-brief' })),
    );
  });

  it('a run already waiting when opened (by its URL) takes no focus: no focus box on load', async () => {
    const server = recordedServer('content-brief-approve');
    await server.startRun();
    renderLive(server);
    await screen.findByRole('article', {}, { timeout: 3000 });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(document.activeElement).toBe(document.body);
  });

  it('focus stays where the user is typing when an approval appears', async () => {
    const user = userEvent.setup();
    const server = recordedServer('content-brief-approve', { delayMs: 5 });
    renderLive(
      server,
      {},
      <label>
        Search <input />
      </label>,
    );
    const search = screen.getByRole('textbox', { name: 'Search' });
    await user.click(search);
    await server.startRun();
    await screen.findByRole('article', {}, { timeout: 3000 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(document.activeElement).toBe(search);
  });

  it('renderApproval draws its own approval and resumes through the given function', async () => {
    const user = userEvent.setup();
    const server = recordedServer('nested-approval');
    await server.startRun();
    const refused: unknown[] = [];
    renderLive(server, {
      renderApproval: ({ label, reason, resume, step }) => (
        <div data-testid="mine">
          <h3>
            {label}: {reason}
          </h3>
          <p>{step.id}</p>
          <button
            type="button"
            onClick={() => resume({ approved: 'yes' }).catch((error) => refused.push(error))}
          >
            Wrong
          </button>
          <button type="button" onClick={() => void resume({ approved: true, comment: 'ok' })}>
            Yes
          </button>
        </div>
      ),
    });
    const mine = await screen.findByTestId('mine');
    expect(within(mine).getByText('approval-chain.manager-approval')).toBeTruthy();
    await waitFor(() =>
      expect(within(mine).getByRole('heading').textContent).toBe(
        'Manager approval: Over the auto-approval limit',
      ),
    );
    // Checked against the resume schema before anything is sent (the checker loads with the form's chunk).
    await user.click(within(mine).getByRole('button', { name: 'Wrong' }));
    await waitFor(() => expect(refused).toHaveLength(1));
    expect(refused[0]).toMatchObject({ code: 'validation', issues: [{ path: ['approved'] }] });
    expect(resumeRequests(server)).toEqual([]);
    await user.click(within(mine).getByRole('button', { name: 'Yes' }));
    await waitFor(() => expect(screen.queryByTestId('mine')).toBeNull());
    expect(resumeRequests(server).map((request) => request.body)).toEqual([
      { step: 'approval-chain.manager-approval', resumeData: { approved: true, comment: 'ok' } },
    ]);
  });
});

describe('approvalReason', () => {
  it('takes reason, else message, as the sentence and keeps the rest', () => {
    expect(approvalReason({ reason: 'Over limit', amount: 5 })).toEqual({
      reason: 'Over limit',
      details: { amount: 5 },
    });
    expect(approvalReason({ message: 'Check', __workflow_meta: { path: ['a'] } })).toEqual({
      reason: 'Check',
      details: undefined,
    });
    expect(approvalReason('Just a sentence')).toEqual({ reason: 'Just a sentence', details: undefined });
    expect(approvalReason({ amount: 5 })).toEqual({ reason: undefined, details: { amount: 5 } });
    expect(approvalReason(undefined)).toEqual({ reason: undefined, details: undefined });
  });
});

import { createMastraHttpTransport, type RunController, type RunTransport } from '@stepline/client';
import { createMockMastraFetch } from '@stepline/client/testing';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { afterEach, describe, expect, it } from 'vitest';
import {
  baseUrl,
  CaptureController,
  detailsOnlyTransport,
  recordedSegments,
  recordedSnapshotState,
  recordedState,
  recordedWorkflowBody,
  scenario,
  settle,
  showState,
} from '../../test/render-helpers';
import { SteplineProvider } from '../stepline-provider';
import { WorkflowRun, type WorkflowRunProps } from './workflow-run';

afterEach(cleanup);

/** A `<WorkflowRun>` that does not watch: the test sets the run through its store and connection. */
function renderRun(
  workflowId: string,
  props: Partial<WorkflowRunProps> = {},
  transport: RunTransport = detailsOnlyTransport(workflowId).transport,
) {
  let controller: RunController | undefined;
  const view = render(
    <SteplineProvider transport={transport}>
      <WorkflowRun workflowId={workflowId} runId="run-1" enabled={false} {...props}>
        <CaptureController
          onController={(captured) => {
            controller = captured;
          }}
        />
      </WorkflowRun>
    </SteplineProvider>,
  );
  return { ...view, controller: controller! };
}

async function expectNoAxeViolations(container: HTMLElement) {
  const results = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
  const summary = results.violations.map(
    (violation) => `${violation.id}: ${violation.nodes.map((node) => node.html).join('\n  ')}`,
  );
  expect(summary).toEqual([]);
}

function stepItem(stepId: string): HTMLElement {
  const item = document.querySelector<HTMLElement>(`li.stepline-step[data-step-id="${stepId}"]`);
  if (!item) throw new Error(`no step ${stepId}`);
  return item;
}

describe('<WorkflowRun> states', () => {
  it('idle: nothing known yet, but every step of the workflow is there from the start, pending', async () => {
    const { controller, container } = renderRun('content-brief');
    await settle();
    expect(controller.store.getSnapshot().status).toBe('pending');
    expect(screen.getByRole('heading', { level: 2, name: 'content-brief' })).toBeTruthy();
    expect(screen.getByText('Not started')).toBeTruthy();
    // Nobody watches this run: the header says nothing about a connection.
    expect(container.querySelector('.stepline-connection')).toBeNull();
    const list = screen.getByRole('list', { name: 'Steps' });
    await waitFor(() => expect(list.querySelectorAll('li.stepline-step')).toHaveLength(11));
    const steps = [...list.querySelectorAll<HTMLElement>('li.stepline-step')];
    expect(steps.every((step) => step.dataset.planned === 'pending')).toBe(true);
    expect(within(stepItem('publish')).getByText('Publish the brief')).toBeTruthy();
    expect(within(stepItem('publish')).getByText('Pending')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /cancel/i })).toBeNull();
    expect(container.querySelector('.stepline-approvals')).toBeNull();
  });

  it('running: the running step in words, a cancel button, labels from the workflow', async () => {
    const { controller } = renderRun('slow-pipeline');
    await showState(controller, recordedState('killed-mid-run'));
    const running = stepItem('stage-03');
    expect(running.dataset.status).toBe('running');
    expect(running.dataset.tone).toBe('active');
    expect(within(running).getByText('Running')).toBeTruthy();
    await waitFor(() => expect(within(running).getByText('Stage 3 of 12')).toBeTruthy());
    // Status is part of each list item's text, not only a color (a done step says so to screen readers).
    expect(stepItem('stage-01').textContent).toContain('Done');
    expect(screen.getByRole('button', { name: 'Cancel run…' })).toBeTruthy();
    // The whole pipeline from the workflow's graph: what ran, what runs, what is to come (dimmed).
    await waitFor(() =>
      expect(screen.getByRole('list', { name: 'Steps' }).querySelectorAll(':scope > li')).toHaveLength(13),
    );
    expect(stepItem('stage-04').dataset.planned).toBe('pending');
    expect(stepItem('stage-12').dataset.planned).toBe('pending');
  });

  it('parallel: a block caption in the present tense while its branches run, the branches under it', async () => {
    const { controller, container } = renderRun('content-brief');
    await showState(controller, recordedSnapshotState('content-brief-approve', 'mid-parallel'));
    const block = await waitFor(() => {
      const found = container.querySelector<HTMLElement>('li.stepline-block[data-kind="parallel"]');
      expect(found).not.toBeNull();
      return found!;
    });
    expect(block.textContent).toContain('Running in parallel · 3 branches');
    const rows = [...container.querySelectorAll<HTMLElement>('li.stepline-step, li.stepline-block')];
    const at = rows.indexOf(block);
    expect(rows.slice(at + 1, at + 4).map((row) => `${row.dataset.stepId}@${row.dataset.depth}`)).toEqual([
      'research-sources@1',
      'research-competitors@1',
      'research-audience@1',
    ]);
    await expectNoAxeViolations(container);
  });

  it('loop: a finished loop is drawn as a loop with numbered rounds, not as parallel steps', async () => {
    const user = userEvent.setup();
    const { controller, container } = renderRun('content-brief');
    await showState(controller, recordedState('content-brief-revise-loop'));
    await waitFor(() =>
      expect(container.querySelector('li.stepline-block[data-kind="loop"]')).not.toBeNull(),
    );
    expect(container.querySelector('li.stepline-block[data-kind="loop"]')!.textContent).toContain(
      'Repeated until its condition holds · 2 rounds',
    );
    // The loop's inner steps ran one after the other: nothing of the loop is a parallel block.
    expect(
      [...container.querySelectorAll('li.stepline-block[data-kind="parallel"]')].map((block) =>
        block.getAttribute('data-row-key'),
      ),
    ).toEqual(['parallel:research-sources']);
    // Each round is a group of its own rows: the loop's step named "Round 1", "Round 2", its steps below.
    const rows = [...container.querySelectorAll<HTMLElement>('li.stepline-step[data-round]')].map(
      (row) =>
        `${row.dataset.round} ${row.dataset.stepId} ${row.dataset.status}${row.querySelector('.stepline-step__round') ? ` (${row.querySelector('.stepline-step__round')!.textContent})` : ''}`,
    );
    expect(rows).toEqual([
      '1 editorial-round success (Round 1)',
      '1 editorial-round.review success',
      '1 editorial-round.revise success',
      '1 editorial-round.round-result success',
      '2 editorial-round success (Round 2)',
      '2 editorial-round.review success',
      '2 editorial-round.revise skipped',
      '2 editorial-round.round-result success',
    ]);
    // A round's name opens that round in the inspector: its own input, output and answer.
    const round1 = container.querySelector<HTMLElement>('li[data-row-key="editorial-round.review"]')!;
    await user.click(within(round1).getByRole('button', { name: 'Editorial review (round 1)' }));
    const inspector = await screen.findByRole('complementary', { name: 'Editorial review · Round 1' });
    // The JSON viewer loads on first use.
    expect((await within(inspector).findAllByText('"request-changes"')).length).toBeGreaterThan(0);
    expect(within(inspector).queryByText('"approve"')).toBeNull();
    await expectNoAxeViolations(container);
  });

  it('foreach, writer output, hidden steps: a progress bar with counts, the written messages', async () => {
    const { controller, rerender } = renderRun('kitchen-sink');
    await showState(controller, recordedState('kitchen-sink'));
    const items = stepItem('process-item');
    const bar = within(items).getByRole('progressbar') as HTMLProgressElement;
    expect(bar.value).toBe(5);
    expect(bar.max).toBe(5);
    expect(within(items).getByText('5 of 5 items')).toBeTruthy();
    // The latest line in the row, every line in the inspector.
    const report = stepItem('report-progress');
    expect(within(report).getByText('warming up 3/3')).toBeTruthy();
    await userEvent.setup().click(within(report).getByRole('button', { name: 'Report custom progress' }));
    const inspector = await screen.findByRole('complementary', { name: 'Report custom progress' });
    expect(within(inspector).getByText('warming up 1/3')).toBeTruthy();
    // Mastra's own `.map()` and `.sleep()` steps are hidden unless asked for.
    expect(document.querySelector('[data-step-id^="mapping_"]')).toBeNull();
    rerender(
      <SteplineProvider transport={detailsOnlyTransport('kitchen-sink').transport}>
        <WorkflowRun workflowId="kitchen-sink" runId="run-1" enabled={false} showHiddenSteps />
      </SteplineProvider>,
    );
    await settle();
    expect(document.querySelector('[data-step-id^="mapping_"]')).not.toBeNull();
  });

  it('nested: a nested workflow’s steps follow their container, one level in, collapsible', async () => {
    const user = userEvent.setup();
    const { controller, container } = renderRun('content-brief');
    await showState(controller, recordedState('content-brief-approve'));
    const inner = () =>
      [...container.querySelectorAll<HTMLElement>('li.stepline-step[data-step-id^="editorial-round."]')].map(
        (item) => `${item.dataset.stepId}:${item.dataset.planned ?? item.dataset.status}`,
      );
    // The branch of the round that did not run is marked skipped.
    await waitFor(() =>
      expect(inner()).toEqual([
        'editorial-round.review:success',
        'editorial-round.revise:skipped',
        'editorial-round.round-result:success',
      ]),
    );
    const round = stepItem('editorial-round');
    const toggle = within(round).getByRole('button', { name: /Hide 3 inner steps/ });
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    await user.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(inner()).toEqual([]);
    await user.click(toggle);
    // Input and output in the inspector, as JSON trees; Escape closes it and returns to the row.
    const open = within(stepItem('outline')).getByRole('button', { name: 'Outline the brief' });
    await user.click(open);
    expect(open.getAttribute('aria-pressed')).toBe('true');
    const inspector = await screen.findByRole('complementary', { name: 'Outline the brief' });
    expect(within(inspector).getByRole('heading', { name: 'Input' })).toBeTruthy();
    expect(within(inspector).getByRole('heading', { name: 'Output' })).toBeTruthy();
    await expectNoAxeViolations(container);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('complementary')).toBeNull();
    expect(document.activeElement).toBe(open);
    await expectNoAxeViolations(container);
  });

  it('suspended: one approval card with the reason and the form from the resume schema', async () => {
    const { controller, container } = renderRun('content-brief');
    await showState(controller, recordedState('content-brief-approve', 1));
    const card = await screen.findByRole('article', { name: /Approval needed: Editorial review/ });
    expect(within(card).getByText('First draft needs an editor')).toBeTruthy();
    // The rest of the payload as content (issue 14: it was a JSON dump): titles and text, no braces.
    const payload = card.querySelector('.stepline-payload')!;
    expect(within(card).getByText('Draft')).toBeTruthy();
    expect(within(card).getByText('Draft on Solar microgrids: 2 sources, 2 competitors.')).toBeTruthy();
    expect(within(card).getByText('Revision')).toBeTruthy();
    expect(payload.textContent).not.toMatch(/[{}"]/);
    expect(container.textContent).not.toContain('__workflow_meta');
    await waitFor(() => expect(within(card).getByRole('button', { name: 'Approve' })).toBeTruthy());
    expect(within(card).getByRole('button', { name: 'Request changes' })).toBeTruthy();
    expect(within(card).queryByRole('button', { name: 'Send' })).toBeNull();
    expect(screen.getAllByText('Waiting for approval').length).toBeGreaterThan(0);
    await expectNoAxeViolations(container);
  });

  it('suspended: several approvals give several cards', async () => {
    const { controller, container } = renderRun('parallel-approvals');
    await showState(controller, recordedState('parallel-approvals', 1));
    const cards = await screen.findAllByRole('article');
    expect(cards.map((card) => card.getAttribute('data-step-id'))).toEqual([
      'legal-approval',
      'finance-approval',
    ]);
    await waitFor(() =>
      expect(within(cards[0]!).getByRole('heading', { name: /Legal sign-off/ })).toBeTruthy(),
    );
    expect(within(cards[1]!).getByText('Finance must approve the amount')).toBeTruthy();
    await waitFor(() => expect(within(cards[1]!).getByRole('textbox', { name: /approver/i })).toBeTruthy());
    await expectNoAxeViolations(container);
  });

  it('failed: the failed step and the run say so in words, with the error', async () => {
    const { controller, container } = renderRun('always-fails');
    await showState(controller, recordedState('always-fails'));
    const charge = stepItem('charge-card');
    expect(charge.dataset.status).toBe('failed');
    expect(within(charge).getByText('Failed')).toBeTruthy();
    expect(within(container.querySelector('.stepline-header')!).getByText('Failed')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /cancel/i })).toBeNull();
    // Issue 14: the message appeared three times and the run's error sat below the timeline. Now: once
    // in the view, at the top, naming the step; the failing step is opened in the inspector.
    const failure = container.querySelector<HTMLElement>('.stepline-failure')!;
    expect(failure.textContent).toBe('✕ The run failed at Charge the card: Card declined for order-7');
    const main = container.querySelector('.stepline-timeline-main')!;
    expect(failure.compareDocumentPosition(main) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT);
    const said: Node[] = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (
        node.textContent?.includes('Card declined') &&
        !node.parentElement?.closest('.stepline-inspector')
      ) {
        said.push(node);
      }
    }
    expect(said).toHaveLength(1);
    await waitFor(() =>
      expect(
        within(charge).getByRole('button', { name: 'Charge the card' }).getAttribute('aria-pressed'),
      ).toBe('true'),
    );
    expect(await screen.findByRole('complementary', { name: 'Charge the card' })).toBeTruthy();
    // Opened by the view, not by the reader: focus stays where it was.
    expect(document.activeElement).toBe(document.body);
    await expectNoAxeViolations(container);
  });

  it('decided: a receipt per round with its notes (issue 14: a decision vanished once made)', async () => {
    const { controller } = renderRun('content-brief');
    await showState(controller, recordedState('content-brief-revise-loop'));
    // One row of the review per round, each with that round's receipt.
    const reviews = () => [
      ...document.querySelectorAll<HTMLElement>('li.stepline-step[data-step-id="editorial-round.review"]'),
    ];
    await waitFor(() =>
      expect(reviews().flatMap((row) => [...row.querySelectorAll('.stepline-decision')])).toHaveLength(2),
    );
    const receipts = reviews().map((row) =>
      [...row.querySelectorAll('.stepline-decision')].map((receipt) => {
        const copy = receipt.cloneNode(true) as HTMLElement;
        for (const time of copy.querySelectorAll('time')) time.textContent = '<time>';
        return copy.textContent;
      }),
    );
    expect(receipts).toEqual([['↺Changes requested · <time>Add a cost table'], ['✓Approved · <time>']]);
    const [first, second] = reviews();
    expect(first!.querySelector('.stepline-decision__notes')!.tagName).toBe('Q');
    expect(second!.dataset.tone).toBe('success');
    expect(within(second!).getByText('Approved')).toBeTruthy();
  });

  it('rejected: the step and the run say "Rejected", not a green "Done" / "Succeeded" (issue 14)', async () => {
    const { controller, container } = renderRun('content-brief');
    await showState(controller, recordedState('content-brief-reject'));
    const review = stepItem('editorial-round.review');
    expect(review.dataset.tone).toBe('danger');
    expect(within(review).getAllByText('Rejected').length).toBeGreaterThan(0);
    expect(within(review).getByText('Off-brand')).toBeTruthy();
    const header = container.querySelector<HTMLElement>('.stepline-header')!;
    expect(within(header).getByText('Rejected')).toBeTruthy();
    expect(within(header).queryByText('Succeeded')).toBeNull();
    expect(header.dataset.outcome).toBe('rejected');
    expect(container.querySelector('.stepline-run')!.getAttribute('data-outcome')).toBe('rejected');
    expect(stepItem('editorial-decision').dataset.status).toBe('bailed');
    await expectNoAxeViolations(container);
  });

  it('canceled: the step the cancel stopped is shown canceled (greyed), not failed', async () => {
    const { controller } = renderRun('slow-pipeline');
    await showState(controller, recordedState('cancel-mid-run'));
    expect(within(document.querySelector('.stepline-header')!).getByText('Canceled')).toBeTruthy();
    expect(stepItem('stage-04').dataset.status).toBe('canceled');
    expect(within(stepItem('stage-04')).queryByText('Failed')).toBeNull();
  });

  it('finished: succeeded, with the result', async () => {
    const { controller, container } = renderRun('parallel-approvals');
    await showState(controller, recordedState('parallel-approvals'));
    expect(within(container.querySelector('.stepline-header')!).getByText('Succeeded')).toBeTruthy();
    expect(screen.getByText('Result')).toBeTruthy();
    expect(container.querySelector('.stepline-approvals')).toBeNull();
  });

  it('connection: reconnecting with its attempt, offline, polling, live — in words', async () => {
    const { controller } = renderRun('slow-pipeline');
    await showState(controller, recordedState('killed-mid-run'));
    const words = () => document.querySelector('.stepline-connection')!.textContent;
    // Each change lands at once or, when the view already updated in this frame, at the next frame.
    await settle(20);
    controller.connection.update({ status: 'live' });
    await settle(20);
    expect(words()).toContain('Live');
    controller.connection.update({ status: 'reconnecting', attempt: 2 });
    await settle(20);
    expect(words()).toContain('Reconnecting (attempt 2)…');
    expect(document.querySelector('.stepline-connection')!.getAttribute('data-connection')).toBe(
      'reconnecting',
    );
    controller.connection.update({ status: 'offline', attempt: 5 });
    await settle(20);
    expect(words()).toContain('Offline — retrying');
    controller.connection.update({ status: 'polling', attempt: 0 });
    await settle(20);
    expect(words()).toContain('Polling for changes');
    expect(document.querySelector('.stepline-header__banner')!.textContent).toContain(
      'Live updates are unavailable',
    );
  });

  it('quiet connection (issue 14: amber "Polling for changes" on every waiting run, "Up to date" for good)', async () => {
    const { controller, container } = renderRun('content-brief');
    await showState(controller, recordedState('content-brief-approve', 1));
    controller.connection.update({ status: 'polling', attempt: 0 });
    await settle(20);
    const indicator = container.querySelector<HTMLElement>('.stepline-connection')!;
    expect(indicator.textContent).toBe('Watching for changes');
    expect(indicator.dataset.tone).toBe('quiet');
    expect(container.querySelector('.stepline-header__banner')).toBeNull();
    controller.connection.update({ status: 'live' });
    await settle(20);
    expect(container.querySelector('.stepline-connection')!.textContent).toBe('Live');
    // The run ends: nothing more about the connection.
    await showState(controller, recordedState('content-brief-approve'));
    controller.connection.update({ status: 'closed' });
    await settle(20);
    expect(container.querySelector('.stepline-connection')).toBeNull();
    expect(container.querySelector('.stepline-header')!.textContent).not.toMatch(/Up to date|Connection/);
  });

  it('a waiting run says since when and keeps counting (issue 14: elapsed froze at the suspension)', async () => {
    const { controller, container } = renderRun('content-brief');
    const state = recordedState('content-brief-approve', 1);
    await showState(controller, state);
    const review = state.steps.get('editorial-round.review')!;
    const header = container.querySelector<HTMLElement>('.stepline-header')!;
    const status = header.querySelector('.stepline-header__fact--status dd')!.textContent!;
    expect(status).toMatch(/^‖Waiting for approval since .+ \(\d+ (s|min|h|days)\)$/);
    expect(header.querySelector('.stepline-header__since time')!.getAttribute('dateTime')).toBe(
      new Date(review.suspendedAt!).toISOString(),
    );
    // The recording is days old: the elapsed time counts to now, not to the moment the run paused.
    const elapsed = header.querySelector<HTMLElement>('.stepline-header__elapsed')!;
    expect(elapsed.dataset.live).toBe('true');
    const elapsedSeconds = Number.parseFloat(elapsed.getAttribute('dateTime')!.slice(2));
    expect(elapsedSeconds * 1000).toBeGreaterThan(Date.now() - review.suspendedAt! - 5000);
    expect(header.querySelector('.stepline-header__started')!.getAttribute('dateTime')).toBe(
      new Date(state.steps.get('outline')!.startedAt!).toISOString(),
    );
    // The waiting step's row shows its work apart from the wait.
    const row = stepItem('editorial-round.review');
    expect(row.querySelector('.stepline-duration__waited')!.textContent).toMatch(/waiting \d+ (days|h)/);
  });

  it('a run that does not exist says "Run not found" (not "Not started" and a raw 404), and "Loading…" first', async () => {
    let answer: (() => void) | undefined;
    const gate = new Promise<void>((resolve) => {
      answer = resolve;
    });
    const mock = createMockMastraFetch({
      runs: [],
      workflows: { 'content-brief': recordedWorkflowBody('content-brief') },
    });
    // The run read waits until the test lets it answer, so "Loading…" can be seen.
    const fetch = (async (input: string | URL | Request, init?: RequestInit) => {
      if (String(input).includes('/runs/')) await gate;
      return mock(input, init);
    }) as typeof globalThis.fetch;
    const { container } = render(
      <SteplineProvider transport={createMastraHttpTransport({ baseUrl, fetch })}>
        <WorkflowRun workflowId="content-brief" runId="no-such-run" />
      </SteplineProvider>,
    );
    const header = () => container.querySelector<HTMLElement>('.stepline-header')!;
    const status = () => header().querySelector('.stepline-header__fact--status')!.textContent;
    await waitFor(() => expect(status()).toBe('StatusLoading… '));
    answer!();
    await waitFor(() => expect(status()).toBe('Status?Run not found '));
    expect(within(header()).queryByText('Not started')).toBeNull();
    const banner = header().querySelector('.stepline-header__banner')!;
    expect(banner.textContent).toContain('Run not found');
    expect(banner.textContent).not.toMatch(/404|GET /);
    // The raw HTTP text is there, in a details line under the words.
    expect(header().querySelector('.stepline-header__banner-details')!.textContent).toMatch(/answered 404/);
  });

  it('offline: a server that cannot be reached reads "Reconnecting (attempt n)…", then "Offline — retrying"', async () => {
    // The recording's own run id: chunks that name another run are not applied to the watched one.
    const recordedRunId = scenario('parallel-approvals').runId;
    let reachable = false;
    const fetch = createMockMastraFetch({
      runs: [
        {
          workflowId: 'parallel-approvals',
          runId: recordedRunId,
          segments: recordedSegments('parallel-approvals'),
        },
      ],
      workflows: { 'parallel-approvals': recordedWorkflowBody('parallel-approvals') },
      faults: (request) => (reachable || request.route === 'get-workflow' ? undefined : { refuse: true }),
    });
    const transport = createMastraHttpTransport({ baseUrl, fetch });
    const seen = new Set<string>();
    render(
      <SteplineProvider
        transport={transport}
        pollIntervalMs={20}
        reconnect={{ initialDelayMs: 15, maxDelayMs: 15, jitter: 0, offlineAfterAttempts: 3 }}
      >
        <WorkflowRun workflowId="parallel-approvals" runId={recordedRunId} />
      </SteplineProvider>,
    );
    const words = () => document.querySelector('.stepline-connection')!.textContent ?? '';
    await waitFor(() => {
      seen.add(words());
      expect(words()).toContain('Offline — retrying');
    });
    expect([...seen].some((text) => /Reconnecting \(attempt [12]\)…/.test(text))).toBe(true);
    await waitFor(() => expect(screen.getByRole('status').textContent).toContain('Offline — retrying.'));
    // The server comes back: the run shows up, the connection recovers.
    reachable = true;
    await transport.streamRun(
      { workflowId: 'parallel-approvals', runId: recordedRunId },
      { inputData: {} },
      { onChunks: () => {}, onError: () => {} },
    );
    await waitFor(() => expect(words()).toContain('Watching for changes'));
    expect(await screen.findAllByRole('article')).toHaveLength(2);
  });

  it('cancel: disabled and "Cancelling…" until the server confirms', async () => {
    const user = userEvent.setup();
    const { transport } = detailsOnlyTransport('slow-pipeline');
    let cancels = 0;
    const slowCancel: RunTransport = {
      ...transport,
      cancelRun: () => {
        cancels++;
        return new Promise(() => {});
      },
    };
    const { controller } = renderRun('slow-pipeline', {}, slowCancel);
    await showState(controller, recordedState('killed-mid-run'));
    await user.click(screen.getByRole('button', { name: 'Cancel run…' }));
    await user.click(screen.getByRole('button', { name: 'Cancel run' }));
    const button = await screen.findByRole('button', { name: 'Cancelling…' });
    expect((button as HTMLButtonElement).disabled).toBe(true);
    await user.click(button);
    expect(cancels).toBe(1);
  });

  it('cancel asks first (issue 14: no confirmation); Keep running and Escape send nothing', async () => {
    const user = userEvent.setup();
    const { transport } = detailsOnlyTransport('slow-pipeline');
    let cancels = 0;
    const counted: RunTransport = {
      ...transport,
      cancelRun: () => {
        cancels++;
        return new Promise(() => {});
      },
    };
    const { controller } = renderRun('slow-pipeline', {}, counted);
    await showState(controller, recordedState('killed-mid-run'));
    const opener = screen.getByRole('button', { name: 'Cancel run…' });
    await user.click(opener);
    expect(screen.getByRole('group', { name: /Cancel this run\?/ })).toBeTruthy();
    // The safe answer has focus.
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Keep running' }));
    await user.keyboard('{Enter}');
    expect(cancels).toBe(0);
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Cancel run…' }));
    await user.keyboard('{Enter}');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('group', { name: /Cancel this run\?/ })).toBeNull();
    expect(cancels).toBe(0);
    await user.click(screen.getByRole('button', { name: 'Cancel run…' }));
    await user.click(screen.getByRole('button', { name: 'Cancel run' }));
    expect(cancels).toBe(1);
  });

  it('unstyled drops the theme class; className and title are passed on', async () => {
    const { container, rerender } = renderRun('content-brief', { className: 'mine', title: 'Brief' });
    const root = container.querySelector('section.stepline-run')!;
    expect(root.className).toBe('stepline-run stepline-theme mine');
    expect(screen.getByRole('region', { name: 'Brief' })).toBe(root);
    rerender(
      <SteplineProvider transport={detailsOnlyTransport('content-brief').transport}>
        <WorkflowRun workflowId="content-brief" runId="run-1" enabled={false} unstyled />
      </SteplineProvider>,
    );
    expect(container.querySelector('section.stepline-run')!.className).toBe('stepline-run');
  });

  it('stepLabels win over the workflow descriptions; renderStep replaces a row', async () => {
    const { controller } = renderRun('content-brief', {
      stepLabels: { outline: 'Plan it' },
      renderStep: ({ step, label, defaultContent }) =>
        step.id === 'publish' ? <strong>custom {label}</strong> : defaultContent,
    });
    await showState(controller, recordedState('content-brief-approve'));
    await waitFor(() =>
      expect(within(stepItem('synthesize')).getByText('Synthesize a first draft')).toBeTruthy(),
    );
    expect(within(stepItem('outline')).getByText('Plan it')).toBeTruthy();
    expect(within(stepItem('publish')).getByText('custom Publish the brief')).toBeTruthy();
  });
});

describe('a failure said once, wherever the view says it', () => {
  it('with its own outcome (renderOutcome) the view draws no failure line at the top: the failing row says it', async () => {
    const { controller, container } = renderRun('always-fails', { renderOutcome: () => null });
    await showState(controller, recordedState('always-fails'));
    const charge = await waitFor(() => {
      const row = container.querySelector<HTMLElement>('li[data-step-id="charge-card"]');
      expect(row?.dataset.status).toBe('failed');
      return row!;
    });
    expect(container.querySelector('.stepline-failure')).toBeNull();
    expect(charge.querySelector('.stepline-step__error')?.textContent).toBe(
      'Error: Card declined for order-7',
    );
  });
});

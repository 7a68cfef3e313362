import {
  createRunState,
  type RunController,
  type RunEvent,
  reduceRunEvents,
  type StepStartEvent,
} from '@stepline/client';
import { replayScenario, stepStartEvent } from '@stepline/test-support';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  detailsOnlyTransport,
  recordedSnapshotState,
  recordedState,
  scenario,
  settle,
  showState,
} from '../../test/render-helpers';
import { Duration } from '../components/duration';
import { useWorkflowRun } from '../hooks/use-workflow-run';
import { RunScope } from '../run-scope';
import { SteplineProvider } from '../stepline-provider';
import { RunTimeline, useTimelineGroups } from '.';
import { stepDetails } from './step-details-part';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

function Scoped({
  workflowId,
  children,
  onController,
}: {
  workflowId: string;
  children: ReactNode;
  onController: (controller: RunController) => void;
}) {
  const { controller } = useWorkflowRun({ workflowId, runId: 'run-1', enabled: false });
  onController(controller);
  return <RunScope controller={controller}>{children}</RunScope>;
}

function renderTimeline(
  workflowId: string,
  timeline: ReactNode,
  transport = detailsOnlyTransport(workflowId).transport,
) {
  let controller: RunController | undefined;
  const view = render(
    <SteplineProvider transport={transport}>
      <div className="stepline-theme">
        <Scoped
          workflowId={workflowId}
          onController={(captured) => {
            controller = captured;
          }}
        >
          {timeline}
        </Scoped>
      </div>
    </SteplineProvider>,
  );
  return { ...view, controller: controller! };
}

/** The windowed list is a lazy chunk: its first screenful shows (busy) until the chunk is loaded. */
function windowedListLoaded() {
  return vi.waitFor(() => {
    expect(document.querySelector('ol[data-virtualized]')).toBeTruthy();
    expect(document.querySelector('.stepline-timeline__viewport[aria-busy]')).toBeNull();
  });
}

function MyTimeline() {
  const groups = useTimelineGroups();
  return (
    <>
      {groups.map((ids) =>
        ids.length > 1 ? (
          <RunTimeline.Group key={ids[0]} stepIds={ids} label="Side by side" />
        ) : (
          <RunTimeline.Step key={ids[0]} id={ids[0]!}>
            {({ label, status }) => (
              <span>
                {label} — {status.label}
              </span>
            )}
          </RunTimeline.Step>
        ),
      )}
    </>
  );
}

describe('RunTimeline', () => {
  it('composes: your own list of Step and Group, with the same data attributes', async () => {
    const { controller } = renderTimeline(
      'content-brief',
      <RunTimeline.Root aria-label="Brief steps">
        <MyTimeline />
      </RunTimeline.Root>,
    );
    await showState(controller, recordedState('content-brief-approve', 1));
    const list = screen.getByRole('list', { name: 'Brief steps' });
    const group = within(list).getByText('Side by side').closest('li')!;
    expect(group.className).toBe('stepline-group');
    expect(within(group).getAllByRole('listitem')).toHaveLength(3);
    const outline = list.querySelector<HTMLElement>('[data-step-id="outline"]')!;
    await vi.waitFor(() => expect(outline.textContent).toBe('Outline the brief — Done'));
    expect(outline.dataset.status).toBe('success');
    expect(list.querySelector('[data-step-id="editorial-round"]')!.getAttribute('data-status')).toBe(
      'suspended',
    );
  });

  it('windows a large run: a screenful of rows in the DOM, the rest reached by scrolling', async () => {
    const { controller, container } = renderTimeline(
      'many-steps',
      <RunTimeline.Root estimatedRowHeight={50} maxHeight={500} overscan={5} />,
    );
    await showState(controller, recordedState('many-steps'));
    await windowedListLoaded();
    const viewport = screen.getByRole('region', { name: 'Steps (300)' });
    const list = within(viewport).getByRole('list', { name: 'Steps' });
    const ids = () =>
      [...list.querySelectorAll<HTMLElement>('li.stepline-step')].map((item) => item.dataset.stepId);
    expect(ids()[0]).toBe('step-001');
    expect(ids().length).toBe(16); // 500 px / 50 px + 1, and 5 rows of overscan below
    expect(list.querySelector('li')!.getAttribute('aria-posinset')).toBe('1');
    expect(list.querySelector('li')!.getAttribute('aria-setsize')).toBe('300');
    expect(list.style.paddingBottom).toBe(`${(300 - 16) * 50}px`);

    viewport.scrollTop = 100 * 50;
    fireEvent.scroll(viewport);
    await settle(0);
    expect(ids()[0]).toBe('step-096');
    expect(ids()).toContain('step-101');
    expect(list.style.paddingTop).toBe(`${95 * 50}px`);
    await vi.waitFor(() =>
      expect(within(list.querySelector('[data-step-id="step-101"]')!).getByText('Add 101')).toBeTruthy(),
    );
    const results = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
    expect(results.violations.map((violation) => violation.id)).toEqual([]);
  });

  it('windowed rows are the plan: blocks as captions, nested steps under their container, collapsible', async () => {
    const user = userEvent.setup();
    const { controller } = renderTimeline('content-brief', <RunTimeline.Root virtualizeAbove={5} />);
    await showState(controller, recordedState('content-brief-revise-loop'));
    await windowedListLoaded();
    const list = screen.getByRole('list', { name: 'Steps' });
    expect(list.dataset.virtualized).toBe('true');
    const rows = () =>
      [...list.querySelectorAll<HTMLElement>('li')].map(
        (row) => `${row.dataset.rowKey}@${row.dataset.depth}`,
      );
    await vi.waitFor(() => expect(rows()).toHaveLength(19));
    expect(rows()).toEqual([
      'outline@0',
      'parallel:research-sources@0',
      'research-sources@1',
      'research-competitors@1',
      'research-audience@1',
      'synthesize@0',
      'loop:editorial-round@0',
      'editorial-round@1',
      'editorial-round.review@2',
      'conditional:editorial-round.revise@2',
      'editorial-round.revise@3',
      'editorial-round.round-result@2',
      'editorial-round#2@1',
      'editorial-round.review#2@2',
      'conditional:editorial-round.revise#2@2',
      'editorial-round.revise#2@3',
      'editorial-round.round-result#2@2',
      'editorial-decision@0',
      'publish@0',
    ]);
    // One round folds alone: the first round's inner steps go, the second's stay.
    const round = list.querySelector<HTMLElement>('[data-row-key="editorial-round"]')!;
    await user.click(within(round).getByRole('button', { name: /Hide 3 inner steps/ }));
    expect(rows()).toHaveLength(15);
    expect(list.querySelector<HTMLElement>('[data-row-key="editorial-round"]')!.dataset.nested).toBe(
      'closed',
    );
    expect(list.querySelector<HTMLElement>('[data-row-key="editorial-round#2"]')!.dataset.nested).toBe(
      'open',
    );
  });

  it('a running step counts up once a second; a finished one stays put', async () => {
    // A frame someone already asked for (the page's one frame schedule) must run before frames are faked.
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    vi.useFakeTimers({
      toFake: ['setInterval', 'clearInterval', 'Date', 'requestAnimationFrame', 'cancelAnimationFrame'],
    });
    vi.setSystemTime(100_000);
    render(
      <>
        <Duration startedAt={95_000} endedAt={undefined} live />
        <Duration startedAt={90_000} endedAt={91_500} live={false} />
      </>,
    );
    const [live, done] = document.querySelectorAll('time');
    expect(live!.textContent).toBe('5 s');
    expect(live!.getAttribute('dateTime')).toBe('PT5S');
    expect(done!.textContent).toBe('1.5 s');
    // The clock ticks each second and shows the new time at the next frame (fake frames come every 16 ms,
    // counted from when the fake clock was installed).
    act(() => {
      vi.advanceTimersByTime(1000 + 32);
    });
    expect(live!.textContent).toBe('6 s');
    act(() => {
      vi.advanceTimersByTime(60_000 + 32);
    });
    expect(live!.textContent).toBe('1 min 6 s');
    expect(done!.textContent).toBe('1.5 s');
  });
  it('a big run: a summary line and a jump to the running step, in the window', async () => {
    const user = userEvent.setup();
    const { controller, container } = renderTimeline(
      'slow-pipeline',
      <RunTimeline.Root
        details={stepDetails}
        virtualizeAbove={5}
        estimatedRowHeight={40}
        maxHeight={200}
        overscan={0}
      />,
    );
    await showState(controller, recordedState('killed-mid-run'));
    await vi.waitFor(() => expect(screen.getByText(/13 steps: 3 done · 1 running · 9 to go/)).toBeTruthy());
    const viewport = screen.getByRole('region', { name: /Steps/ });
    await user.click(screen.getByRole('button', { name: 'Jump to the running step' }));
    await vi.waitFor(() =>
      expect(document.activeElement?.closest('li')?.getAttribute('data-step-id')).toBe('stage-03'),
    );
    // Its row is the fourth; one row above it stays in view for context.
    expect(viewport.scrollTop).toBe(2 * 40);
    const results = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
    expect(results.violations.map((violation) => violation.id)).toEqual([]);
  });

  it('filters to what needs attention: only the failed steps, then all again', async () => {
    const user = userEvent.setup();
    const { controller } = renderTimeline('always-fails', <RunTimeline.Root summaryAbove={0} />);
    await showState(controller, recordedState('always-fails'));
    await vi.waitFor(() =>
      expect(screen.getByText('3 steps: 1 done · 1 failed · 1 skipped or not run')).toBeTruthy(),
    );
    const list = () => screen.getByRole('list', { name: 'Steps' });
    const only = screen.getByRole('button', { name: 'Only failed (1)' });
    await user.click(only);
    expect(only.getAttribute('aria-pressed')).toBe('true');
    expect([...list().querySelectorAll<HTMLElement>('li')].map((row) => row.dataset.stepId)).toEqual([
      'charge-card',
    ]);
    await user.click(only);
    expect(list().querySelectorAll('li')).toHaveLength(3);
  });

  it('without the workflow details (the read fails) the plan is discovered from the run, loops included', async () => {
    // A server that knows no workflow: its details answer 404, and the timeline falls back to the run.
    const { controller, container } = renderTimeline(
      'content-brief',
      <RunTimeline.Root />,
      detailsOnlyTransport().transport,
    );
    await showState(controller, recordedState('content-brief-revise-loop'));
    const blocks = () =>
      [...container.querySelectorAll<HTMLElement>('li.stepline-block')].map(
        (block) => `${block.dataset.rowKey}: ${block.textContent}`,
      );
    await vi.waitFor(() =>
      expect(blocks()).toEqual([
        'parallel:research-sources: ⇉Ran in parallel · 3 branches',
        'loop:editorial-round: ↻Repeated · 2 rounds',
      ]),
    );
    // Round 1 ran review, revise and round-result; round 2 review and round-result.
    expect(
      [...container.querySelectorAll<HTMLElement>('li.stepline-step[data-round]')].map(
        (row) => `${row.dataset.round} ${row.dataset.stepId}`,
      ),
    ).toEqual([
      '1 editorial-round',
      '1 editorial-round.review',
      '1 editorial-round.revise',
      '1 editorial-round.round-result',
      '2 editorial-round',
      '2 editorial-round.review',
      '2 editorial-round.round-result',
    ]);
  });

  it('unstyled showed the rows’ screen-reader text: it is hidden by its own style, without the stylesheet', async () => {
    const user = userEvent.setup();
    // No stylesheet here (jsdom loads none), as with `unstyled` and no CSS of the app's own.
    const { controller, container } = renderTimeline(
      'kitchen-sink',
      <RunTimeline.Root details={stepDetails} summaryAbove={0} />,
    );
    await showState(controller, recordedState('kitchen-sink'));
    await vi.waitFor(() => expect(container.querySelector('.stepline-step__write')).toBeTruthy());
    await user.click(within(stepItemIn(container, 'summarize')).getByRole('button'));
    await vi.waitFor(() => expect(container.querySelector('.stepline-inspector')).toBeTruthy());
    const hidden = [...container.querySelectorAll<HTMLElement>('.stepline-sr-only')];
    // A done row's status, "Latest output of …", the inspector's "Close the details of …", the JSON folds.
    expect(hidden.map((element) => element.textContent)).toEqual(
      expect.arrayContaining([', Done', 'Latest output of Report custom progress: ']),
    );
    expect(hidden.some((element) => element.textContent?.startsWith(' the details of'))).toBe(true);
    for (const element of hidden) {
      const style = getComputedStyle(element);
      expect({ text: element.textContent, position: style.position, clipPath: style.clipPath }).toEqual({
        text: element.textContent,
        position: 'absolute',
        clipPath: 'inset(50%)',
      });
    }
  });

  it('after a reload, lost foreach iterations and lost writer output are said, not silently missing (issue 14)', async () => {
    const user = userEvent.setup();
    const { controller, container } = renderTimeline(
      'kitchen-sink',
      <RunTimeline.Root details={stepDetails} />,
    );
    // What a page opened after the run reads: the stored run only.
    await showState(controller, recordedSnapshotState('kitchen-sink', 'final'));
    const foreach = () => container.querySelector<HTMLElement>('li.stepline-block[data-kind="foreach"]')!;
    await vi.waitFor(() => expect(foreach().textContent).toContain('Ran for each of 5 items · 2 at a time'));
    expect(foreach().textContent).toContain('Its iterations are not kept by the server, only the result');
    await user.click(within(stepItemIn(container, 'report-progress')).getByRole('button'));
    const inspector = await screen.findByRole('complementary', { name: 'Report custom progress' });
    expect(inspector.textContent).toContain('Output written while it ran (writer) is not kept by the server');

    // The page that watched the run has all of it, and says nothing of the kind.
    await showState(controller, recordedState('kitchen-sink'));
    await vi.waitFor(() => expect(foreach().textContent).not.toContain('not kept'));
    expect(foreach().textContent).toContain('Ran for each of 5 items');
    expect(
      (await screen.findByRole('complementary', { name: 'Report custom progress' })).textContent,
    ).not.toContain('not kept');
    expect(within(stepItemIn(container, 'report-progress')).getByText('warming up 3/3')).toBeTruthy();
  });
});

function stepItemIn(container: HTMLElement, stepId: string): HTMLElement {
  return container.querySelector<HTMLElement>(`[data-step-id="${CSS.escape(stepId)}"]`)!;
}

describe('a loop drawn round by round', () => {
  it('loop rows repeat data-step-id per round: data-row-key is unique, data-round tells the rounds apart', async () => {
    const { controller } = renderTimeline('content-brief', <RunTimeline.Root />);
    await showState(controller, recordedState('content-brief-revise-loop'));
    const rows = () => [...document.querySelectorAll<HTMLElement>('li.stepline-step')];
    await vi.waitFor(() =>
      expect(rows().filter((row) => row.dataset.round === '2').length).toBeGreaterThan(0),
    );
    const keys = rows().map((row) => row.dataset.rowKey);
    expect(new Set(keys).size).toBe(keys.length);
    // A step of the loop: one row per round, each with the step's id and its round.
    const review = rows().filter((row) => row.dataset.stepId === 'editorial-round.review');
    expect(review.map((row) => [row.dataset.round, row.dataset.rowKey])).toEqual([
      ['1', 'editorial-round.review'],
      ['2', 'editorial-round.review#2'],
    ]);
    // Outside the loop a row has no round, and its key is its step id.
    const outline = rows().find((row) => row.dataset.stepId === 'outline')!;
    expect([outline.dataset.round, outline.dataset.rowKey]).toEqual([undefined, 'outline']);
  });

  it('writer output kept per step, not per round: each round row shows what that round wrote', async () => {
    const user = userEvent.setup();
    const { controller } = renderTimeline('content-brief', <RunTimeline.Root details={stepDetails} />);
    // The recorded loop (changes requested, then approved), with what each round's review wrote with
    // `writer.write` right after it started (a resume starts it again: those starts carry the answer).
    const toWrite = [['asked for a cost table', 'sent to the editor'], ['approved as is']];
    const events = replayScenario(scenario('content-brief-revise-loop')).events.flatMap(
      (event): RunEvent[] =>
        event.type === 'step-start' &&
        event.stepId === 'editorial-round.review' &&
        event.resumePayload === undefined
          ? [
              event,
              ...toWrite.shift()!.map(
                (output): RunEvent => ({
                  type: 'step-output',
                  stepId: event.stepId,
                  stepName: 'review',
                  output,
                }),
              ),
            ]
          : [event],
    );
    expect(toWrite).toEqual([]);
    await showState(controller, reduceRunEvents(createRunState(), events));
    const rows = () => [
      ...document.querySelectorAll<HTMLElement>('li.stepline-step[data-step-id="editorial-round.review"]'),
    ];
    await vi.waitFor(() => expect(rows()).toHaveLength(2));
    expect(
      rows().map((row) => [row.dataset.round, row.querySelector('.stepline-step__write')?.textContent]),
    ).toEqual([
      ['1', 'Latest output of Editorial review (round 1): sent to the editor'],
      ['2', 'Latest output of Editorial review (round 2): approved as is'],
    ]);
    // The first round's inspector lists that round's writes only.
    await user.click(within(rows()[0]!).getByRole('button', { name: 'Editorial review (round 1)' }));
    const inspector = await screen.findByRole('complementary', { name: 'Editorial review · Round 1' });
    const written = within(inspector).getByRole('list', { name: /Output written by/ });
    expect([...written.querySelectorAll('li')].map((item) => item.textContent)).toEqual([
      'asked for a cost table',
      'sent to the editor',
    ]);
  });
});

/** What `useTimelineGroups` answers at the top level and inside the review loop. */
const groupsSeen: { top: readonly (readonly string[])[]; inLoop: readonly (readonly string[])[] } = {
  top: [],
  inLoop: [],
};
function Groups() {
  groupsSeen.top = useTimelineGroups();
  groupsSeen.inLoop = useTimelineGroups('editorial-round');
  return null;
}

describe('your own composition', () => {
  it('your own composition: groups follow the plan (a parallel block is one group, a loop body’s steps are steps)', async () => {
    const { controller } = renderTimeline(
      'content-brief',
      <RunTimeline.Root>
        <Groups />
      </RunTimeline.Root>,
    );
    await showState(controller, recordedState('content-brief-revise-loop'));
    await vi.waitFor(() => expect(groupsSeen.top.flat()).toContain('publish'));
    // The parallel block's three branches are one group.
    expect(groupsSeen.top.map((group) => group.join(' + '))).toEqual([
      'outline',
      'research-sources + research-competitors + research-audience',
      'synthesize',
      'editorial-round',
      'editorial-decision',
      'publish',
    ]);
    // The loop body's steps ran one after another in each round, though their spans over two rounds overlap.
    expect(groupsSeen.inLoop.map((group) => group.join(' + '))).toEqual([
      'editorial-round.review',
      'editorial-round.revise',
      'editorial-round.round-result',
    ]);
  });
  it('a step placed by hand lists its rounds on demand: rows, then each round’s payloads, from the lazy chunk', async () => {
    const user = userEvent.setup();
    const { controller, container } = renderTimeline(
      'content-brief',
      <RunTimeline.Root details={stepDetails}>
        <RunTimeline.Step id="editorial-round.review" />
      </RunTimeline.Root>,
    );
    await showState(controller, recordedState('content-brief-revise-loop'));
    const toggle = await screen.findByRole('button', { name: 'Show 2 rounds of Editorial review' });
    const list = document.getElementById(toggle.getAttribute('aria-controls')!)!;
    expect(list.getAttribute('aria-label')).toBe('Rounds of Editorial review');
    expect(list.hidden).toBe(true);
    await user.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    await vi.waitFor(() =>
      expect(
        [...list.querySelectorAll('.stepline-iteration__label')].map((label) => label.textContent),
      ).toEqual(['Round 1', 'Round 2']),
    );
    await user.click(within(list).getByRole('button', { name: 'Details of round 1' }));
    expect(await within(list).findByRole('heading', { name: 'Output' })).toBeTruthy();
    const results = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
    expect(results.violations.map((violation) => violation.id)).toEqual([]);
  });
});

describe('a failed run', () => {
  it('a failing step opens whole, not its round: the round that failed is opened', async () => {
    const { controller } = renderTimeline(
      'no-details',
      <RunTimeline.Root details={stepDetails} />,
      detailsOnlyTransport().transport,
    );
    // A loop whose second round fails.
    const start = (iteration: number): StepStartEvent =>
      stepStartEvent('draft', {
        stepCallId: `call-${iteration}`,
        iteration,
        startedAt: iteration * 100,
        input: { round: iteration },
      });
    const state = reduceRunEvents(createRunState(), [
      start(1),
      { ...start(1), type: 'step-result', status: 'success', output: 'v1', error: undefined, endedAt: 150 },
      start(2),
      {
        ...start(2),
        type: 'step-result',
        status: 'failed',
        output: undefined,
        error: { message: 'Model quota exceeded' },
        endedAt: 250,
      },
      { type: 'run-finish', status: 'failed', result: undefined, error: { message: 'Model quota exceeded' } },
    ]);
    await showState(controller, state);
    const inspector = await screen.findByRole('complementary', { name: /Round 2/ });
    expect(within(inspector).getByRole('heading', { level: 3 }).textContent).toMatch(/· Round 2$/);
    const rows = [...document.querySelectorAll<HTMLElement>('li.stepline-step[data-step-id="draft"]')];
    expect(rows.map((row) => row.dataset.round)).toEqual(['1', '2']);
    expect(within(rows[1]!).getByRole('button', { pressed: true })).toBeTruthy();
    expect(within(rows[0]!).queryByRole('button', { pressed: true })).toBeNull();
  });
});

describe('without the opt-in parts (details, agentOutput)', () => {
  it('rows are plain names, rounds are not listed and nothing opens by itself; the jump still moves focus', async () => {
    const user = userEvent.setup();
    const { controller, container } = renderTimeline('slow-pipeline', <RunTimeline.Root summaryAbove={0} />);
    await showState(controller, recordedState('killed-mid-run'));
    await vi.waitFor(() => expect(screen.getByText(/13 steps: 3 done · 1 running · 9 to go/)).toBeTruthy());
    expect(container.querySelector('.stepline-step__open')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Jump to the running step' }));
    const row = container.querySelector<HTMLElement>('li[data-step-id="stage-03"]')!;
    expect(document.activeElement).toBe(row);
    // Focusable by script only: no extra stop in the Tab order.
    expect(row.tabIndex).toBe(-1);
    const results = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
    expect(results.violations.map((violation) => violation.id)).toEqual([]);
  });

  it('a failed run’s error is in its failing row: with no inspector and no failure line above, nowhere else', async () => {
    const { controller, container } = renderTimeline('always-fails', <RunTimeline.Root />);
    await showState(controller, recordedState('always-fails'));
    const charge = await vi.waitFor(() => {
      const row = container.querySelector<HTMLElement>('li[data-step-id="charge-card"]');
      expect(row?.dataset.status).toBe('failed');
      return row!;
    });
    expect(charge.querySelector('.stepline-step__error')?.textContent).toBe(
      'Error: Card declined for order-7',
    );
    expect(container.querySelectorAll('.stepline-step__error')).toHaveLength(1);
  });

  it('a loop’s rounds get no toggle, and no inspector is drawn', async () => {
    const { controller, container } = renderTimeline(
      'content-brief',
      <RunTimeline.Root>
        <RunTimeline.Step id="editorial-round.review" />
      </RunTimeline.Root>,
    );
    await showState(controller, recordedState('content-brief-revise-loop'));
    await vi.waitFor(() =>
      expect(container.querySelector('[data-step-id="editorial-round.review"]')).toBeTruthy(),
    );
    expect(screen.queryByRole('button', { name: /rounds of Editorial review/ })).toBeNull();
    expect(container.querySelector('.stepline-inspector')).toBeNull();
  });
});

import type { Meta } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import type { ReplayOptions } from './replay/replay-server';
import { expectNoAxeViolations, slow, waitForRunStatus } from './support/play-helpers';
import { type ReplayStory, replayStoryMeta } from './support/replay-story-meta';
import type { ReplayStoryArgs } from './support/replayed-run';

/**
 * `<WorkflowRun>` on runs recorded from the real Mastra server (`fixtures/recorded/`): msw replays every
 * stream chunk at its recorded time (toolbar: Replay speed), and the recording waits where the recorder
 * clicked — approve, cancel — for you to do the same.
 */
const meta: Meta<ReplayStoryArgs> = {
  title: 'WorkflowRun/Recorded runs',
  ...replayStoryMeta,
};
export default meta;

type Story = ReplayStory;

/**
 * The content brief from the start, live and left to you: outline, three research branches side by side,
 * a draft, then the editor's card waits. The recording approved it, so Approve plays the rest (for
 * "Request changes" open Approvals › request changes, revise, approve).
 */
export const ContentBrief: Story = {
  name: 'Content brief: live (you decide)',
  parameters: { replay: { scenario: 'content-brief-approve' } satisfies ReplayOptions },
};

/** A step that throws every time: the run fails with the step's error. */
export const Failure: Story = {
  name: 'Failure: always fails',
  parameters: { replay: { scenario: 'always-fails' } satisfies ReplayOptions },
  play: async ({ canvasElement }) => {
    await waitForRunStatus(canvasElement, 'failed');
    // The error once, at the top, naming the step; the failing step opened in the inspector.
    const failure = canvasElement.querySelector('.stepline-failure');
    await expect(failure?.textContent).toMatch(/The run failed at .+: Card declined for order-7/);
    await expect(
      await within(canvasElement).findByRole('complementary', { name: /card/i }, slow),
    ).toBeVisible();
    await expectNoAxeViolations(canvasElement);
    await expect(canvasElement.querySelector('[data-step-id="charge-card"]')).toHaveAttribute(
      'data-status',
      'failed',
    );
  },
};

/** Mastra retries a step that failed twice; the retries are invisible on the wire, the run succeeds. */
export const FlakyRetry: Story = {
  name: 'Flaky step, retried, succeeds',
  parameters: { replay: { scenario: 'flaky-retry' } satisfies ReplayOptions },
  play: async ({ canvasElement }) => {
    await waitForRunStatus(canvasElement, 'success');
  },
};

/** Invalid input: the stream says failed at once, the stored run stays "pending". */
export const InvalidInput: Story = {
  name: 'Failure: invalid input',
  parameters: { replay: { scenario: 'invalid-input' } satisfies ReplayOptions },
};

/**
 * Twelve slow stages. The recording was canceled while stage 4 ran, so the replay holds there until you
 * press "Cancel run…" and confirm; then the rest of the recording (stage 4 failed, the run canceled) plays.
 */
export const CancelMidRun: Story = {
  name: 'Cancel mid-run',
  parameters: { replay: { scenario: 'cancel-mid-run' } satisfies ReplayOptions },
  play: async ({ canvasElement }) => {
    await waitFor(() => {
      const stage = canvasElement.querySelector('[data-step-id="stage-04"]');
      if (stage?.getAttribute('data-status') !== 'running') throw new Error('stage 4 is not running yet');
    }, slow);
    const canvas = within(canvasElement);
    // Asked first; the safe answer has focus.
    await userEvent.click(canvas.getByRole('button', { name: 'Cancel run…' }));
    await expect(canvas.getByRole('button', { name: 'Keep running' })).toHaveFocus();
    await expectNoAxeViolations(canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Cancel run' }));
    await waitForRunStatus(canvasElement, 'canceled');
    await expect(within(canvasElement).queryByRole('button', { name: /Cancel/ })).not.toBeInTheDocument();
  },
};

/**
 * 300 steps in one stream (600 events in 176 kB): a summary line counts them, the timeline windows its
 * rows, and the page does not grow past the scrolling box (no screen-reader text escaping it).
 */
export const ManySteps: Story = {
  name: 'Huge run: 300 steps',
  parameters: { replay: { scenario: 'many-steps' } satisfies ReplayOptions },
  play: async ({ canvasElement }) => {
    await waitForRunStatus(canvasElement, 'success');
    const rows = canvasElement.querySelectorAll('li.stepline-step');
    await expect(rows.length).toBeGreaterThan(0);
    await expect(rows.length).toBeLessThan(300);
    await expect(within(canvasElement).getByText(/^300 steps: 300 done$/)).toBeInTheDocument();
    const viewport = canvasElement.querySelector<HTMLElement>('.stepline-timeline__viewport')!;
    const run = canvasElement.querySelector<HTMLElement>('.stepline-run')!;
    // Nothing inside the run reaches below its own box: the page ends where the run does.
    const runBottom = run.getBoundingClientRect().bottom + window.scrollY;
    await expect(document.documentElement.scrollHeight).toBeLessThanOrEqual(Math.ceil(runBottom) + 48);
    await expect(viewport.scrollHeight).toBeGreaterThan(viewport.clientHeight);
  },
};

/** Branch, `.map()`, a nested workflow, sleeps, writer events and a foreach over 5 items in one run. */
export const KitchenSink: Story = {
  name: 'Kitchen sink: branch, nested, sleep, foreach',
  parameters: { replay: { scenario: 'kitchen-sink' } satisfies ReplayOptions },
  play: async ({ canvasElement }) => {
    await waitForRunStatus(canvasElement, 'success');
  },
};

import type { Meta } from '@storybook/react-vite';
import { expect, waitFor, within } from 'storybook/test';
import type { ReplayOptions } from './replay/replay-server';
import { expectNoAxeViolations, slow } from './support/play-helpers';
import { type ReplayStory, replayStoryMeta } from './support/replay-story-meta';
import type { ReplayStoryArgs } from './support/replayed-run';

/**
 * States held still, for a look and for `scripts/screenshots.mjs` (which also photographs the decided,
 * failed, canceled and 300-step stories). Each waits for its state and runs axe-core.
 */
const meta: Meta<ReplayStoryArgs> = {
  title: 'Screens',
  ...replayStoryMeta,
};
export default meta;

type Story = ReplayStory;

/**
 * A run in progress: twelve slow stages. The recording was canceled during stage 4, so the replay holds
 * there (stage 4 running) until someone presses "Cancel run…".
 */
export const Running: Story = {
  name: 'Running',
  parameters: { replay: { scenario: 'cancel-mid-run' } satisfies ReplayOptions },
  play: async ({ canvasElement }) => {
    await waitFor(() => {
      const stage = canvasElement.querySelector('[data-step-id="stage-04"]');
      if (stage?.getAttribute('data-status') !== 'running') throw new Error('stage 4 is not running yet');
    }, slow);
    // The elapsed time counts, the steps to come are on the plan, the connection is a quiet dot.
    await expect(canvasElement.querySelector('.stepline-header__elapsed')).toHaveAttribute(
      'data-live',
      'true',
    );
    await expect(canvasElement.querySelector('.stepline-header__banner')).toBeNull();
    await expectNoAxeViolations(canvasElement);
  },
};

/** The content brief waiting for its editor, opened after the fact (as from a link in an email). */
export const WaitingForDecision: Story = {
  name: 'Waiting for a decision',
  parameters: { replay: { scenario: 'content-brief-approve', from: 886 } satisfies ReplayOptions },
  play: async ({ canvasElement }) => {
    const card = await within(canvasElement).findByRole('article', { name: /Approval needed/ }, slow);
    await within(card).findByRole('button', { name: 'Approve' }, slow);
    // Opened by its URL: no focus box on load, and checking for changes is no warning.
    await expect(
      document.activeElement === document.body || !canvasElement.contains(document.activeElement),
    ).toBe(true);
    await expect(canvasElement.querySelector('.stepline-header__banner')).toBeNull();
    await expect(canvasElement.querySelector('.stepline-header__fact--status')?.textContent).toMatch(
      /Waiting for approval since/,
    );
    await expectNoAxeViolations(canvasElement);
  },
};

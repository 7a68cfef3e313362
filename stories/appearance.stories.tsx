import type { Meta } from '@storybook/react-vite';
import { expect, within } from 'storybook/test';
import type { ReplayOptions } from './replay/replay-server';
import { slow } from './support/play-helpers';
import { type ReplayStory, replayStoryMeta } from './support/replay-story-meta';
import type { ReplayStoryArgs } from './support/replayed-run';

/**
 * The default stylesheet's dark theme and `unstyled`, on the content brief as it waits for its editor
 * (opened after the fact: the view reads the stored run and polls; answer the card to see the rest).
 */
const meta: Meta<ReplayStoryArgs> = {
  title: 'WorkflowRun/Appearance',
  ...replayStoryMeta,
};
export default meta;

type Story = ReplayStory;

/** The content brief waiting for its editor, opened after the fact (no live stream: it polls). */
export const DarkTheme: Story = {
  name: 'Dark theme',
  globals: { theme: 'dark' },
  parameters: { replay: { scenario: 'content-brief-approve', from: 886 } satisfies ReplayOptions },
  play: async ({ canvasElement }) => {
    await within(canvasElement).findByRole('article', { name: /Approval needed/ }, slow);
    await expect(canvasElement.querySelector('[data-theme="dark"] .stepline-theme')).not.toBeNull();
  },
};

/** `unstyled`: no `stepline-theme` class, so the default stylesheet styles nothing; bring your own CSS. */
export const Unstyled: Story = {
  name: 'Unstyled',
  args: { unstyled: true },
  parameters: { replay: { scenario: 'content-brief-approve', from: 886 } satisfies ReplayOptions },
  play: async ({ canvasElement }) => {
    await within(canvasElement).findByRole('article', { name: /Approval needed/ }, slow);
    await expect(canvasElement.querySelector('.stepline-theme')).toBeNull();
    // Issue 14: `unstyled` showed the screen-reader text (the live region, "of Outline" on every button).
    const hidden = [...canvasElement.querySelectorAll('.stepline-sr-only')];
    await expect(hidden.length).toBeGreaterThan(0);
    for (const element of hidden) {
      await expect(element.getBoundingClientRect().width).toBeLessThanOrEqual(1);
    }
  },
};

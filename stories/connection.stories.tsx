import type { Meta } from '@storybook/react-vite';
import { expect, waitFor, within } from 'storybook/test';
import type { ReplayOptions } from './replay/replay-server';
import { recordConnectionStates, slow, waitForRunStatus } from './support/play-helpers';
import { type ReplayStory, replayStoryMeta } from './support/replay-story-meta';
import type { ReplayStoryArgs } from './support/replayed-run';

/**
 * What the connection does when the network or the server misbehaves, on recorded runs: a stream that
 * drops mid-record, and a server that is killed and restarts without the run in memory.
 */
const meta: Meta<ReplayStoryArgs> = {
  title: 'WorkflowRun/Connection',
  ...replayStoryMeta,
};
export default meta;

type Story = ReplayStory;

/**
 * The stream drops in the middle of a record while stage 4 starts. The view says "Reconnecting", reads
 * the stored run, observes (Mastra replays history: duplicates the reducer ignores) and is live again.
 */
export const DroppedConnection: Story = {
  name: 'Connection drops, reconnects',
  parameters: { replay: { scenario: 'slow-pipeline', dropStreamAt: 1100 } satisfies ReplayOptions },
  play: async ({ canvasElement }) => {
    const states = recordConnectionStates(canvasElement);
    await waitFor(() => expect(states.seen).toContain('reconnecting'), slow);
    await waitFor(
      () => expect(states.seen.slice(states.seen.indexOf('reconnecting'))).toContain('live'),
      slow,
    );
    await waitForRunStatus(canvasElement, 'success', 20_000);
    states.stop();
    const steps = canvasElement.querySelectorAll('li.stepline-step');
    await expect(steps).toHaveLength(13);
    for (const step of steps) await expect(step).toHaveAttribute('data-status', 'success');
  },
};

/**
 * The server is killed while stage 3 runs (recorded). Reconnecting fails until it restarts; then observe
 * answers an empty 200 and the stored run still says "running": the view polls.
 */
export const ServerWentAway: Story = {
  name: 'Server went away: polling',
  parameters: { replay: { scenario: 'killed-mid-run' } satisfies ReplayOptions },
  play: async ({ canvasElement }) => {
    const states = recordConnectionStates(canvasElement);
    await expect(
      await within(canvasElement).findByText('Polling for changes', {}, { timeout: 20_000 }),
    ).toBeVisible();
    states.stop();
    await expect(states.seen).toContain('reconnecting');
    await expect(canvasElement.querySelector('.stepline-run')).toHaveAttribute('data-status', 'running');
  },
};

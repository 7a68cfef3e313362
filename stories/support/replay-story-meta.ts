import type { Meta, StoryObj } from '@storybook/react-vite';
import { type ReplayStoryArgs, renderReplay, replayArgTypes } from './replayed-run';

/**
 * What every story file of recorded runs shares: `<WorkflowRun>` on a replayed recording, and its toolbar
 * controls. A file adds its own `title` (kept literal in the file: Storybook reads it without running it).
 *
 * @example
 * const meta: Meta<ReplayStoryArgs> = { title: 'Screens', ...replayStoryMeta };
 */
export const replayStoryMeta = {
  render: renderReplay,
  argTypes: replayArgTypes,
} satisfies Partial<Meta<ReplayStoryArgs>>;

/** A story of a replayed recording; its `parameters.replay` names the scenario. */
export type ReplayStory = StoryObj<ReplayStoryArgs>;

import type { Meta } from '@storybook/react-vite';
import { expect, waitFor } from 'storybook/test';
import agentManifest from '../fixtures/recorded-agents/manifest.json';
import type { AgentScenarioName } from './replay/fixtures';
import type { ReplayOptions } from './replay/replay-server';
import { expectNoAxeViolations, waitForRunStatus } from './support/play-helpers';
import { type ReplayStory, replayStoryMeta } from './support/replay-story-meta';
import type { ReplayStoryArgs } from './support/replayed-run';

/**
 * Agent steps recorded from the real Mastra server with agents on scripted models
 * (`fixtures/recorded-agents/`, `pnpm record --set agents`), replayed at recorded speed: the answer
 * streams into its timeline row as text with a caret, reasoning folds away, tool calls are cards.
 */
const meta: Meta<ReplayStoryArgs> = {
  title: 'WorkflowRun/Agent output',
  ...replayStoryMeta,
};
export default meta;

type Story = ReplayStory;

/** What the scripted models said, per step: the recorder wrote it from the models' own scripts. */
function scriptOf(scenario: AgentScenarioName, stepId: string): readonly string[] {
  const entry = (
    agentManifest as unknown as {
      scenarios: { name: string; expectedAgentText?: { text: Record<string, string[]> } }[];
    }
  ).scenarios.find((candidate) => candidate.name === scenario);
  const texts = entry?.expectedAgentText?.text[stepId];
  if (!texts) throw new Error(`no script for ${scenario} ${stepId}`);
  return texts;
}

/** The answer texts shown in a step's row, one per agent call. */
function answersIn(canvasElement: HTMLElement, stepId: string): string[] {
  const row = canvasElement.querySelector(`[data-step-id="${stepId}"]`);
  return [...(row?.querySelectorAll('.stepline-transcript') ?? [])].map((transcript) =>
    [...transcript.querySelectorAll('.stepline-transcript__text')].map((text) => text.textContent).join(''),
  );
}

/** `createStep(agent)`: a short story, repeated words and all, token by token. */
export const Story: Story = {
  name: 'Agent as a step: streamed answer',
  parameters: { replay: { scenario: 'agent-story' } satisfies ReplayOptions },
  play: async ({ canvasElement }) => {
    await waitForRunStatus(canvasElement, 'success');
    await expect(answersIn(canvasElement, 'story-writer')).toEqual(scriptOf('agent-story', 'story-writer'));
    await expect(canvasElement.querySelector('.stepline-transcript__caret')).toBeNull();
    await expectNoAxeViolations(canvasElement);
  },
};

/** The page opened mid-answer: observe replays the history, the text so far appears, then goes on. */
export const ReloadMidAnswer: Story = {
  name: 'Reload mid-answer',
  parameters: { replay: { scenario: 'agent-story', from: 1000 } satisfies ReplayOptions },
  play: async ({ canvasElement }) => {
    await waitForRunStatus(canvasElement, 'success');
    await expect(answersIn(canvasElement, 'story-writer')).toEqual(scriptOf('agent-story', 'story-writer'));
  },
};

/** Reasoning (collapsed), two tool calls (one fails), then a second agent in the same step. */
export const ReasoningAndTools: Story = {
  name: 'Reasoning, tool calls and two agents in one step',
  parameters: { replay: { scenario: 'agent-research' } satisfies ReplayOptions },
  play: async ({ canvasElement }) => {
    await waitForRunStatus(canvasElement, 'success');
    await expect(answersIn(canvasElement, 'research')).toEqual(scriptOf('agent-research', 'research'));
    const cards = [...canvasElement.querySelectorAll('.stepline-tool-call')];
    await expect(cards.map((card) => card.getAttribute('data-state'))).toEqual(['answered', 'failed']);
    await expectNoAxeViolations(canvasElement);
  },
};

/** Two agent steps in `.parallel()`: their tokens interleave on the wire, each row gets its own. */
export const Parallel: Story = {
  name: 'Two agents in parallel',
  parameters: { replay: { scenario: 'agent-parallel' } satisfies ReplayOptions },
  play: async ({ canvasElement }) => {
    await waitForRunStatus(canvasElement, 'success');
    await expect(answersIn(canvasElement, 'optimist')).toEqual(scriptOf('agent-parallel', 'optimist'));
    await expect(answersIn(canvasElement, 'skeptic')).toEqual(scriptOf('agent-parallel', 'skeptic'));
  },
};

/** Two nested workflows whose inner agent steps are both called `draft`. */
export const Nested: Story = {
  name: 'Nested agent steps with the same name',
  parameters: { replay: { scenario: 'agent-nested' } satisfies ReplayOptions },
  play: async ({ canvasElement }) => {
    await waitForRunStatus(canvasElement, 'success');
    await waitFor(() =>
      expect(answersIn(canvasElement, 'alpha-flow.draft')).toEqual(
        scriptOf('agent-nested', 'alpha-flow.draft'),
      ),
    );
    await expect(answersIn(canvasElement, 'beta-flow.draft')).toEqual(
      scriptOf('agent-nested', 'beta-flow.draft'),
    );
  },
};

/** An agent in a loop: each iteration's answer belongs to that iteration. */
export const Loop: Story = {
  name: 'Agent in a loop',
  parameters: { replay: { scenario: 'agent-loop' } satisfies ReplayOptions },
};

/** 10,000 tokens from a nine-word vocabulary at the recorded pace. */
export const LongAnswer: Story = {
  name: 'A 10,000-token answer',
  parameters: { replay: { scenario: 'agent-long-answer' } satisfies ReplayOptions },
  play: async ({ canvasElement }) => {
    await waitForRunStatus(canvasElement, 'success', 60_000);
    await expect(answersIn(canvasElement, 'long-writer')).toEqual(
      scriptOf('agent-long-answer', 'long-writer'),
    );
  },
};

import { Agent } from '@mastra/core/agent';
import { createStep, createWorkflow } from '@mastra/core/workflows';
import { z } from 'zod';
import { roundText } from '../agents/model-scripts.ts';
import { createScriptedModel, lastUserText, tokenize } from '../agents/scripted-model.ts';

// An agent inside `.dountil()`: the same step id runs three times, each iteration a new agent call
// whose output belongs to that iteration.

const roundSchema = z.object({ round: z.number().int(), rounds: z.number().int(), text: z.string() });

export function createAgentLoopWorkflow() {
  const brainstormer = new Agent({
    id: 'brainstormer',
    name: 'Brainstormer',
    instructions: 'Add ideas.',
    model: createScriptedModel({
      modelId: 'brainstorm-model',
      script: (prompt) => {
        const round = Number(/round (\d+)/.exec(lastUserText(prompt))?.[1] ?? 0);
        return { parts: [{ type: 'text', tokens: tokenize(roundText(round)) }], finishReason: 'stop' };
      },
    }),
  });

  const brainstorm = createStep({
    id: 'brainstorm',
    description: 'One round of ideas from the agent',
    inputSchema: roundSchema,
    outputSchema: roundSchema,
    execute: async ({ inputData, writer, abortSignal }) => {
      const round = inputData.round + 1;
      const stream = await brainstormer.stream(`Ideas, round ${round}.`, { abortSignal });
      await stream.fullStream.pipeTo(writer);
      return { round, rounds: inputData.rounds, text: await stream.text };
    },
  });

  const start = createStep({
    id: 'plan-rounds',
    description: 'Decide how many rounds to run',
    inputSchema: z.object({ rounds: z.number().int().min(1).max(10).default(3) }),
    outputSchema: roundSchema,
    execute: async ({ inputData }) => ({ round: 0, rounds: inputData.rounds, text: '' }),
  });

  return createWorkflow({
    id: 'agent-loop',
    description: 'An agent step in a dountil loop: one agent call per iteration',
    inputSchema: z.object({ rounds: z.number().int().min(1).max(10).default(3) }),
    outputSchema: roundSchema,
  })
    .then(start)
    .dountil(brainstorm, async ({ inputData }) => inputData.round >= inputData.rounds)
    .commit();
}

import { Agent } from '@mastra/core/agent';
import { createStep, createWorkflow } from '@mastra/core/workflows';
import { z } from 'zod';
import { longAnswerTokens } from '../agents/model-scripts.ts';
import { createScriptedModel, lastUserText } from '../agents/scripted-model.ts';

// A long answer (10,000 tokens by default) from a nine-word vocabulary, as `createStep(agent)`: most
// chunks are byte-identical to earlier ones, and the big step-finish/finish chunks repeat the whole
// text. The pace is part of the input so a test can make it slow enough to reload mid-answer.

const inputSchema = z.object({
  tokens: z.number().int().min(1).max(50_000).default(10_000),
  tokensPerSecond: z.number().int().min(10).max(20_000).default(2_000),
});

export function createAgentLongAnswerWorkflow() {
  const longWriter = new Agent({
    id: 'long-writer',
    name: 'Long writer',
    instructions: 'Write at length.',
    model: createScriptedModel({
      modelId: 'long-model',
      script: (prompt) => {
        const [, tokens, perSecond] = /(\d+) tokens at (\d+) per second/.exec(lastUserText(prompt)) ?? [];
        // Ticks of 20 ms; a fractional rate rounds up to at least one token per tick.
        const tokensPerTick = Math.max(1, Math.round(Number(perSecond) / 50));
        return {
          parts: [{ type: 'text', tokens: longAnswerTokens(Number(tokens)) }],
          finishReason: 'stop',
          pace: { tokensPerTick, tickMs: 20 },
        };
      },
    }),
  });

  const brief = createStep({
    id: 'brief',
    description: 'Ask for a long answer',
    inputSchema,
    outputSchema: z.object({ prompt: z.string() }),
    execute: async ({ inputData }) => ({
      prompt: `Write ${inputData.tokens} tokens at ${inputData.tokensPerSecond} per second.`,
    }),
  });

  return createWorkflow({
    id: 'agent-long-answer',
    description: 'A 10,000-token agent answer full of repeated tokens',
    inputSchema,
    outputSchema: z.object({ text: z.string() }),
  })
    .then(brief)
    .then(createStep(longWriter))
    .commit();
}

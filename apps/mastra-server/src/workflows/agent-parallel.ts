import { Agent } from '@mastra/core/agent';
import { createStep, createWorkflow } from '@mastra/core/workflows';
import { z } from 'zod';
import { createScriptedModel, tokenize } from '../agents/scripted-model.ts';

// Two agents as steps of one `.parallel()` block: their chunks interleave on the wire, each named by
// its own step (the agent's id).

export const optimistText = 'Tidal power is steady, steady, steady and clean.';
export const skepticText = 'Tidal power is costly, costly, and slow to build.';

function textAgent(id: string, name: string, text: string) {
  return new Agent({
    id,
    name,
    instructions: `Answer as the ${name.toLowerCase()}.`,
    model: createScriptedModel({
      modelId: `${id}-model`,
      // Different paces, so the two streams interleave unevenly.
      tickMs: id === 'optimist' ? 10 : 17,
      script: () => ({ parts: [{ type: 'text', tokens: tokenize(text) }], finishReason: 'stop' }),
    }),
  });
}

export function createAgentParallelWorkflow() {
  const optimist = textAgent('optimist', 'Optimist', optimistText);
  const skeptic = textAgent('skeptic', 'Skeptic', skepticText);

  const ask = createStep({
    id: 'ask',
    description: 'Frame the question for both agents',
    inputSchema: z.object({ topic: z.string().default('tidal power') }),
    outputSchema: z.object({ prompt: z.string() }),
    execute: async ({ inputData }) => ({ prompt: `What do you think of ${inputData.topic}?` }),
  });

  const weigh = createStep({
    id: 'weigh',
    description: 'Put both answers side by side',
    // Mastra types a parallel block's output as a record keyed by step id.
    inputSchema: z.record(z.string(), z.object({ text: z.string() })),
    outputSchema: z.object({ verdict: z.string() }),
    execute: async ({ inputData }) => ({
      verdict: `${inputData.optimist?.text} / ${inputData.skeptic?.text}`,
    }),
  });

  return createWorkflow({
    id: 'agent-parallel',
    description: 'Two agent steps in parallel: interleaved chunks of two agents',
    inputSchema: z.object({ topic: z.string().default('tidal power') }),
    outputSchema: z.object({ verdict: z.string() }),
  })
    .then(ask)
    .parallel([createStep(optimist), createStep(skeptic)])
    .then(weigh)
    .commit();
}

import { Agent } from '@mastra/core/agent';
import { createStep, createWorkflow } from '@mastra/core/workflows';
import { z } from 'zod';
import { storyText } from '../agents/model-scripts.ts';
import { createScriptedModel, tokenize } from '../agents/scripted-model.ts';

// The text-stream pattern: a step reads the agent's `textStream` and writes each token as a plain
// string with `writer.write(token)`. On the wire each token is `"output":"the"`, with no agent run id.

export function createAgentTextStreamWorkflow() {
  const narrator = new Agent({
    id: 'narrator',
    name: 'Narrator',
    instructions: 'Tell the story.',
    model: createScriptedModel({
      modelId: 'narrator-model',
      script: () => ({ parts: [{ type: 'text', tokens: tokenize(storyText) }], finishReason: 'stop' }),
    }),
  });

  const narrate = createStep({
    id: 'narrate',
    description: 'Stream the story as plain text tokens',
    inputSchema: z.object({ topic: z.string().default('a cat and a dog') }),
    outputSchema: z.object({ text: z.string() }),
    execute: async ({ inputData, writer, abortSignal }) => {
      const stream = await narrator.stream(`Tell a story about ${inputData.topic}.`, { abortSignal });
      for await (const token of stream.textStream) await writer.write(token);
      return { text: await stream.text };
    },
  });

  return createWorkflow({
    id: 'agent-text-stream',
    description: 'writer.write(token) for each token of an agent textStream',
    inputSchema: z.object({ topic: z.string().default('a cat and a dog') }),
    outputSchema: z.object({ text: z.string() }),
  })
    .then(narrate)
    .commit();
}

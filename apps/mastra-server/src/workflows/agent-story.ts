import { Agent } from '@mastra/core/agent';
import { createStep, createWorkflow } from '@mastra/core/workflows';
import { z } from 'zod';
import { storyText } from '../agents/model-scripts.ts';
import { createScriptedModel, tokenize } from '../agents/scripted-model.ts';

// `createStep(agent)`: the most common agent step. Mastra names the step after the agent's id and
// streams every chunk of the agent as the step's output.

export function createAgentStoryWorkflow() {
  const storyWriter = new Agent({
    id: 'story-writer',
    name: 'Story writer',
    instructions: 'Write a very short story.',
    model: createScriptedModel({
      modelId: 'story-model',
      script: () => ({ parts: [{ type: 'text', tokens: tokenize(storyText) }], finishReason: 'stop' }),
    }),
  });

  const toPrompt = createStep({
    id: 'pick-topic',
    description: 'Turn the topic into a prompt',
    inputSchema: z.object({ topic: z.string().default('a cat and a dog') }),
    outputSchema: z.object({ prompt: z.string() }),
    execute: async ({ inputData }) => ({ prompt: `Write a story about ${inputData.topic}.` }),
  });

  return createWorkflow({
    id: 'agent-story',
    description: 'An agent as a step: createStep(agent) streams a short story with repeated words',
    inputSchema: z.object({ topic: z.string().default('a cat and a dog') }),
    outputSchema: z.object({ text: z.string() }),
  })
    .then(toPrompt)
    .then(createStep(storyWriter))
    .commit();
}

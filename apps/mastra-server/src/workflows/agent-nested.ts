import { Agent } from '@mastra/core/agent';
import { createStep, createWorkflow } from '@mastra/core/workflows';
import { z } from 'zod';
import { draftText } from '../agents/model-scripts.ts';
import { createScriptedModel, lastUserText, tokenize } from '../agents/scripted-model.ts';

// Two nested workflows run in parallel, each with an inner step called `draft` that pipes an agent
// into its writer. On the wire both inner steps' chunks carry `stepName: "draft"`; only the
// step-start events say `alpha-flow.draft` and `beta-flow.draft`.

const briefSchema = z.object({ brief: z.string() });
const draftSchema = z.object({ text: z.string() });

function draftingFlow(flow: 'alpha-flow' | 'beta-flow', drafter: Agent<'drafter'>) {
  const draft = createStep({
    id: 'draft',
    description: `Draft for ${flow}`,
    inputSchema: briefSchema,
    outputSchema: draftSchema,
    execute: async ({ inputData, writer, abortSignal }) => {
      const stream = await drafter.stream(`${flow}: ${inputData.brief}`, { abortSignal });
      await stream.fullStream.pipeTo(writer);
      return { text: await stream.text };
    },
  });
  return createWorkflow({
    id: flow,
    description: `The ${flow} drafting workflow`,
    inputSchema: briefSchema,
    outputSchema: draftSchema,
  })
    .then(draft)
    .commit();
}

export function createAgentNestedWorkflow() {
  // One drafter for both flows; the prompt names the flow, and the script answers for that flow.
  const drafter = new Agent({
    id: 'drafter',
    name: 'Drafter',
    instructions: 'Draft a plan.',
    model: createScriptedModel({
      modelId: 'drafter-model',
      script: (prompt) => {
        const flow = lastUserText(prompt).startsWith('alpha-flow') ? 'alpha-flow' : 'beta-flow';
        return {
          parts: [{ type: 'text', tokens: tokenize(draftText(flow)) }],
          finishReason: 'stop',
          pace: { tokensPerTick: 1, tickMs: flow === 'alpha-flow' ? 12 : 19 },
        };
      },
    }),
  });

  return createWorkflow({
    id: 'agent-nested',
    description: 'Two nested workflows in parallel whose inner agent steps are both called draft',
    inputSchema: z.object({ brief: z.string().default('a harbour plan') }),
    outputSchema: z.object({ 'alpha-flow': draftSchema, 'beta-flow': draftSchema }),
  })
    .parallel([draftingFlow('alpha-flow', drafter), draftingFlow('beta-flow', drafter)])
    .commit();
}

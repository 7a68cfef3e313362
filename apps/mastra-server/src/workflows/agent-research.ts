import { Agent } from '@mastra/core/agent';
import { createTool } from '@mastra/core/tools';
import { createStep, createWorkflow } from '@mastra/core/workflows';
import { z } from 'zod';
import { editorAnswer, researchAnswer, researchReasoning } from '../agents/model-scripts.ts';
import { answersToolResult, createScriptedModel, tokenize } from '../agents/scripted-model.ts';

// One step that calls two agents one after the other, piping each agent's full stream into the
// step's writer (`agent.stream()` + `fullStream.pipeTo(writer)`). The first agent thinks (reasoning),
// calls two tools (one fails), and answers once the tool results are back: two model calls in one agent call.

const lookupCapacity = createTool({
  id: 'lookup-capacity',
  description: 'Installed capacity of tidal power stations',
  inputSchema: z.object({ stations: z.array(z.string()) }),
  outputSchema: z.object({ megawatts: z.number(), stations: z.array(z.string()) }),
  execute: async (inputData) => ({ megawatts: 527, stations: inputData.stations }),
});

// Fails every time: the transcript shows a tool call whose result never comes.
const lookupPrice = createTool({
  id: 'lookup-price',
  description: 'Price per kWh of tidal power',
  inputSchema: z.object({ station: z.string() }),
  outputSchema: z.object({ pricePerKwh: z.number() }),
  execute: async () => {
    throw new Error('The price service is unavailable');
  },
});

export function createAgentResearchWorkflow() {
  const researcher = new Agent({
    id: 'researcher',
    name: 'Researcher',
    instructions: 'Look facts up with your tools, then answer in one line.',
    tools: { lookupCapacity, lookupPrice },
    model: createScriptedModel({
      modelId: 'research-model',
      script: (prompt) =>
        answersToolResult(prompt)
          ? { parts: [{ type: 'text', tokens: tokenize(researchAnswer) }], finishReason: 'stop' }
          : {
              parts: [
                { type: 'reasoning', tokens: tokenize(researchReasoning) },
                {
                  type: 'tool-call',
                  toolCallId: 'call-lookup-1',
                  toolName: 'lookupCapacity',
                  input: { stations: ['La Rance', 'Sihwa'] },
                },
                {
                  type: 'tool-call',
                  toolCallId: 'call-price-1',
                  toolName: 'lookupPrice',
                  input: { station: 'La Rance' },
                },
              ],
              finishReason: 'tool-calls',
            },
    }),
  });
  const editor = new Agent({
    id: 'editor',
    name: 'Editor',
    instructions: 'Tighten the text.',
    model: createScriptedModel({
      modelId: 'editor-model',
      script: () => ({ parts: [{ type: 'text', tokens: tokenize(editorAnswer) }], finishReason: 'stop' }),
    }),
  });

  const research = createStep({
    id: 'research',
    description: 'Research with a tool, then have an editor tighten the answer',
    inputSchema: z.object({ question: z.string().default('How much tidal power is installed?') }),
    outputSchema: z.object({ draft: z.string(), text: z.string() }),
    execute: async ({ inputData, writer, abortSignal }) => {
      const found = await researcher.stream(inputData.question, { abortSignal });
      // preventClose: the editor's stream goes into the same writer afterwards.
      await found.fullStream.pipeTo(writer, { preventClose: true });
      const draft = await found.text;
      const edited = await editor.stream(`Tighten: ${draft}`, { abortSignal });
      await edited.fullStream.pipeTo(writer, { preventClose: true });
      return { draft, text: await edited.text };
    },
  });

  return createWorkflow({
    id: 'agent-research',
    description: 'Reasoning, a tool call and two agents in one step, piped into the step writer',
    inputSchema: z.object({ question: z.string().default('How much tidal power is installed?') }),
    outputSchema: z.object({ draft: z.string(), text: z.string() }),
  })
    .then(research)
    .commit();
}

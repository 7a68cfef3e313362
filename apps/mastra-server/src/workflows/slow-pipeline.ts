import { createStep, createWorkflow } from '@mastra/core/workflows';
import { z } from 'zod';
import { delay } from './delay.ts';

// Twelve sequential stages of 300-500 ms: slow enough to watch, to reconnect to, and to cancel.
const stageCount = 12;

const progressSchema = z.object({ label: z.string(), completed: z.array(z.string()) });

function stage(index: number) {
  const id = `stage-${String(index + 1).padStart(2, '0')}`;
  const ms = 300 + ((index * 73) % 201);
  return createStep({
    id,
    description: `Stage ${index + 1} of ${stageCount}`,
    inputSchema: progressSchema,
    outputSchema: progressSchema,
    execute: async ({ inputData, abortSignal }) => {
      await delay(ms, abortSignal);
      return { label: inputData.label, completed: [...inputData.completed, id] };
    },
  });
}

export function createSlowPipelineWorkflow() {
  const start = createStep({
    id: 'start-pipeline',
    description: 'Start the pipeline',
    inputSchema: z.object({ label: z.string().default('pipeline') }),
    outputSchema: progressSchema,
    execute: async ({ inputData }) => ({ label: inputData.label, completed: [] }),
  });
  // Built in a loop, so the chain is typed loosely; every stage has the same input and output.
  let workflow = createWorkflow({
    id: 'slow-pipeline',
    description: `${stageCount} sequential stages of 300-500 ms each`,
    inputSchema: z.object({ label: z.string().default('pipeline') }),
    outputSchema: progressSchema,
  }).then(start);
  for (let index = 0; index < stageCount; index++) workflow = workflow.then(stage(index));
  return workflow.commit();
}

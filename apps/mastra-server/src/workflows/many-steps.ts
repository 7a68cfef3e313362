import { createStep, createWorkflow } from '@mastra/core/workflows';
import { z } from 'zod';

// Hundreds of distinct steps in one run, for rendering and event-application performance.
export const manyStepsCount = 300;

const counterSchema = z.object({ total: z.number().int() });

function addStep(index: number) {
  return createStep({
    id: `step-${String(index + 1).padStart(3, '0')}`,
    description: `Add ${index + 1}`,
    inputSchema: counterSchema,
    outputSchema: counterSchema,
    execute: async ({ inputData }) => ({ total: inputData.total + index + 1 }),
  });
}

export function createManyStepsWorkflow() {
  let workflow = createWorkflow({
    id: 'many-steps',
    description: `${manyStepsCount} quick sequential steps`,
    inputSchema: counterSchema,
    outputSchema: counterSchema,
  });
  for (let index = 0; index < manyStepsCount; index++) workflow = workflow.then(addStep(index));
  return workflow.commit();
}

import { createStep, createWorkflow } from '@mastra/core/workflows';
import { z } from 'zod';
import { delay } from './delay.ts';

const validate = createStep({
  id: 'validate-order',
  description: 'Validate the order',
  inputSchema: z.object({ orderId: z.string().default('order-1') }),
  outputSchema: z.object({ orderId: z.string() }),
  execute: async ({ inputData, abortSignal }) => {
    await delay(100, abortSignal);
    return { orderId: inputData.orderId };
  },
});

// Throws on every attempt, so the run fails for good after its one retry.
const charge = createStep({
  id: 'charge-card',
  description: 'Charge the card',
  inputSchema: z.object({ orderId: z.string() }),
  outputSchema: z.object({ charged: z.boolean() }),
  retries: 1,
  execute: async ({ inputData, abortSignal }) => {
    await delay(100, abortSignal);
    throw new Error(`Card declined for ${inputData.orderId}`);
  },
});

const ship = createStep({
  id: 'ship-order',
  description: 'Ship the order (never reached)',
  inputSchema: z.object({ charged: z.boolean() }),
  outputSchema: z.object({ shipped: z.boolean() }),
  execute: async () => ({ shipped: true }),
});

export function createAlwaysFailsWorkflow() {
  return createWorkflow({
    id: 'always-fails',
    description: 'A step that throws every time; the run ends failed',
    inputSchema: z.object({ orderId: z.string().default('order-1') }),
    outputSchema: z.object({ shipped: z.boolean() }),
  })
    .then(validate)
    .then(charge)
    .then(ship)
    .commit();
}

import { createStep, createWorkflow } from '@mastra/core/workflows';
import { z } from 'zod';
import { delay } from './delay.ts';

// Retries happen inside Mastra's engine: the step's execute runs again after `retryConfig.delay`,
// with `retryCount` counting the attempts already made. Failing on a fixed number of attempts keeps
// the run deterministic.
const failuresBeforeSuccess = 2;

const fetchQuote = createStep({
  id: 'fetch-quote',
  description: 'Call a flaky upstream service',
  inputSchema: z.object({ symbol: z.string().default('ACME') }),
  outputSchema: z.object({ symbol: z.string(), price: z.number(), attempts: z.number().int() }),
  execute: async ({ inputData, retryCount, abortSignal }) => {
    await delay(100, abortSignal);
    if (retryCount < failuresBeforeSuccess) {
      throw new Error(`Upstream timed out (attempt ${retryCount + 1})`);
    }
    return { symbol: inputData.symbol, price: 42.5, attempts: retryCount + 1 };
  },
});

const store = createStep({
  id: 'store-quote',
  description: 'Store the quote',
  inputSchema: z.object({ symbol: z.string(), price: z.number(), attempts: z.number().int() }),
  outputSchema: z.object({ stored: z.boolean(), attempts: z.number().int() }),
  execute: async ({ inputData, abortSignal }) => {
    await delay(80, abortSignal);
    return { stored: true, attempts: inputData.attempts };
  },
});

export function createFlakyRetryWorkflow() {
  return createWorkflow({
    id: 'flaky-retry',
    description: 'A step that fails twice, is retried by Mastra and then succeeds',
    inputSchema: z.object({ symbol: z.string().default('ACME') }),
    outputSchema: z.object({ stored: z.boolean(), attempts: z.number().int() }),
    retryConfig: { attempts: failuresBeforeSuccess, delay: 100 },
  })
    .then(fetchQuote)
    .then(store)
    .commit();
}

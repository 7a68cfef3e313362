import { createStep, createWorkflow } from '@mastra/core/workflows';
import { z } from 'zod';
import { delay } from './delay.ts';

// One run that touches every construct the timeline has to render: a conditional branch, a `.map()`,
// a nested workflow, an anonymous and a named sleep, custom writer events and a foreach with
// concurrency 2.

const inputSchema = z.object({
  mode: z.enum(['fast', 'thorough']).default('thorough'),
  items: z.number().int().min(1).max(20).default(5),
});

const preparedSchema = z.object({ mode: z.enum(['fast', 'thorough']), items: z.number().int() });
const pathSchema = z.object({ path: z.string(), items: z.number().int() });
const labelSchema = z.object({ label: z.string(), items: z.number().int() });
const itemSchema = z.object({ index: z.number().int(), name: z.string() });

const prepare = createStep({
  id: 'prepare',
  description: 'Read the options',
  inputSchema,
  outputSchema: preparedSchema,
  execute: async ({ inputData, abortSignal }) => {
    await delay(100, abortSignal);
    return { mode: inputData.mode, items: inputData.items };
  },
});

const fastPath = createStep({
  id: 'fast-path',
  description: 'Take the fast path',
  inputSchema: preparedSchema,
  outputSchema: pathSchema,
  execute: async ({ inputData, abortSignal }) => {
    await delay(80, abortSignal);
    return { path: 'fast', items: inputData.items };
  },
});

const thoroughPath = createStep({
  id: 'thorough-path',
  description: 'Take the thorough path',
  inputSchema: preparedSchema,
  outputSchema: pathSchema,
  execute: async ({ inputData, abortSignal }) => {
    await delay(200, abortSignal);
    return { path: 'thorough', items: inputData.items };
  },
});

const innerFetch = createStep({
  id: 'inner-fetch',
  description: 'Fetch inside the nested workflow',
  inputSchema: labelSchema,
  outputSchema: labelSchema,
  execute: async ({ inputData, abortSignal }) => {
    await delay(120, abortSignal);
    return { label: `${inputData.label} fetched`, items: inputData.items };
  },
});

const innerCheck = createStep({
  id: 'inner-check',
  description: 'Check inside the nested workflow',
  inputSchema: labelSchema,
  outputSchema: labelSchema,
  execute: async ({ inputData, abortSignal }) => {
    await delay(120, abortSignal);
    return { label: `${inputData.label}, checked`, items: inputData.items };
  },
});

// `writer.write(x)` becomes a `workflow-step-output` event; `writer.custom({ type: 'data-*' })` is
// passed through to the stream as is.
const reportProgress = createStep({
  id: 'report-progress',
  description: 'Report custom progress',
  inputSchema: labelSchema,
  outputSchema: labelSchema,
  execute: async ({ inputData, writer, abortSignal }) => {
    for (let done = 1; done <= 3; done++) {
      await delay(80, abortSignal);
      await writer.write({ message: `warming up ${done}/3`, done, total: 3 });
      await writer.custom({ type: 'data-progress', data: { phase: 'warm-up', done, total: 3 } });
    }
    return inputData;
  },
});

const processItem = createStep({
  id: 'process-item',
  description: 'Process one item',
  inputSchema: itemSchema,
  outputSchema: z.object({ index: z.number().int(), result: z.string() }),
  execute: async ({ inputData, abortSignal }) => {
    // Uneven durations so items finish out of order within the concurrency window.
    await delay(60 + ((inputData.index * 70) % 180), abortSignal);
    return { index: inputData.index, result: `${inputData.name} done` };
  },
});

const summarize = createStep({
  id: 'summarize',
  description: 'Summarize the processed items',
  inputSchema: z.array(z.object({ index: z.number().int(), result: z.string() })),
  outputSchema: z.object({ processed: z.number().int(), results: z.array(z.string()) }),
  execute: async ({ inputData, abortSignal }) => {
    await delay(50, abortSignal);
    return { processed: inputData.length, results: inputData.map((item) => item.result) };
  },
});

export function createKitchenSinkWorkflow() {
  const nested = createWorkflow({
    id: 'kitchen-sink-inner',
    description: 'A nested workflow with two steps',
    inputSchema: labelSchema,
    outputSchema: labelSchema,
  })
    .then(innerFetch)
    .then(innerCheck)
    .commit();

  return (
    createWorkflow({
      id: 'kitchen-sink',
      description: 'Branch, map, nested workflow, sleeps, writer events and a foreach in one run',
      inputSchema,
      outputSchema: z.object({ processed: z.number().int(), results: z.array(z.string()) }),
    })
      .then(prepare)
      .branch([
        [async ({ inputData }) => inputData.mode === 'fast', fastPath],
        [async ({ inputData }) => inputData.mode === 'thorough', thoroughPath],
      ])
      // No id: Mastra names it `mapping_<workflowId>_<n>`.
      .map(async ({ inputData }) => {
        const taken = inputData['fast-path'] ?? inputData['thorough-path'];
        return { label: `${taken?.path ?? 'unknown'} path`, items: taken?.items ?? 0 };
      })
      .then(nested)
      // No id: Mastra names it `sleep_<random id>`, different on every server start.
      .sleep(150)
      .then(reportProgress)
      .sleep(100, { id: 'cool-down', description: 'Cool down before the batch' })
      .map(
        async ({ inputData }) =>
          Array.from({ length: inputData.items }, (_, index) => ({ index, name: `item-${index + 1}` })),
        { id: 'list-items', description: 'List the items to process' },
      )
      .foreach(processItem, { concurrency: 2 })
      .then(summarize)
      .commit()
  );
}

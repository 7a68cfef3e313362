// Inputs the generator's mixes do not hold, each at its extreme: a foreach that reports every item, a
// parallel block with thousands of branches running at once, an agent call with thousands of tool calls or
// text parts. Each grew with the run before it was fixed (cost per event at 40,000 events against 4,000:
// foreach 475x, parallel branches 7.7x, agent parts 3.7x); the "No row quadratic" table holds them so it
// stays fixed. Built with the same chunk builders as the tests (`mastraEvents`), in Mastra 1.71's shapes.
import { mastraEvents as m } from '@stepline/client/testing';

export type EdgeMix = 'foreach' | 'parallel' | 'agent-tools' | 'agent-parts';

const runId = 'bench-run';
const workflowId = 'bench';
const t0 = 1_800_000_000_000;

/** About `events` chunks of one edge mix, a whole run from `workflow-start` to `workflow-finish`. */
export function edgeMixChunks(mix: EdgeMix, events: number): unknown[] {
  const body = Math.max(2, events - 2);
  const chunks: unknown[] = [m.workflowStart(runId, workflowId)];
  switch (mix) {
    case 'foreach':
      chunks.push(...foreachEveryItem(body - 2));
      break;
    case 'parallel':
      chunks.push(...parallelBranches(Math.floor(body / 2)));
      break;
    case 'agent-tools':
      chunks.push(...agentStep(Math.floor((body - 2) / 2), toolCallAndResult));
      break;
    case 'agent-parts':
      chunks.push(...agentStep(Math.floor((body - 2) / 5), textPart));
      break;
  }
  chunks.push(m.workflowFinish('success', { runId, result: { done: true } }));
  return chunks;
}

/** `.foreach()` over `items` items, a progress event per item, one in twenty failed. */
function foreachEveryItem(items: number): unknown[] {
  const stepId = 'each-item';
  const chunks: unknown[] = [m.stepStart(stepId, { runId, startedAt: t0 })];
  for (let index = 0; index < items; index++) {
    chunks.push(
      m.stepProgress(stepId, {
        runId,
        completedCount: index + 1,
        totalCount: items,
        currentIndex: index,
        iterationStatus: index % 20 === 19 ? 'failed' : 'success',
        iterationOutput: { index, summary: `item ${index}` },
      }),
    );
  }
  chunks.push(m.stepResult(stepId, { runId, startedAt: t0, output: { items } }));
  return chunks;
}

/**
 * `branches` parallel branches: every one starts before any ends. Start times as a block sends them,
 * in order but a few per millisecond, every tenth a millisecond early (its event was sent late).
 */
function parallelBranches(branches: number): unknown[] {
  const startedAt = (index: number) => t0 + Math.floor(index / 4) - (index % 10 === 9 ? 1 : 0);
  const chunks: unknown[] = [];
  for (let index = 0; index < branches; index++)
    chunks.push(m.stepStart(`branch-${index}`, { runId, startedAt: startedAt(index), payload: { index } }));
  for (let index = 0; index < branches; index++)
    chunks.push(m.stepResult(`branch-${index}`, { runId, startedAt: startedAt(index), output: { index } }));
  return chunks;
}

const agentStepId = 'agent-step';
const agentRunId = 'agent-run-1';
const agent = (type: string, payload: unknown) =>
  m.stepOutput(agentStepId, { type, runId: agentRunId, from: 'AGENT', payload }, { runId });

/** A `createStep(agent)` step whose call streams `count` of `unit`. */
function agentStep(count: number, unit: (index: number) => unknown[]): unknown[] {
  const chunks: unknown[] = [m.stepStart(agentStepId, { runId, startedAt: t0 })];
  for (let index = 0; index < count; index++) chunks.push(...unit(index));
  chunks.push(m.stepResult(agentStepId, { runId, startedAt: t0, output: { text: 'done' } }));
  return chunks;
}

function toolCallAndResult(index: number): unknown[] {
  const toolCallId = `call-${index}`;
  return [
    agent('tool-call', { toolCallId, toolName: 'lookup', args: { query: `q${index}` } }),
    agent('tool-result', { toolCallId, toolName: 'lookup', result: { hits: index % 7 } }),
  ];
}

function textPart(index: number): unknown[] {
  const id = `txt-${index}`;
  return [
    agent('text-start', { id }),
    agent('text-delta', { id, text: 'A sentence ' }),
    agent('text-delta', { id, text: `number ${index} ` }),
    agent('text-delta', { id, text: 'ends here.' }),
    agent('text-end', { type: 'text-end', id }),
  ];
}

import type { WorkflowGraph, WorkflowGraphNode, WorkflowGraphStep } from '../model/workflow-graph';
import { isInternalStepId } from './internal-steps';
import { asRecord } from './wire-values';

/**
 * Reads Mastra's `stepGraph` (workflow details) or `serializedStepGraph` (a stored run) into typed graph
 * nodes: `step`, `agent`, `tool`, `classifier`, `mapping`, `sleep`, `sleepUntil`, `workflow` (with its
 * own `serializedStepFlow`, also the 0.x `step` with `component: 'WORKFLOW'`), `parallel`, `conditional`,
 * `loop` (`dowhile` / `dountil`) and `foreach`.
 *
 * Returns `undefined` when the value is not a graph at all, so a view falls back to discovering the
 * structure from the run's events. A node of a kind this version does not know is kept as a step when it
 * names one (its id is what the run will report) and dropped otherwise: the run's own steps still show,
 * as steps the plan did not name.
 *
 * @example
 * const graph = normalizeStepGraph(details.stepGraph); // [{ kind: 'step', id: 'outline', … }, { kind: 'parallel', … }]
 */
export function normalizeStepGraph(input: unknown): WorkflowGraph | undefined {
  if (!Array.isArray(input)) return undefined;
  return readNodes(input, 0);
}

// Real graphs are a few levels deep; the limit only stops a hostile or cyclic value.
const maxDepth = 32;

function readNodes(entries: readonly unknown[], depth: number): WorkflowGraphNode[] {
  const nodes: WorkflowGraphNode[] = [];
  if (depth > maxDepth) return nodes;
  for (const entry of entries) {
    const node = readNode(entry, depth);
    if (node) nodes.push(node);
  }
  return nodes;
}

function readNode(entry: unknown, depth: number): WorkflowGraphNode | undefined {
  const raw = asRecord(entry);
  if (!raw) return undefined;
  switch (raw.type) {
    case 'step':
      return readStep(asRecord(raw.step), depth);
    case 'agent':
      return leaf(raw, 'agent');
    case 'tool':
      return leaf(raw, 'tool');
    case 'classifier':
      return leaf(raw, 'step');
    case 'mapping':
      return leaf(raw, 'mapping');
    case 'sleep':
    case 'sleepUntil':
      return leaf(raw, 'sleep');
    case 'workflow':
      return workflow(raw, raw.serializedStepFlow, depth);
    case 'parallel':
    case 'conditional': {
      const branches = Array.isArray(raw.steps) ? readNodes(raw.steps, depth + 1) : [];
      return { kind: raw.type, branches };
    }
    case 'loop': {
      const body = readNode(raw.step, depth + 1);
      if (!body) return undefined;
      return { kind: 'loop', loopType: raw.loopType === 'dowhile' ? 'dowhile' : 'dountil', body };
    }
    case 'foreach': {
      const body = readNode(raw.step, depth + 1);
      if (!body) return undefined;
      const concurrency = asRecord(raw.opts)?.concurrency;
      return {
        kind: 'foreach',
        body,
        concurrency: typeof concurrency === 'number' && concurrency > 0 ? concurrency : undefined,
      };
    }
    default:
      // A kind added by a later Mastra: keep what it names, so its step is still in the plan.
      return typeof raw.id === 'string' && raw.id !== '' ? leaf(raw, 'step') : undefined;
  }
}

function readStep(step: Record<string, unknown> | undefined, depth: number): WorkflowGraphStep | undefined {
  if (!step || typeof step.id !== 'string' || step.id === '') return undefined;
  // Older servers (and 1.x's `SerializedStep`) inline a nested workflow as a step with its flow.
  if (step.component === 'WORKFLOW' || Array.isArray(step.serializedStepFlow)) {
    return workflow(step, step.serializedStepFlow, depth);
  }
  return leaf(step, 'step');
}

function workflow(raw: Record<string, unknown>, flow: unknown, depth: number): WorkflowGraphStep | undefined {
  const node = leaf(raw, 'workflow');
  if (!node) return undefined;
  return { ...node, children: Array.isArray(flow) ? readNodes(flow, depth + 1) : undefined };
}

function leaf(raw: Record<string, unknown>, role: WorkflowGraphStep['role']): WorkflowGraphStep | undefined {
  if (typeof raw.id !== 'string' || raw.id === '') return undefined;
  const description =
    typeof raw.description === 'string' && raw.description !== '' ? raw.description : undefined;
  return {
    kind: 'step',
    id: raw.id,
    description,
    role,
    canSuspend: raw.canSuspend === true,
    hidden: isInternalStepId(raw.id),
    children: undefined,
  };
}

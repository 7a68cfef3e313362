import type { JsonSchema } from '@stepline/client';

/** The example server's workflows the demo offers first, in this order; any other the server has follows. */
export const featuredWorkflows = [
  'content-brief',
  'parallel-approvals',
  'nested-approval',
  'kitchen-sink',
  'slow-pipeline',
  'many-steps',
  'flaky-retry',
  'always-fails',
  'agent-story',
  'agent-research',
  'agent-loop',
] as const;

/** A first value for each start form, so one click shows something; the schema fills in the rest. */
export const sampleInputs: Readonly<Record<string, unknown>> = {
  'content-brief': { topic: 'Solar microgrids', audience: 'city planners' },
  'parallel-approvals': { contract: 'MSA-2041', amount: 48000 },
  'nested-approval': { employee: 'Ada', amount: 1250 },
};

/**
 * Every workflow the server has (`GET /api/workflows`, keyed by id): the featured ones first, then the
 * rest by name. A workflow added to the server can be started from the demo without a change here. The
 * one request of the demo that goes to Mastra's own API: the Stepline route serves runs, not a catalogue
 * of workflows (and an app knows its own).
 */
export async function fetchWorkflowIds(signal?: AbortSignal): Promise<string[]> {
  const response = await fetch('/api/workflows', { signal });
  if (!response.ok) throw new Error(`GET /api/workflows answered ${response.status}`);
  const ids = Object.keys((await response.json()) as Record<string, unknown>);
  const rank = (id: string) => {
    const index = (featuredWorkflows as readonly string[]).indexOf(id);
    return index === -1 ? featuredWorkflows.length : index;
  };
  return ids.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/**
 * The workflow's input schema from the route's `GET /stepline/workflows/:id` (Mastra's details as they are:
 * `inputSchema` is a string holding `{"json": <JSON Schema>}`); `undefined` when the server gives none (the
 * form then takes JSON).
 */
export async function fetchInputSchema(
  workflowId: string,
  signal?: AbortSignal,
): Promise<JsonSchema | undefined> {
  const response = await fetch(`/stepline/workflows/${encodeURIComponent(workflowId)}`, { signal });
  if (!response.ok) throw new Error(`GET /stepline/workflows/${workflowId} answered ${response.status}`);
  const body = (await response.json()) as { inputSchema?: unknown };
  const raw = typeof body.inputSchema === 'string' ? JSON.parse(body.inputSchema) : body.inputSchema;
  const schema = raw && typeof raw === 'object' && 'json' in raw ? (raw as { json: unknown }).json : raw;
  return schema && typeof schema === 'object' ? (schema as JsonSchema) : undefined;
}

import type { JsonSchema } from '@stepline/client';

/** The example server's workflows, in the order the demo offers them. */
export const demoWorkflows = [
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
 * The workflow's input schema from `GET /api/workflows/:id` (`inputSchema` is a string holding
 * `{"json": <JSON Schema>}`); `undefined` when the server gives none (the form then takes JSON).
 */
export async function fetchInputSchema(
  workflowId: string,
  signal?: AbortSignal,
): Promise<JsonSchema | undefined> {
  const response = await fetch(`/api/workflows/${encodeURIComponent(workflowId)}`, { signal });
  if (!response.ok) throw new Error(`GET /api/workflows/${workflowId} answered ${response.status}`);
  const body = (await response.json()) as { inputSchema?: unknown };
  const raw = typeof body.inputSchema === 'string' ? JSON.parse(body.inputSchema) : body.inputSchema;
  const schema = raw && typeof raw === 'object' && 'json' in raw ? (raw as { json: unknown }).json : raw;
  return schema && typeof schema === 'object' ? (schema as JsonSchema) : undefined;
}

/**
 * The body of `GET /workflows/:id` as Mastra 1.x serves it: each step with its zod schemas converted to
 * JSON Schema and wrapped as a string holding `{"json": <schema>}`, nested steps also under `allSteps` as
 * `outer.inner`, and the step graph.
 */

export interface MockStepDetails {
  readonly description?: string;
  /** JSON Schemas, given as objects; they are wrapped and stringified the way Mastra sends them. */
  readonly inputSchema?: Readonly<Record<string, unknown>>;
  readonly outputSchema?: Readonly<Record<string, unknown>>;
  readonly suspendSchema?: Readonly<Record<string, unknown>>;
  readonly resumeSchema?: Readonly<Record<string, unknown>>;
}

export interface MockWorkflowDetailsOptions {
  readonly description?: string;
  /** Every step by id, nested ones as `outer.inner`, in execution order. */
  readonly steps?: Readonly<Record<string, MockStepDetails>>;
  readonly inputSchema?: Readonly<Record<string, unknown>>;
  readonly outputSchema?: Readonly<Record<string, unknown>>;
  /** `stepGraph`; default: the top-level steps one after the other. */
  readonly stepGraph?: readonly unknown[];
}

const schemaKeys = ['inputSchema', 'outputSchema', 'suspendSchema', 'resumeSchema'] as const;

function wrapSchema(schema: Readonly<Record<string, unknown>>): string {
  return JSON.stringify({ json: { $schema: 'http://json-schema.org/draft-07/schema#', ...schema } });
}

/**
 * Builds a `GET /workflows/:id` body, e.g. to give a resume form its step's `resumeSchema`.
 * @example
 * const details = mastraWorkflowDetails('approval', {
 *   steps: {
 *     review: {
 *       description: 'An editor reviews the draft',
 *       resumeSchema: { type: 'object', properties: { approved: { type: 'boolean' } }, required: ['approved'] },
 *     },
 *   },
 * });
 * const fetch = createMockMastraFetch({ runs, workflows: { approval: details } });
 */
export function mastraWorkflowDetails(
  workflowId: string,
  options: MockWorkflowDetailsOptions = {},
): Record<string, unknown> {
  const allSteps: Record<string, Record<string, unknown>> = {};
  for (const [id, step] of Object.entries(options.steps ?? {})) {
    const entry: Record<string, unknown> = { id };
    if (step.description !== undefined) entry.description = step.description;
    for (const key of schemaKeys) {
      const schema = step[key];
      if (schema) entry[key] = wrapSchema(schema);
    }
    allSteps[id] = entry;
  }
  const steps = Object.fromEntries(Object.entries(allSteps).filter(([id]) => !id.includes('.')));
  const details: Record<string, unknown> = { name: workflowId };
  if (options.description !== undefined) details.description = options.description;
  details.origin = 'code';
  details.steps = steps;
  details.allSteps = allSteps;
  details.stepGraph =
    options.stepGraph ??
    Object.keys(steps).map((id) => ({
      type: 'step',
      step: {
        id,
        ...(options.steps?.[id]?.description === undefined
          ? {}
          : { description: options.steps[id]!.description }),
        canSuspend: options.steps?.[id]?.resumeSchema !== undefined,
      },
    }));
  if (options.inputSchema) details.inputSchema = wrapSchema(options.inputSchema);
  if (options.outputSchema) details.outputSchema = wrapSchema(options.outputSchema);
  details.options = { validateInputs: true, emitStepEvents: true };
  details.isProcessorWorkflow = false;
  return details;
}

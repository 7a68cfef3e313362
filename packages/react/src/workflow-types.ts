import type { ResumeInput, RunState, StepMap, StepState } from '@stepline/client';

/**
 * What a workflow's steps take and give, for typed hooks. Write it by hand, or infer it from the zod
 * schemas the workflow already has with `InferWorkflowTypes`.
 */
export interface StepTypes {
  readonly input?: unknown;
  readonly output?: unknown;
  readonly suspend?: unknown;
  readonly resume?: unknown;
}

export interface WorkflowTypes {
  readonly steps: { readonly [stepId: string]: StepTypes };
  readonly result?: unknown;
}

/** Untyped: every payload is `unknown`. The default of every hook. */
export interface AnyWorkflowTypes extends WorkflowTypes {
  readonly steps: { readonly [stepId: string]: StepTypes };
}

type Field<S extends StepTypes, K extends keyof StepTypes> = K extends keyof S ? S[K] : unknown;

/** A step whose payloads carry the workflow's types. */
export type TypedStepState<S extends StepTypes> = Omit<
  StepState,
  'input' | 'output' | 'suspendPayload' | 'resumePayload'
> & {
  readonly input: Field<S, 'input'> | undefined;
  readonly output: Field<S, 'output'> | undefined;
  readonly suspendPayload: Field<S, 'suspend'> | undefined;
  readonly resumePayload: Field<S, 'resume'> | undefined;
};

/** The run's step map, whose `get` types each known step. Unknown ids (nested, internal) give `StepState`. */
export type TypedStepMap<W extends WorkflowTypes> = Omit<StepMap, 'get'> & {
  get<K extends keyof W['steps'] & string>(id: K): TypedStepState<W['steps'][K]> | undefined;
  get(id: string): StepState | undefined;
};

/** The run, with each known step typed. Unknown step ids (nested, internal) stay plain `StepState`s. */
export type TypedRunState<W extends WorkflowTypes> = Omit<RunState, 'steps' | 'result'> & {
  readonly steps: TypedStepMap<W>;
  readonly result: (W extends { result: infer R } ? R : unknown) | undefined;
};

/** `resume()` input: the step id picks the type of its resume data. */
export type TypedResumeInput<W extends WorkflowTypes> = string extends keyof W['steps']
  ? ResumeInput
  : {
      [K in keyof W['steps'] & string]: Omit<ResumeInput, 'step' | 'resumeData'> & {
        readonly step: K;
        readonly resumeData: Field<W['steps'][K], 'resume'>;
      };
    }[keyof W['steps'] & string];

/** The output type of a Standard Schema (zod 3.24+, zod 4, valibot, arktype). */
type InferSchema<S> = S extends { readonly '~standard': { readonly types?: infer T } }
  ? NonNullable<T> extends { readonly output: infer O }
    ? O
    : unknown
  : unknown;

interface StepSchemas {
  readonly inputSchema?: unknown;
  readonly outputSchema?: unknown;
  readonly suspendSchema?: unknown;
  readonly resumeSchema?: unknown;
}

/**
 * Workflow types from the schemas the workflow's steps were built with — the same objects passed to
 * Mastra's `createStep`. Only types are read; nothing is imported at run time.
 *
 * @example
 * type ContentBrief = InferWorkflowTypes<{
 *   steps: { 'editorial-round.review': { suspendSchema: typeof reviewRequest; resumeSchema: typeof decision } };
 *   resultSchema: typeof published;
 * }>;
 * const { run, resume } = useWorkflowRun<ContentBrief>({ workflowId: 'content-brief', runId });
 * resume({ step: 'editorial-round.review', resumeData: { decision: 'approve' } }); // checked by TypeScript
 */
export type InferWorkflowTypes<
  T extends { readonly steps: Record<string, StepSchemas>; readonly resultSchema?: unknown },
> = {
  readonly steps: {
    readonly [K in keyof T['steps']]: {
      readonly input: InferSchema<T['steps'][K]['inputSchema']>;
      readonly output: InferSchema<T['steps'][K]['outputSchema']>;
      readonly suspend: InferSchema<T['steps'][K]['suspendSchema']>;
      readonly resume: InferSchema<T['steps'][K]['resumeSchema']>;
    };
  };
  readonly result: InferSchema<T['resultSchema']>;
};

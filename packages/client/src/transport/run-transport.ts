import type { JsonSchema } from '../model/json-schema-validate';
import type { RunSnapshot } from '../model/run-event';
import type { WorkflowGraph } from '../model/workflow-graph';
import type { SteplineError } from '../util/stepline-error';
import type { RunsAcrossWorkflows, RunsAcrossWorkflowsQuery } from './runs-across-workflows-list';

export type { JsonSchema } from '../model/json-schema-validate';

import type { ChunkHandlers } from '../wire/chunk-handlers';

export type { ChunkHandlers } from '../wire/chunk-handlers';

/**
 * How Stepline talks to a server. The run controller only uses this interface, so a Mastra server, an
 * app's own SSE route or a `MastraClient` are interchangeable, and transports can be mixed:
 * `{ ...createMastraHttpTransport(options), ...createSseTransport(sseOptions) }` reads the live stream
 * from the app's relay and does everything else against Mastra.
 */
export interface RunReference {
  readonly workflowId: string;
  readonly runId: string;
}

export interface StartRunInput {
  readonly inputData: unknown;
  readonly initialState?: unknown;
  readonly requestContext?: Record<string, unknown>;
  readonly resourceId?: string;
  /** Ask Mastra to end the stream when the run suspends (default: it does). */
  readonly closeOnSuspend?: boolean;
}

export interface ResumeInput {
  /** The suspended step: its id, `outer.inner` for a nested one, or the path as an array. */
  readonly step?: string | readonly string[];
  readonly resumeData: unknown;
  readonly requestContext?: Record<string, unknown>;
  readonly forEachIndex?: number;
}

export interface ListRunsQuery {
  readonly page?: number;
  readonly perPage?: number;
  readonly status?: string;
  readonly resourceId?: string;
}

/** A page of runs. */
export interface RunsList {
  readonly runs: RunSnapshot[];
  readonly total: number;
  /** Entries that could not be read (each error says why); left out so they do not hide the others. */
  readonly skipped?: readonly SteplineError[];
}

export interface StreamOptions {
  readonly signal?: AbortSignal;
  /** For transports with event ids (SSE): continue after this id. */
  readonly lastEventId?: string;
}

/** A step as the workflow describes it, with its JSON Schemas parsed. */
export interface WorkflowStepDetails {
  readonly id: string;
  readonly description: string | undefined;
  readonly inputSchema: JsonSchema | undefined;
  readonly outputSchema: JsonSchema | undefined;
  readonly suspendSchema: JsonSchema | undefined;
  readonly resumeSchema: JsonSchema | undefined;
}

export interface WorkflowDetails {
  readonly id: string;
  readonly name: string | undefined;
  readonly description: string | undefined;
  /** Every step, nested ones as `outer.inner`. */
  readonly steps: Readonly<Record<string, WorkflowStepDetails>>;
  /** Mastra's `stepGraph` as it came. */
  readonly stepGraph: unknown;
  /** The step graph, read: the plan a timeline draws the run on. `undefined` when the server sent none. */
  readonly graph?: WorkflowGraph | undefined;
}

/** A JSON Schema object as Mastra serializes a step's zod schema. */

export interface RunTransport {
  createRun(
    workflowId: string,
    options?: { readonly runId?: string; readonly resourceId?: string; readonly signal?: AbortSignal },
  ): Promise<{ runId: string }>;
  /** Starts the run and reads its stream until the server ends it (suspend, finish, failure). */
  streamRun(
    run: RunReference,
    input: StartRunInput,
    handlers: ChunkHandlers,
    options?: StreamOptions,
  ): Promise<void>;
  /** Attaches to a run's live stream. May replay history: the reducer is idempotent. */
  observeRun(run: RunReference, handlers: ChunkHandlers, options?: StreamOptions): Promise<void>;
  resumeRun(
    run: RunReference,
    input: ResumeInput,
    handlers: ChunkHandlers,
    options?: StreamOptions,
  ): Promise<void>;
  cancelRun(run: RunReference, options?: { readonly signal?: AbortSignal }): Promise<void>;
  /**
   * Asks the server to go on with a run whose process died, from its last stored state (Mastra 1.x
   * `POST /workflows/:id/restart`). Resolves once the server accepted; the run then goes on in the
   * background (Mastra 1.71 keeps it out of `observe`: only the stored run shows it). Optional: a
   * transport that only reads a relay (SSE) has no way to do it.
   */
  restartRun?(run: RunReference, options?: { readonly signal?: AbortSignal }): Promise<void>;
  getRun(run: RunReference, options?: { readonly signal?: AbortSignal }): Promise<RunSnapshot>;
  listRuns(
    workflowId: string,
    query?: ListRunsQuery,
    options?: { readonly signal?: AbortSignal },
  ): Promise<RunsList>;
  /**
   * The runs of several workflows in one request, needs a decision first, then the newest. Only the
   * route transport has it: the Stepline route fans out to Mastra's per-workflow lists on the server.
   */
  listRunsAcrossWorkflows?(
    query?: RunsAcrossWorkflowsQuery,
    options?: { readonly signal?: AbortSignal },
  ): Promise<RunsAcrossWorkflows>;
  getWorkflow(workflowId: string, options?: { readonly signal?: AbortSignal }): Promise<WorkflowDetails>;
  /**
   * How long the server asked clients to wait before reconnecting to this run, in milliseconds (an SSE
   * `retry:` field), if it said. The controller waits at least that long after a drop.
   */
  retryHintOf?(run: RunReference): number | undefined;
}

/** Headers as a value, or a function called before every request (to refresh a token). */
export type HeadersInput =
  | Record<string, string>
  | ((context: {
      readonly attempt: number;
      readonly url: string;
    }) => Record<string, string> | Promise<Record<string, string>>);

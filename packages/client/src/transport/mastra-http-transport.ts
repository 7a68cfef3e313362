import type { RunSnapshot } from '../model/run-event';
import { SteplineError } from '../util/stepline-error';
import { normalizeSnapshot } from '../wire/normalize-snapshot';
import { normalizeStepGraph } from '../wire/normalize-step-graph';
import { readChunks } from '../wire/read-chunks';
import { omitUndefined } from '../wire/wire-values';
import { type HttpClientOptions, type HttpRequest, sendHttpRequest } from './http-request';
import { withDeadline } from './read-deadline';
import type {
  ChunkHandlers,
  JsonSchema,
  RunReference,
  RunsList,
  RunTransport,
  StreamOptions,
  WorkflowDetails,
  WorkflowStepDetails,
} from './run-transport';

export interface MastraHttpTransportOptions extends HttpClientOptions {
  /**
   * The longest a request that is not a stream may take, from sending it to the last byte of the answer
   * (reads of a run, of the runs list and of a workflow; create, cancel, restart). Past it the request is
   * aborted and rejects with a `network` error, so a stalled proxy cannot leave a view loading for ever.
   * Default 15 000; 0 turns it off. Streams are not bounded here: the controller watches them.
   */
  readonly timeoutMs?: number;
}

const defaultTimeoutMs = 15_000;

/**
 * The default transport: plain `fetch` against a Mastra 1.x server's `/api/workflows/...` routes, with
 * its `\x1E`-framed streams. No dependency on `@mastra/client-js`.
 *
 * @example
 * const transport = createMastraHttpTransport({
 *   baseUrl: 'http://localhost:4111',
 *   headers: async () => ({ Authorization: `Bearer ${await getToken()}` }),
 * });
 * const snapshot = await transport.getRun({ workflowId: 'content-brief', runId });
 */
export function createMastraHttpTransport(options: MastraHttpTransportOptions): RunTransport {
  const send = (request: HttpRequest) => sendHttpRequest(options, request);
  /** One request and the reading of its answer, within `timeoutMs`. */
  const bounded = <T>(request: HttpRequest, read: (response: Response) => Promise<T>): Promise<T> =>
    withDeadline(
      options.timeoutMs ?? defaultTimeoutMs,
      `${request.method} ${request.path}`,
      request.signal,
      async (signal) => read(await send({ ...request, signal })),
      request.runId === undefined ? {} : { runId: request.runId },
    );
  const workflowPath = (workflowId: string) => `/workflows/${encodeURIComponent(workflowId)}`;

  async function stream(
    request: HttpRequest,
    handlers: ChunkHandlers,
    streamOptions: StreamOptions | undefined,
  ) {
    // The signal is on the request as it was made (no copy of the request per stream opened).
    const signal = streamOptions?.signal;
    const response = await send(request);
    handlers.onOpen?.();
    await readChunks(response, handlers, { signal, maxRecordLength: options.maxRecordLength });
  }

  return {
    async createRun(workflowId, createOptions = {}) {
      const body = await bounded(
        {
          method: 'POST',
          path: `${workflowPath(workflowId)}/create-run`,
          query: { runId: createOptions.runId },
          body: createOptions.resourceId === undefined ? {} : { resourceId: createOptions.resourceId },
          ...(createOptions.signal ? { signal: createOptions.signal } : {}),
        },
        (response) => response.json() as Promise<{ runId?: unknown }>,
      );
      if (typeof body.runId !== 'string') {
        throw new SteplineError('http', `POST create-run for ${workflowId} answered without a runId.`);
      }
      return { runId: body.runId };
    },

    streamRun(run, input, handlers, streamOptions) {
      return stream(
        {
          method: 'POST',
          path: `${workflowPath(run.workflowId)}/stream`,
          query: { runId: run.runId },
          body: omitUndefined({
            inputData: input.inputData,
            initialState: input.initialState,
            requestContext: input.requestContext,
            resourceId: input.resourceId,
            closeOnSuspend: input.closeOnSuspend,
          }),
          runId: run.runId,
          signal: streamOptions?.signal,
        },
        handlers,
        streamOptions,
      );
    },

    observeRun(run, handlers, streamOptions) {
      return stream(
        {
          method: 'POST',
          path: `${workflowPath(run.workflowId)}/observe`,
          query: { runId: run.runId },
          body: {},
          runId: run.runId,
          signal: streamOptions?.signal,
        },
        handlers,
        streamOptions,
      );
    },

    resumeRun(run, input, handlers, streamOptions) {
      const step = Array.isArray(input.step) ? [...input.step] : input.step;
      return stream(
        {
          method: 'POST',
          path: `${workflowPath(run.workflowId)}/resume-stream`,
          query: { runId: run.runId },
          body: omitUndefined({
            step,
            resumeData: input.resumeData,
            requestContext: input.requestContext,
            forEachIndex: input.forEachIndex,
          }),
          runId: run.runId,
          ...(typeof step === 'string'
            ? { stepId: step }
            : Array.isArray(step)
              ? { stepId: step.join('.') }
              : {}),
          signal: streamOptions?.signal,
        },
        handlers,
        streamOptions,
      );
    },

    async cancelRun(run, cancelOptions = {}) {
      await bounded(
        {
          method: 'POST',
          path: `${workflowPath(run.workflowId)}/runs/${encodeURIComponent(run.runId)}/cancel`,
          body: {},
          runId: run.runId,
          ...(cancelOptions.signal ? { signal: cancelOptions.signal } : {}),
        },
        async (response) => response.body?.cancel().catch(() => {}),
      );
    },

    async restartRun(run, restartOptions = {}) {
      await bounded(
        {
          method: 'POST',
          path: `${workflowPath(run.workflowId)}/restart`,
          query: { runId: run.runId },
          body: {},
          runId: run.runId,
          ...(restartOptions.signal ? { signal: restartOptions.signal } : {}),
        },
        async (response) => response.body?.cancel().catch(() => {}),
      );
    },

    async getRun(run, getOptions = {}) {
      const body = await bounded(
        {
          method: 'GET',
          path: `${workflowPath(run.workflowId)}/runs/${encodeURIComponent(run.runId)}`,
          runId: run.runId,
          ...(getOptions.signal ? { signal: getOptions.signal } : {}),
        },
        (response) => response.json(),
      );
      return readSnapshot(body, run);
    },

    async listRuns(workflowId, query = {}, listOptions = {}) {
      const body = await bounded(
        {
          method: 'GET',
          path: `${workflowPath(workflowId)}/runs`,
          query: {
            page: query.page,
            perPage: query.perPage,
            status: query.status,
            resourceId: query.resourceId,
          },
          ...(listOptions.signal ? { signal: listOptions.signal } : {}),
        },
        (response) => response.json(),
      );
      return readRunsList(workflowId, body);
    },

    async getWorkflow(workflowId, getOptions = {}) {
      const body = await bounded(
        {
          method: 'GET',
          path: workflowPath(workflowId),
          ...(getOptions.signal ? { signal: getOptions.signal } : {}),
        },
        (response) => response.json(),
      );
      return readWorkflowDetails(workflowId, body);
    },
  };
}

/**
 * The body of `GET /workflows/:id/runs`. One unreadable run does not hide the others: it is left out and
 * reported in `skipped`, with why.
 */
export function readRunsList(workflowId: string, body: unknown): RunsList {
  const record = (body ?? {}) as { runs?: unknown; total?: unknown };
  const runs: RunSnapshot[] = [];
  const skipped: SteplineError[] = [];
  for (const entry of Array.isArray(record.runs) ? record.runs : []) {
    const snapshot = normalizeSnapshot(entry);
    if (snapshot.ok) runs.push({ ...snapshot.value, workflowId: snapshot.value.workflowId ?? workflowId });
    else skipped.push(snapshot.error);
  }
  return {
    runs,
    total: typeof record.total === 'number' ? record.total : runs.length,
    ...(skipped.length > 0 ? { skipped } : {}),
  };
}

function readSnapshot(body: unknown, run: RunReference): RunSnapshot {
  const snapshot = normalizeSnapshot(body);
  if (!snapshot.ok) throw snapshot.error;
  return {
    ...snapshot.value,
    runId: snapshot.value.runId ?? run.runId,
    workflowId: snapshot.value.workflowId ?? run.workflowId,
  };
}

/**
 * `GET /workflows/:id` lists steps (nested ones in `allSteps` as `outer.inner`) with their schemas as
 * strings holding `{"json": <JSON Schema>}`.
 */
export function readWorkflowDetails(workflowId: string, body: unknown): WorkflowDetails {
  const record = (body ?? {}) as Record<string, unknown>;
  const rawSteps = (record.allSteps ?? record.steps ?? {}) as Record<string, Record<string, unknown>>;
  const steps: Record<string, WorkflowStepDetails> = {};
  for (const [id, step] of Object.entries(rawSteps)) {
    steps[id] = {
      id,
      description: typeof step.description === 'string' ? step.description : undefined,
      inputSchema: readSchema(step.inputSchema),
      outputSchema: readSchema(step.outputSchema),
      suspendSchema: readSchema(step.suspendSchema),
      resumeSchema: readSchema(step.resumeSchema),
    };
  }
  return {
    id: workflowId,
    name: typeof record.name === 'string' ? record.name : undefined,
    description: typeof record.description === 'string' ? record.description : undefined,
    steps,
    stepGraph: record.stepGraph,
    graph: normalizeStepGraph(record.stepGraph),
  };
}

function readSchema(value: unknown): JsonSchema | undefined {
  let parsed = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const wrapped = (parsed as Record<string, unknown>).json;
  const schema = typeof wrapped === 'object' && wrapped !== null ? wrapped : parsed;
  return schema as JsonSchema;
}

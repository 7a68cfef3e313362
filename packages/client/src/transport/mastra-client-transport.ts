import { SteplineError } from '../util/stepline-error';
import { normalizeSnapshot } from '../wire/normalize-snapshot';
import { readChunks } from '../wire/read-chunks';
import { omitUndefined } from '../wire/wire-values';
import { collectSecrets, collectUrlSecrets, safeMessage } from './error-body';
import { errorCodeOfStatus } from './http-error';
import { readRunsList, readWorkflowDetails } from './mastra-http-transport';
import { withDeadline } from './read-deadline';
import type { ChunkHandlers, RunReference, RunTransport } from './run-transport';

/**
 * The part of `@mastra/client-js`'s `MastraClient` Stepline uses, described by shape so that this package
 * does not import client-js: it stays an optional peer, out of the bundle of anyone who does not use it.
 */
export interface MastraClientLike {
  getWorkflow(workflowId: string): MastraWorkflowLike;
}

export interface MastraWorkflowLike {
  details(): Promise<unknown>;
  runs(params?: { page?: number; perPage?: number; status?: string; resourceId?: string }): Promise<unknown>;
  runById(runId: string): Promise<unknown>;
  createRun(params?: { runId?: string; resourceId?: string }): Promise<MastraRunLike>;
}

export interface MastraRunLike {
  readonly runId: string;
  stream(params: Record<string, unknown>): Promise<ReadableStream<unknown>>;
  observeStream(): Promise<ReadableStream<unknown>>;
  resumeStream(params: Record<string, unknown>): Promise<ReadableStream<unknown>>;
  cancel(): Promise<unknown>;
  /** Present in client-js 1.x: `POST /workflows/:id/restart?runId=…`. */
  restart?(params: Record<string, unknown>): Promise<unknown>;
}

export interface MastraClientTransportOptions {
  /**
   * The longest a read (a run, the runs list, a workflow's details), a cancel or a restart may take before
   * it rejects with a `network` error. client-js takes no abort signal, so its request is left to finish
   * in the background. Default 15 000; 0 turns it off.
   */
  readonly timeoutMs?: number;
  /**
   * Stream records longer than this (in characters) are reported (`parse`) and skipped, when the client
   * hands over raw bytes rather than parsed records. Default: 64 Mi characters.
   */
  readonly maxRecordLength?: number;
}

/**
 * Wraps a `MastraClient` the app already has (with its base URL, headers and retries) as a Stepline
 * transport, so the run view behaves exactly as with the default HTTP transport.
 *
 * @example
 * import { MastraClient } from '@mastra/client-js';
 * const transport = createMastraClientTransport(new MastraClient({ baseUrl: 'http://localhost:4111' }));
 * const controller = createRunController({ transport, workflowId: 'content-brief', runId });
 */
export function createMastraClientTransport(
  client: MastraClientLike,
  transportOptions: MastraClientTransportOptions = {},
): RunTransport {
  const read = (body: ReadableStream<unknown>, handlers: ChunkHandlers, signal: AbortSignal | undefined) =>
    readChunkStream(body, handlers, {
      ...(signal ? { signal } : {}),
      ...(transportOptions.maxRecordLength === undefined
        ? {}
        : { maxRecordLength: transportOptions.maxRecordLength }),
    });
  // What the client sends that an error must not repeat: its static headers and its base URL's secrets.
  const secrets = clientSecrets(client);
  const call = <T>(run: RunReference | undefined, fn: () => Promise<T>) => callClient(run, fn, secrets);
  // client-js reaches a run only through `createRun({ runId })`, which Mastra answers idempotently.
  const runOf = (run: RunReference) =>
    call(run, () => client.getWorkflow(run.workflowId).createRun({ runId: run.runId }));
  const timeoutMs = transportOptions.timeoutMs ?? 15_000;
  const bounded = <T>(what: string, run: RunReference | undefined, read: () => Promise<T>) =>
    withDeadline(timeoutMs, `MastraClient ${what}`, undefined, read, run ? { runId: run.runId } : {});

  return {
    async createRun(workflowId, options = {}) {
      const run = await call(undefined, () =>
        client.getWorkflow(workflowId).createRun({
          ...(options.runId ? { runId: options.runId } : {}),
          ...(options.resourceId ? { resourceId: options.resourceId } : {}),
        }),
      );
      return { runId: run.runId };
    },

    async streamRun(run, input, handlers, options) {
      const handle = await runOf(run);
      const body = await call(run, () => handle.stream(omitUndefined({ ...input })));
      await read(body, handlers, options?.signal);
    },

    async observeRun(run, handlers, options) {
      const handle = await runOf(run);
      const body = await call(run, () => handle.observeStream());
      await read(body, handlers, options?.signal);
    },

    async resumeRun(run, input, handlers, options) {
      const handle = await runOf(run);
      const step = Array.isArray(input.step) ? [...input.step] : input.step;
      const body = await call(run, () =>
        handle.resumeStream(
          omitUndefined({
            step,
            resumeData: input.resumeData,
            requestContext: input.requestContext,
            forEachIndex: input.forEachIndex,
          }),
        ),
      );
      await read(body, handlers, options?.signal);
    },

    async cancelRun(run) {
      await bounded('cancel', run, async () => {
        const handle = await runOf(run);
        await call(run, () => handle.cancel());
      });
    },

    async restartRun(run) {
      await bounded('restart', run, async () => {
        const handle = await runOf(run);
        const restart = handle.restart;
        if (typeof restart !== 'function') {
          throw new SteplineError(
            'conflict',
            'This MastraClient has no run.restart(); use @mastra/client-js 1.x to restart runs.',
            { runId: run.runId },
          );
        }
        await call(run, () => restart.call(handle, {}));
      });
    },

    async getRun(run) {
      const body = await bounded('runById', run, () =>
        call(run, () => client.getWorkflow(run.workflowId).runById(run.runId)),
      );
      const snapshot = normalizeSnapshot(body);
      if (!snapshot.ok) throw snapshot.error;
      return {
        ...snapshot.value,
        runId: snapshot.value.runId ?? run.runId,
        workflowId: snapshot.value.workflowId ?? run.workflowId,
      };
    },

    async listRuns(workflowId, query = {}) {
      const body = await bounded('runs', undefined, () =>
        call(undefined, () => client.getWorkflow(workflowId).runs(omitUndefined({ ...query }))),
      );
      return readRunsList(workflowId, body);
    },

    async getWorkflow(workflowId) {
      return readWorkflowDetails(
        workflowId,
        await bounded('details', undefined, () =>
          call(undefined, () => client.getWorkflow(workflowId).details()),
        ),
      );
    },
  };
}

/** client-js streams already-parsed records (each read is one chunk), through the transports' one reader. */
async function readChunkStream(
  body: ReadableStream<unknown>,
  handlers: ChunkHandlers,
  options: { readonly signal?: AbortSignal; readonly maxRecordLength?: number },
): Promise<void> {
  handlers.onOpen?.();
  await readChunks(body, handlers, options);
}

/** client-js keeps its options (`baseUrl`, `headers`) on the client; read by shape, if there. */
function clientSecrets(client: MastraClientLike): Set<string> {
  const secrets = new Set<string>();
  const options = (client as { options?: { headers?: unknown; baseUrl?: unknown } }).options;
  const headers = options?.headers;
  if (typeof headers === 'object' && headers !== null) {
    const values: Record<string, string> = {};
    for (const [name, value] of Object.entries(headers)) if (typeof value === 'string') values[name] = value;
    collectSecrets(values, secrets);
  }
  if (typeof options?.baseUrl === 'string') collectUrlSecrets(options.baseUrl, secrets);
  return secrets;
}

/** Maps client-js failures (`MastraClientError` has a `status`) onto Stepline's error codes. */
async function callClient<T>(
  run: RunReference | undefined,
  fn: () => Promise<T>,
  secrets: ReadonlySet<string> = new Set(),
): Promise<T> {
  try {
    return await fn();
  } catch (cause) {
    if (SteplineError.isInstance(cause)) throw cause;
    const status =
      typeof (cause as { status?: unknown })?.status === 'number'
        ? (cause as { status: number }).status
        : undefined;
    // client-js puts the whole response body in its message (5 MB became a 5 MB message) and may echo
    // the headers it sent: bounded, and the client's header values blanked out.
    const message = safeMessage((cause as Error)?.message ?? String(cause), secrets);
    const code = status === undefined ? 'network' : errorCodeOfStatus(status);
    throw new SteplineError(code, `MastraClient: ${message}`, {
      cause,
      ...(status === undefined ? {} : { status }),
      ...(run ? { runId: run.runId } : {}),
    });
  }
}

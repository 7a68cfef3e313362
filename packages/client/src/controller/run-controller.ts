import { validateJsonSchema } from '../model/json-schema-validate';
import type { RunFinishEvent, UnknownRunEvent } from '../model/run-event';
import { isTerminalRunStatus, type RunState } from '../model/run-state';
import { RunStore } from '../model/run-store';
import type {
  ChunkHandlers,
  ResumeInput,
  RunReference,
  RunTransport,
  StartRunInput,
  WorkflowDetails,
} from '../transport/run-transport';
import { SteplineError } from '../util/stepline-error';
import { type ChunksToEventsHandlers, chunksToEvents } from '../wire/chunks-to-events';
import { ConnectionStore } from './connection-state';

export interface ReconnectOptions {
  /** First delay after a drop. Default 250 ms. */
  readonly initialDelayMs?: number;
  /** Upper bound of the delay. Default 10 s. */
  readonly maxDelayMs?: number;
  /** Growth per attempt. Default 2. */
  readonly factor?: number;
  /** ± share of the delay chosen at random, so many clients do not reconnect in step. Default 0.3. */
  readonly jitter?: number;
  /** After this many failed attempts in a row the connection reads `offline`. Default 4. */
  readonly offlineAfterAttempts?: number;
}

export interface RunControllerOptions {
  readonly transport: RunTransport;
  readonly workflowId: string;
  /** The run to watch. Omit it to `start()` a new one. */
  readonly runId?: string;
  /** Share a store, e.g. one created with an initial server-rendered state. */
  readonly store?: RunStore;
  readonly reconnect?: ReconnectOptions;
  /** How often the stored run is re-read while there is no live stream. Default 2 s. */
  readonly pollIntervalMs?: number;
  /** Chunks of a type Stepline does not know; they are not applied. */
  readonly onUnknownEvent?: (event: UnknownRunEvent) => void;
  /** Problems that do not stop the run view: a malformed record, a failed reconnect. */
  readonly onError?: (error: SteplineError) => void;
  /** For tests: a source of randomness for the jitter. */
  readonly random?: () => number;
}

type StreamOpener = (handlers: ChunkHandlers, signal: AbortSignal) => Promise<void>;

/**
 * Keeps a run's store in step with the server, whatever happens on the way: it reads the stored run,
 * follows the live stream, re-reads after every segment (Mastra's own finish status can be wrong), and
 * across drops reconnects with backoff and jitter; when there is no stream to follow (the run is
 * suspended, the server restarted) it polls. Actions are separate verbs: `start`, `resume`, `cancel`,
 * and `detach` (stop watching, leave the run alone).
 *
 * @example
 * const controller = createRunController({ transport, workflowId: 'content-brief', runId });
 * controller.store.subscribe(() => render(controller.store.getSnapshot()));
 * controller.connection.subscribe(() => showConnection(controller.connection.getSnapshot()));
 * controller.watch();
 * await controller.resume({ step: 'editorial-round.review', resumeData: { decision: 'approve' } });
 */
export class RunController {
  readonly store: RunStore;
  readonly connection = new ConnectionStore();
  private readonly transport: RunTransport;
  private readonly options: RunControllerOptions;
  private run: RunReference | undefined;
  private abort = new AbortController();
  private loop: Promise<void> | undefined;
  private wakeLoop: (() => void) | undefined;
  private workflowDetails: Promise<WorkflowDetails> | undefined;
  private readonly resumes = new Map<string, Promise<RunState>>();
  private readonly eventHandlers: ChunksToEventsHandlers = {
    onUnknown: (event) => this.options.onUnknownEvent?.(event),
    onError: (error) => this.options.onError?.(error),
  };

  constructor(options: RunControllerOptions) {
    this.options = options;
    this.transport = options.transport;
    this.run = options.runId ? { workflowId: options.workflowId, runId: options.runId } : undefined;
    this.store =
      options.store ??
      new RunStore({ workflowId: options.workflowId, ...(options.runId ? { runId: options.runId } : {}) });
  }

  get runId(): string | undefined {
    return this.run?.runId;
  }

  /**
   * Follows the run until it ends or `detach()` is called. Calling it again while watching returns the
   * same promise.
   */
  watch(): Promise<void> {
    if (!this.run) throw new SteplineError('conflict', 'watch() needs a runId: pass one, or call start().');
    return this.ensureLoop();
  }

  /**
   * Creates a run, starts it and watches it.
   * @example
   * const { runId } = await controller.start({ inputData: { topic: 'Solar microgrids' } });
   */
  async start(input: StartRunInput & { readonly runId?: string }): Promise<{ runId: string }> {
    const requested = input.runId ?? this.run?.runId;
    if (this.run && input.runId && input.runId !== this.run.runId) {
      throw new SteplineError(
        'conflict',
        `This controller follows run ${this.run.runId}, not ${input.runId}.`,
      );
    }
    const { runId } = await this.transport.createRun(this.options.workflowId, {
      ...(requested ? { runId: requested } : {}),
      ...(input.resourceId ? { resourceId: input.resourceId } : {}),
      signal: this.abort.signal,
    });
    const run = { workflowId: this.options.workflowId, runId };
    this.run = run;
    if (!this.store.getSnapshot().runId) this.store.setState({ ...this.store.getSnapshot(), runId });
    const stream: StreamOpener = (handlers, signal) =>
      this.transport.streamRun(run, input, handlers, { signal });
    if (this.loop) {
      // Already watching (a view mounted first): stream beside the watch; the reducer merges both.
      void stream(
        this.chunkHandlers(() => this.connection.update({ lastEventAt: Date.now() })),
        this.abort.signal,
      )
        .catch((error: unknown) => this.options.onError?.(asSteplineError(error)))
        .finally(() => this.wake());
    } else {
      void this.ensureLoop(stream);
    }
    return { runId };
  }

  /**
   * Resumes a suspended step. The resume data is checked against the step's resume schema before anything
   * is sent; a second call for the same step while one is in flight returns the same promise; a step that
   * is no longer suspended (resumed elsewhere) gives a `conflict` error. Resolves with the run as the
   * server stored it after the resumed segment.
   *
   * @example
   * await controller.resume({ step: 'legal-approval', resumeData: { approved: true, approver: 'lee' } });
   */
  resume(input: ResumeInput): Promise<RunState> {
    const stepId = stepIdOf(input.step, this.store.getSnapshot());
    const pending = this.resumes.get(stepId);
    if (pending) return pending;
    const promise = this.sendResume(stepId, input).finally(() => {
      this.resumes.delete(stepId);
      this.connection.update({ resuming: [...this.resumes.keys()] });
    });
    this.resumes.set(stepId, promise);
    this.connection.update({ resuming: [...this.resumes.keys()] });
    return promise;
  }

  /**
   * Asks the server to cancel the run. `connection.cancelling` stays true until the server confirms.
   * @example
   * await controller.cancel();
   */
  async cancel(): Promise<void> {
    const run = this.requireRun('cancel');
    this.connection.update({ cancelling: true });
    try {
      await this.transport.cancelRun(run);
      for (let attempt = 0; attempt < 20; attempt++) {
        await this.hydrate(run, undefined);
        if (isTerminalRunStatus(this.store.getSnapshot().status)) break;
        await delay(100 * (attempt + 1));
      }
    } finally {
      this.connection.update({ cancelling: false });
      this.wake();
    }
  }

  /** Stops watching: closes the stream and timers. The run itself goes on on the server. */
  detach(): void {
    this.abort.abort();
    this.wake();
    this.connection.update({ status: 'closed' });
  }

  /** The workflow's steps and schemas, fetched once. */
  getWorkflowDetails(): Promise<WorkflowDetails> {
    this.workflowDetails ??= this.transport.getWorkflow(this.options.workflowId).catch((error: unknown) => {
      this.workflowDetails = undefined;
      throw error;
    });
    return this.workflowDetails;
  }

  private ensureLoop(first?: StreamOpener): Promise<void> {
    if (this.abort.signal.aborted) this.abort = new AbortController();
    this.loop ??= this.follow(first).finally(() => {
      this.loop = undefined;
    });
    return this.loop;
  }

  private async follow(first: StreamOpener | undefined): Promise<void> {
    const run = this.requireRun('watch');
    const signal = this.abort.signal;
    const reconnect = this.options.reconnect ?? {};
    let opener = first;
    let failures = 0;
    let quietStreams = 0;
    this.connection.update({ status: 'connecting', attempt: 0, error: undefined });

    while (!signal.aborted) {
      try {
        if (!opener) {
          await this.hydrate(run, signal);
          const status = this.store.getSnapshot().status;
          if (isTerminalRunStatus(status)) break;
          if (status === 'suspended' || status === 'paused' || quietStreams > 0) {
            // Nothing to stream: a suspended run waits for a person, a restarted server has no stream.
            failures = 0;
            this.connection.update({ status: 'polling', attempt: 0, error: undefined });
            if (status === 'suspended' || status === 'paused') {
              await this.sleep(this.options.pollIntervalMs ?? 2000, signal);
              continue;
            }
          }
          opener = (handlers, streamSignal) =>
            this.transport.observeRun(run, handlers, { signal: streamSignal });
        }
        let received = 0;
        const stream = opener;
        opener = undefined;
        await stream(
          this.chunkHandlers(() => {
            received++;
            failures = 0;
            quietStreams = 0;
            this.connection.update({ status: 'live', attempt: 0, error: undefined, lastEventAt: Date.now() });
          }),
          signal,
        );
        if (received === 0) {
          quietStreams++;
          // An empty 200: the server holds no stream for this run (restarted, or another instance).
          await this.hydrate(run, signal);
          if (isTerminalRunStatus(this.store.getSnapshot().status)) break;
          failures = 0;
          this.connection.update({ status: 'polling', attempt: 0, error: undefined });
          await this.sleep(this.options.pollIntervalMs ?? 2000, signal);
        }
      } catch (caught) {
        if (signal.aborted) break;
        const error = asSteplineError(caught);
        if (error.code === 'auth' || error.code === 'not-found' || error.code === 'invalid-snapshot') {
          this.connection.update({ status: 'error', error });
          throw error;
        }
        failures++;
        this.options.onError?.(error);
        const offline = failures >= (reconnect.offlineAfterAttempts ?? 4);
        this.connection.update({ status: offline ? 'offline' : 'reconnecting', attempt: failures, error });
        await this.sleep(this.backoff(failures, reconnect, this.transport.retryHintOf?.(run)), signal);
      }
    }
    if (!signal.aborted) this.connection.update({ status: 'closed', attempt: 0 });
  }

  private chunkHandlers(onEvent: () => void, onFinish?: (event: RunFinishEvent) => void): ChunkHandlers {
    return {
      onChunks: (chunks) => {
        const events = chunksToEvents(chunks, this.eventHandlers);
        if (onFinish) for (const event of events) if (event.type === 'run-finish') onFinish(event);
        if (chunks.length > 0) onEvent();
        this.store.dispatch(events);
      },
      onError: (error) => this.options.onError?.(error),
    };
  }

  private async sendResume(stepId: string, input: ResumeInput): Promise<RunState> {
    const run = this.requireRun('resume');
    const details = await this.getWorkflowDetails().catch((error: unknown) => {
      // Without the schema the server still validates; say so and go on.
      this.options.onError?.(asSteplineError(error));
      return undefined;
    });
    const schema = details?.steps[stepId]?.resumeSchema;
    const issues = validateJsonSchema(input.resumeData, schema);
    if (issues.length > 0) {
      throw new SteplineError(
        'validation',
        `The resume data for step \`${stepId}\` does not fit its resume schema: ${issues
          .map((issue) => `${issue.path.join('.') || 'value'} ${issue.message}`)
          .join('; ')}. Nothing was sent.`,
        { runId: run.runId, stepId, issues },
      );
    }

    let step = this.store.getSnapshot().steps.get(stepId);
    if (step?.status !== 'suspended') {
      await this.hydrate(run, undefined);
      step = this.store.getSnapshot().steps.get(stepId);
    }
    if (step?.status !== 'suspended') {
      throw new SteplineError(
        'conflict',
        `Step \`${stepId}\` is ${step ? step.status : 'not part of this run'}, not suspended: it may have been resumed elsewhere.`,
        { runId: run.runId, stepId },
      );
    }
    const suspendedAt = step.suspendedAt;

    let finish: RunFinishEvent | undefined;
    await this.transport.resumeRun(
      run,
      { ...input, step: input.step ?? stepId },
      this.chunkHandlers(
        () => this.connection.update({ lastEventAt: Date.now() }),
        (event) => {
          finish = event;
        },
      ),
    );
    // The segment's own finish status can be wrong (parallel approvals): the stored run decides.
    await this.hydrate(run, undefined);
    this.wake();
    const after = this.store.getSnapshot();
    const stillWaiting = after.steps.get(stepId);
    if (stillWaiting?.status === 'suspended' && stillWaiting.suspendedAt === suspendedAt) {
      throw new SteplineError(
        'validation',
        `Mastra refused to resume step \`${stepId}\`${finish?.error ? `: ${finish.error.message}` : ''}. The step is still waiting.`,
        { runId: run.runId, stepId },
      );
    }
    return after;
  }

  private async hydrate(run: RunReference, signal: AbortSignal | undefined): Promise<void> {
    const snapshot = await this.transport.getRun(run, signal ? { signal } : {});
    this.store.hydrate(snapshot);
  }

  /**
   * The wait before reconnect attempt `attempt`: growing from the first delay, with jitter. A server's
   * `retry:` hint takes the place of the first delay (and of the cap, when it asks for longer).
   */
  private backoff(attempt: number, options: ReconnectOptions, retryHintMs?: number): number {
    const initial = retryHintMs ?? options.initialDelayMs ?? 250;
    const max = Math.max(options.maxDelayMs ?? 10_000, retryHintMs ?? 0);
    const base = Math.min(max, initial * (options.factor ?? 2) ** (attempt - 1));
    const jitter = options.jitter ?? 0.3;
    const random = (this.options.random ?? Math.random)();
    // Jitter spreads clients out, but never below what the server asked for.
    return Math.max(retryHintMs ?? 0, Math.round(base * (1 + jitter * (random * 2 - 1))));
  }

  /** Waits, unless `wake()` (an action finished) or detach comes first. */
  private sleep(ms: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        this.wakeLoop = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal.addEventListener('abort', done, { once: true });
      this.wakeLoop = done;
    });
  }

  private wake(): void {
    this.wakeLoop?.();
  }

  private requireRun(action: string): RunReference {
    if (!this.run)
      throw new SteplineError('conflict', `${action}() needs a run: pass a runId, or call start() first.`);
    return this.run;
  }
}

/**
 * @example
 * const controller = createRunController({ transport: createMastraHttpTransport({ baseUrl }), workflowId, runId });
 */
export function createRunController(options: RunControllerOptions): RunController {
  return new RunController(options);
}

/** A step given as a path array is `outer.inner` in the state; no step means the only suspended one. */
function stepIdOf(step: ResumeInput['step'], state: RunState): string {
  if (Array.isArray(step)) return step.join('.');
  if (typeof step === 'string') return step;
  const suspended = state.stepIds.filter((id) => {
    const candidate = state.steps.get(id)!;
    return (
      candidate.status === 'suspended' &&
      !state.stepIds.some((other) => state.steps.get(other)!.parentId === id)
    );
  });
  if (suspended.length === 1) return suspended[0]!;
  throw new SteplineError(
    'conflict',
    suspended.length === 0
      ? 'resume() without a step: no step of this run is suspended.'
      : `resume() without a step: ${suspended.length} steps are suspended (${suspended.join(', ')}); name one.`,
  );
}

function asSteplineError(error: unknown): SteplineError {
  if (SteplineError.isInstance(error)) return error;
  return new SteplineError('network', (error as Error)?.message ?? String(error), { cause: error });
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

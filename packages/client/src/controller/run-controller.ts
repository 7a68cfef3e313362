import type { JsonSchema, SchemaIssue } from '../model/json-schema-validate';
import { createOutputPositions, type OutputPositions } from '../model/output-positions';
import type { RunFinishEvent, RunSnapshot, UnknownRunEvent } from '../model/run-event';
import { isTerminalRunStatus, type RunState } from '../model/run-state';
import { RunStore } from '../model/run-store';
import { withDeadline } from '../transport/read-deadline';
import type {
  ChunkHandlers,
  ResumeInput,
  RunReference,
  RunTransport,
  StartRunInput,
  WorkflowDetails,
} from '../transport/run-transport';
import { bufferedStreamMessage, type Diagnosis } from '../util/diagnosis';
import { SteplineError } from '../util/stepline-error';
import { clampTimerDelay, maxTimerDelayMs } from '../util/timer-delay';
import { type ChunksToEventsHandlers, chunksToEvents } from '../wire/chunks-to-events';
import { normalizeSnapshot } from '../wire/normalize-snapshot';
import { ConnectionStore } from './connection-state';
import { documentVisibility, type PageVisibility } from './page-visibility';
import { runFingerprint } from './run-fingerprint';
import { WorkflowDetailsStore } from './workflow-details-store';

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
  /**
   * A stream that ends (or drops) sooner than this after it opened, with the run still going, counts as a
   * failed attempt: the next one waits longer, at least `pollIntervalMs`. Only a stream that stayed open
   * this long resets the backoff. Default 10 s.
   */
  readonly stableAfterMs?: number;
  /**
   * The longest a server's `retry:` hint is honoured. Default 60 s. Hints above 2^31-1 ms would overflow
   * the timer into a 1 ms loop.
   */
  readonly maxRetryHintMs?: number;
}

/**
 * Checks resume data against a step's resume schema (`undefined` when the step has none or the workflow
 * could not be read): `validateJsonSchema` from `@stepline/client`, or your own.
 */
export type ResumeValidator = (resumeData: unknown, schema: JsonSchema | undefined) => readonly SchemaIssue[];

export interface RunControllerOptions {
  readonly transport: RunTransport;
  readonly workflowId: string;
  /** The run to watch. Omit it to `start()` a new one. */
  readonly runId?: string;
  /** Share a store, e.g. one created with an initial server-rendered state. */
  readonly store?: RunStore;
  /**
   * The run as the server rendered it: a `RunSnapshot`, or the body of `GET /workflows/:id/runs/:runId`
   * (normalized here; an unreadable one is reported to `onError` and ignored). Shown before anything is
   * fetched. Ignored when `store` is given.
   */
  readonly initialSnapshot?: RunSnapshot | unknown;
  readonly reconnect?: ReconnectOptions;
  /** How often the stored run is re-read while there is no live stream. Default 2 s. */
  readonly pollIntervalMs?: number;
  /**
   * While polling finds nothing new (a run waiting for a person, a server with nothing live), the interval
   * doubles from `pollIntervalMs` up to this. Any change, an action or the page coming back resets it.
   * Default 30 s.
   */
  readonly maxPollIntervalMs?: number;
  /**
   * The longest one read of the stored run or of the workflow's details may take before it counts as a
   * failed attempt (and is retried with backoff). Default 15 s; 0 turns it off.
   */
  readonly readTimeoutMs?: number;
  /**
   * While a stream is open but silent for this long, the stored run is re-read (its progress shows even
   * if the stream is stuck); if it moved on while the stream said nothing, the stream is dropped and
   * reopened. Default 15 s; 0 turns it off.
   */
  readonly liveCheckMs?: number;
  /**
   * After the server answers with nothing live for the run (an empty `observe`) and the stored run has
   * not moved for this long, `connection.stalled` becomes true: the process that ran it most likely died.
   * Default 60 s.
   */
  readonly stalledAfterMs?: number;
  /**
   * Where to learn whether the page is shown. While hidden, no poll or reconnect is sent (an open stream
   * stays open); when shown again the controller looks at once. Default: `document.visibilityState` in a
   * browser, always visible elsewhere. Pass `null` to poll regardless.
   */
  readonly visibility?: PageVisibility | null;
  /** Chunks of a type Stepline does not know, or about another run (`otherRunId`); they are not applied. */
  readonly onUnknownEvent?: (event: UnknownRunEvent) => void;
  /** Problems that do not stop the run view: a malformed record, a failed reconnect. */
  readonly onError?: (error: SteplineError) => void;
  /**
   * Share the workflow's details (`GET /workflows/:id`) with other runs of the workflow: a controller
   * cache passes its first controller's `workflowDetails` to the next ones. Default: its own.
   */
  readonly workflowDetails?: WorkflowDetailsStore;
  /**
   * Checks every `resume` before anything is sent (see `resume`'s `validate`), e.g. `validateJsonSchema`.
   * Default: none here, Mastra checks the data (a refusal is a `validation` error too, after the request).
   * Not built in, so an app that only shows runs does not bundle a JSON Schema checker.
   */
  readonly validateResume?: ResumeValidator;
  /** For tests: a source of randomness for the jitter. */
  readonly random?: () => number;
  /**
   * A misconfiguration recognised (see `ConnectionState.diagnosis`), once per kind. Default: `console.warn`,
   * so a developer sees the fix in the console.
   */
  readonly onDiagnosis?: (diagnosis: Diagnosis) => void;
}

type StreamOpener = (handlers: ChunkHandlers, signal: AbortSignal) => Promise<void>;

/** Why the controller closed a stream itself. */
type StreamClose = 'restarted' | 'run-over';

interface StreamOutcome {
  readonly received: number;
  readonly openForMs: number;
  /** The stream failed, or was found stale. */
  readonly error?: SteplineError;
  readonly closedBy?: StreamClose;
}

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
  readonly #transport: RunTransport;
  readonly #options: RunControllerOptions;
  #run: RunReference | undefined;
  #abort = new AbortController();
  #loop: Promise<void> | undefined;
  #wakeLoop: (() => void) | undefined;
  /** The workflow's steps, schemas and graph, read once (`getWorkflowDetails`) and observable. */
  readonly workflowDetails: WorkflowDetailsStore;
  readonly #resumes = new Map<string, Promise<RunState>>();
  /** Step-output numbering of the watch loop's streams, one after the other (see `chunkHandlers`). */
  readonly #watchPositions = createOutputPositions();
  readonly #eventHandlers: ChunksToEventsHandlers = {
    // Chunks about another run are reported, never applied to this run's state.
    runId: () => this.#run?.runId,
    onUnknown: (event) => this.#options.onUnknownEvent?.(event),
    onError: (error) => this.#options.onError?.(error),
  };
  /** The stream being read by the watch loop, so `restart()` can close it. */
  #currentStream: AbortController | undefined;
  /** Set by a sign of activity (an action, the page shown again): the loop looks again at once. */
  #nudged = false;
  readonly #visibility: PageVisibility | undefined;

  constructor(options: RunControllerOptions) {
    this.#options = options;
    this.#transport = options.transport;
    this.#run = options.runId ? { workflowId: options.workflowId, runId: options.runId } : undefined;
    const initialSnapshot = options.store ? undefined : readInitialSnapshot(options);
    this.store =
      options.store ??
      new RunStore({
        workflowId: options.workflowId,
        ...(options.runId ? { runId: options.runId } : {}),
        ...(initialSnapshot ? { initialSnapshot } : {}),
      });
    this.#visibility = options.visibility === null ? undefined : (options.visibility ?? documentVisibility());
    const workflowId = options.workflowId;
    this.workflowDetails =
      options.workflowDetails ??
      new WorkflowDetailsStore(() =>
        withDeadline(
          options.readTimeoutMs ?? defaultReadTimeoutMs,
          `Reading workflow ${workflowId}`,
          undefined,
          (signal) => this.#transport.getWorkflow(workflowId, { signal }),
        ),
      );
  }

  get runId(): string | undefined {
    return this.#run?.runId;
  }

  /**
   * Follows the run until it ends or `detach()` is called. Calling it again while watching returns the
   * same promise.
   */
  watch(): Promise<void> {
    if (!this.#run) throw new SteplineError('conflict', 'watch() needs a runId: pass one, or call start().');
    return this.#ensureLoop();
  }

  /**
   * Creates a run, starts it and watches it.
   * @example
   * const { runId } = await controller.start({ inputData: { topic: 'Solar microgrids' } });
   */
  async start(input: StartRunInput & { readonly runId?: string }): Promise<{ runId: string }> {
    const requested = input.runId ?? this.#run?.runId;
    if (this.#run && input.runId && input.runId !== this.#run.runId) {
      throw new SteplineError(
        'conflict',
        `This controller follows run ${this.#run.runId}, not ${input.runId}.`,
      );
    }
    const { runId } = await this.#transport.createRun(this.#options.workflowId, {
      ...(requested ? { runId: requested } : {}),
      ...(input.resourceId ? { resourceId: input.resourceId } : {}),
      signal: this.#abort.signal,
    });
    const run = { workflowId: this.#options.workflowId, runId };
    this.#run = run;
    if (!this.store.getSnapshot().runId) this.store.setState({ ...this.store.getSnapshot(), runId });
    const stream: StreamOpener = (handlers, signal) =>
      this.#transport.streamRun(run, input, handlers, { signal });
    if (this.#loop) {
      // Already watching (a view mounted first): stream beside the watch; the reducer merges both.
      void stream(this.#chunkHandlers(), this.#abort.signal)
        .catch((error: unknown) => this.#options.onError?.(asSteplineError(error)))
        .finally(() => this.#nudge());
    } else {
      void this.#ensureLoop(stream);
    }
    return { runId };
  }

  /**
   * Resumes a suspended step. With `validate` (or the controller's `validateResume`) the resume data is
   * checked against the step's resume schema before anything is sent: issues reject with a `validation`
   * error carrying `issues`. A second call for the same step while one is in flight returns the same
   * promise; a step that is no longer suspended (resumed elsewhere) gives a `conflict` error. Resolves
   * with the run as the server stored it after the resumed segment.
   *
   * @example
   * import { validateJsonSchema } from '@stepline/client';
   * await controller.resume(
   *   { step: 'legal-approval', resumeData: { approved: true, approver: 'lee' } },
   *   { validate: validateJsonSchema },
   * );
   */
  resume(input: ResumeInput, options: { readonly validate?: ResumeValidator } = {}): Promise<RunState> {
    const stepId = stepIdOf(input.step, this.store.getSnapshot());
    const pending = this.#resumes.get(stepId);
    if (pending) return pending;
    const validate = options.validate ?? this.#options.validateResume;
    const promise = this.#sendResume(stepId, input, validate).finally(() => {
      this.#resumes.delete(stepId);
      this.connection.update({ resuming: [...this.#resumes.keys()] });
    });
    this.#resumes.set(stepId, promise);
    this.connection.update({ resuming: [...this.#resumes.keys()] });
    return promise;
  }

  /**
   * Asks the server to cancel the run. `connection.cancelling` stays true until the server confirms.
   * @example
   * await controller.cancel();
   */
  async cancel(): Promise<void> {
    const run = this.#requireRun('cancel');
    this.connection.update({ cancelling: true });
    try {
      await this.#transport.cancelRun(run);
      for (let attempt = 0; attempt < 20; attempt++) {
        await this.#hydrate(run, undefined);
        if (isTerminalRunStatus(this.store.getSnapshot().status)) break;
        await delay(100 * (attempt + 1));
      }
    } finally {
      this.connection.update({ cancelling: false });
      this.#nudge();
    }
  }

  /**
   * Asks the server to go on with a run whose process died (`connection.stalled`), from its last stored
   * state, and follows it: the stream open before the restart could never see the restarted run, so a new
   * one is tried at once, and the stored run is read at the poll interval (Mastra 1.71 streams nothing of
   * a restarted run, so each step shows as it is stored). `connection.restarting` is true until the server
   * answers. Needs a transport with `restartRun` (HTTP, client-js, route; not an SSE relay alone).
   *
   * @example
   * if (controller.connection.getSnapshot().stalled) await controller.restart();
   */
  async restart(): Promise<void> {
    const run = this.#requireRun('restart');
    if (!this.#transport.restartRun) {
      throw new SteplineError(
        'conflict',
        'This transport cannot restart runs: give the controller one with restartRun (createMastraHttpTransport or createMastraClientTransport).',
        { runId: run.runId },
      );
    }
    this.connection.update({ restarting: true });
    try {
      await this.#transport.restartRun(run);
      this.connection.update({ stalled: false });
      this.#currentStream?.abort('restarted' satisfies StreamClose);
      this.#nudge();
    } finally {
      this.connection.update({ restarting: false });
    }
  }

  /** Stops watching: closes the stream and timers. The run itself goes on on the server. */
  detach(): void {
    this.#abort.abort(detachedReason());
    this.#wake();
    this.connection.update({ status: 'closed', stalled: false });
  }

  /** The workflow's steps and schemas, fetched once (see `workflowDetails` for its state). */
  getWorkflowDetails(): Promise<WorkflowDetails> {
    return this.workflowDetails.load();
  }

  #ensureLoop(first?: StreamOpener): Promise<void> {
    if (this.#abort.signal.aborted) this.#abort = new AbortController();
    this.#loop ??= this.#follow(first).finally(() => {
      this.#loop = undefined;
    });
    return this.#loop;
  }

  async #follow(first: StreamOpener | undefined): Promise<void> {
    const run = this.#requireRun('watch');
    const signal = this.#abort.signal;
    const reconnect = this.#options.reconnect ?? {};
    const pollMs = this.#options.pollIntervalMs ?? 2000;
    const stableAfterMs = reconnect.stableAfterMs ?? 10_000;
    const stalledAfterMs = this.#options.stalledAfterMs ?? 60_000;
    const observe: StreamOpener = (handlers, streamSignal) =>
      this.#transport.observeRun(run, handlers, { signal: streamSignal });
    let opener = first;
    /** Attempts in a row that could not reach the server or read the run: `offline` after a few. */
    let failures = 0;
    /** Streams in a row that ended or dropped soon after opening: they grow the wait, events do not reset it. */
    let unstable = 0;
    /** Reads in a row that found the stored run as it was: polling slows down. */
    let unchanged = 0;
    let fingerprint: string | undefined;
    let movedAt = Date.now();
    let waitMs = 0;
    const moved = () => {
      movedAt = Date.now();
      unchanged = 0;
    };
    /** Reads the stored run; true when it is over. */
    const read = async (): Promise<boolean> => {
      const next = runFingerprint(await this.#hydrate(run, signal));
      if (next !== fingerprint) {
        fingerprint = next;
        moved();
        this.connection.update({ stalled: false });
      }
      return isTerminalRunStatus(this.store.getSnapshot().status);
    };
    const offVisibility = this.#visibility?.subscribe(() => {
      if (!this.#visibility?.isHidden()) this.#nudge();
    });
    this.#nudged = false;
    this.connection.update({ status: 'connecting', attempt: 0, error: undefined, stalled: false });

    try {
      while (!signal.aborted) {
        if (waitMs > 0) {
          await this.#idle(waitMs, signal);
          waitMs = 0;
          if (signal.aborted) break;
        }
        if (this.#nudged) {
          // A sign of activity: look again now, as if freshly attached.
          this.#nudged = false;
          failures = 0;
          unstable = 0;
          moved();
          if (opener === observe) opener = undefined;
        }
        try {
          if (!opener) {
            if (await read()) break;
            const status = this.store.getSnapshot().status;
            if (status === 'suspended' || status === 'paused') {
              // Nothing to stream: the run waits for a person. Poll, slower while nothing changes.
              failures = 0;
              this.connection.update({ status: 'polling', attempt: 0, error: undefined, stalled: false });
              waitMs = this.#pollDelay(unchanged++, pollMs);
              continue;
            }
            opener = observe;
          }
          const stream = opener;
          opener = undefined;
          const outcome = await this.#readStream(run, stream, fingerprint, signal, () => {
            failures = 0;
            moved();
            // Once per read: the patch is built only when the connection is not live already.
            const now = this.connection.getSnapshot();
            if (now.status !== 'live' || now.attempt !== 0 || now.error !== undefined || now.stalled) {
              this.connection.update({ status: 'live', attempt: 0, error: undefined, stalled: false });
            }
          });
          if (signal.aborted) break;
          if (outcome.received > 0) unstable = outcome.openForMs >= stableAfterMs ? 0 : unstable + 1;
          if (outcome.error) throw outcome.error;
          if (outcome.closedBy) continue;
          if (outcome.received === 0) {
            // An empty 200: the server holds no stream for this run (restarted, or another instance).
            if (await read()) break;
            failures = 0;
            const status = this.store.getSnapshot().status;
            const going = status !== 'suspended' && status !== 'paused';
            this.connection.update({
              status: 'polling',
              attempt: 0,
              error: undefined,
              stalled: going && Date.now() - movedAt >= stalledAfterMs,
            });
            waitMs = this.#pollDelay(unchanged++, pollMs);
            // Just read: after the wait, look for a live stream first (it brings the state with it).
            if (going) opener = observe;
            continue;
          }
          // The stream ended after events. If the run is still going by them (a proxy or another
          // instance ended a history replay), reopening at once would be a hot loop: wait first.
          const status = this.store.getSnapshot().status;
          const going = status === 'running' || status === 'waiting' || status === 'pending';
          if (going) waitMs = unstable > 0 ? Math.max(pollMs, this.#backoff(unstable, reconnect)) : pollMs;
        } catch (caught) {
          if (signal.aborted) break;
          const error = asSteplineError(caught);
          if (error.diagnosis) this.#diagnose({ code: error.diagnosis, message: error.message });
          if (error.code === 'auth' || error.code === 'not-found' || error.code === 'invalid-snapshot') {
            this.connection.update({ status: 'error', error, stalled: false });
            throw error;
          }
          failures++;
          this.#options.onError?.(error);
          const offline = failures >= (reconnect.offlineAfterAttempts ?? 4);
          this.connection.update({ status: offline ? 'offline' : 'reconnecting', attempt: failures, error });
          const hint = this.#transport.retryHintOf?.(run);
          waitMs = this.#backoff(Math.max(failures, unstable), reconnect, hint);
        }
      }
    } finally {
      offVisibility?.();
    }
    if (!signal.aborted) this.connection.update({ status: 'closed', attempt: 0, stalled: false });
  }

  /**
   * Reads one stream to its end. While it is silent for `liveCheckMs`, the stored run is re-read: when it
   * moved on without a word from the stream, the stream is stale and closed with an error (the loop
   * reconnects); when the run is over, it is closed quietly.
   */
  async #readStream(
    run: RunReference,
    stream: StreamOpener,
    fingerprint: string | undefined,
    signal: AbortSignal,
    onEvent: () => void,
  ): Promise<StreamOutcome> {
    const streamAbort = new AbortController();
    const onAbort = () => streamAbort.abort(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    this.#currentStream = streamAbort;
    const openedAt = Date.now();
    let received = 0;
    const everyMs = this.#options.liveCheckMs ?? 15_000;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    let baseline = { fingerprint, received: 0 };
    let seen = 0;
    const check = async () => {
      if (stopped) return;
      if (received !== seen) {
        // Not silent: events came since the last look.
        seen = received;
        baseline = { fingerprint: undefined, received };
        schedule();
        return;
      }
      try {
        const progress = progressOf(this.store.getSnapshot());
        const next = runFingerprint(await this.#hydrate(run, streamAbort.signal));
        if (stopped) return;
        if (isTerminalRunStatus(this.store.getSnapshot().status)) {
          streamAbort.abort('run-over' satisfies StreamClose);
          return;
        }
        // Mastra stores a step after it streamed it: a silent stream behind the stored steps is held
        // back on the way (compression, a proxy). Say so; the reads every liveCheckMs keep the view
        // moving, and the stream is reopened in case it was a passing stall.
        if (received === seen && progressOf(this.store.getSnapshot()) > progress) {
          this.#diagnose({ code: 'buffered-stream', message: bufferedStreamMessage(everyMs) });
          streamAbort.abort(
            new SteplineError('network', 'The stream is held back on the way; reopening it.', {
              runId: run.runId,
            }),
          );
          return;
        }
        if (
          baseline.fingerprint !== undefined &&
          baseline.received === received &&
          baseline.fingerprint !== next
        ) {
          streamAbort.abort(
            new SteplineError(
              'network',
              `The stream said nothing for ${everyMs} ms while the stored run moved on; reopening it.`,
              { runId: run.runId },
            ),
          );
          return;
        }
        baseline = { fingerprint: next, received };
      } catch (error) {
        if (stopped) return;
        this.#options.onError?.(asSteplineError(error));
      }
      seen = received;
      schedule();
    };
    const schedule = () => {
      if (!stopped && everyMs > 0) timer = setTimeout(() => void check(), clampTimerDelay(everyMs));
    };
    schedule();
    let error: SteplineError | undefined;
    try {
      await stream(
        this.#chunkHandlers(
          () => {
            received++;
            onEvent();
          },
          undefined,
          this.#watchPositions,
        ),
        streamAbort.signal,
      );
    } catch (caught) {
      if (!streamAbort.signal.aborted || signal.aborted) error = asSteplineError(caught);
    } finally {
      stopped = true;
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      if (this.#currentStream === streamAbort) this.#currentStream = undefined;
    }
    const openForMs = Date.now() - openedAt;
    const reason: unknown =
      streamAbort.signal.aborted && !signal.aborted ? streamAbort.signal.reason : undefined;
    if (reason === 'restarted' || reason === 'run-over') return { received, openForMs, closedBy: reason };
    if (reason !== undefined) return { received, openForMs, error: asSteplineError(reason) };
    return error ? { received, openForMs, error } : { received, openForMs };
  }

  #diagnose(diagnosis: Diagnosis): void {
    const known = this.connection.getSnapshot().diagnosis;
    if (known?.code === diagnosis.code && known.message === diagnosis.message) return;
    this.connection.update({ diagnosis });
    if (this.#options.onDiagnosis) this.#options.onDiagnosis(diagnosis);
    else console.warn(`[stepline] ${diagnosis.message}`);
  }

  /** The wait between two polls that found nothing new: doubling up to `maxPollIntervalMs`. */
  #pollDelay(unchangedReads: number, pollMs: number): number {
    const ceiling = Math.max(pollMs, this.#options.maxPollIntervalMs ?? 30_000);
    return Math.min(ceiling, pollMs * 2 ** Math.min(unchangedReads, 30));
  }

  /**
   * `positions` numbers step output by its place in the stream. Each stream that starts at a segment
   * start resets it; the watch loop keeps one across its streams (`watchPositions`) so a stream that
   * continues where the last one stopped (an SSE relay resuming after `Last-Event-ID`) keeps counting.
   */
  #chunkHandlers(
    onEvent?: () => void,
    onFinish?: (event: RunFinishEvent) => void,
    positions: OutputPositions = createOutputPositions(),
  ): ChunkHandlers {
    return {
      onChunks: (chunks) => {
        const events = chunksToEvents(chunks, this.#eventHandlers, positions);
        if (onFinish) for (const event of events) if (event.type === 'run-finish') onFinish(event);
        if (chunks.length > 0) onEvent?.();
        this.store.dispatch(events);
      },
      onError: (error) => this.#options.onError?.(error),
    };
  }

  async #sendResume(
    stepId: string,
    input: ResumeInput,
    validate: ResumeValidator | undefined,
  ): Promise<RunState> {
    const run = this.#requireRun('resume');
    const details = validate
      ? await this.getWorkflowDetails().catch((error: unknown) => {
          // Without the schema the server still validates; say so and go on.
          this.#options.onError?.(asSteplineError(error));
          return undefined;
        })
      : undefined;
    const issues = validate ? validate(input.resumeData, details?.steps[stepId]?.resumeSchema) : [];
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
      await this.#hydrate(run, undefined);
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
    await this.#transport.resumeRun(
      run,
      { ...input, step: input.step ?? stepId },
      this.#chunkHandlers(undefined, (event) => {
        finish = event;
      }),
    );
    // The segment's own finish status can be wrong (parallel approvals): the stored run decides.
    await this.#hydrate(run, undefined);
    this.#nudge();
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

  /** Reads the stored run within `readTimeoutMs` and merges it. */
  async #hydrate(run: RunReference, signal: AbortSignal | undefined): Promise<RunSnapshot> {
    const snapshot = await withDeadline(
      this.#options.readTimeoutMs ?? defaultReadTimeoutMs,
      `Reading run ${run.runId}`,
      signal,
      (bounded) => this.#transport.getRun(run, { signal: bounded }),
      { runId: run.runId },
    );
    this.store.hydrate(snapshot);
    return snapshot;
  }

  /**
   * The wait before reconnect attempt `attempt`: growing from the first delay, with jitter. A server's
   * `retry:` hint takes the place of the first delay (and of the cap, when it asks for longer).
   */
  #backoff(attempt: number, options: ReconnectOptions, rawRetryHintMs?: number): number {
    // A hint past the timer's range would overflow into a 1 ms loop; a huge one is not worth waiting for.
    const retryHintMs =
      rawRetryHintMs === undefined || !(rawRetryHintMs >= 0)
        ? undefined
        : Math.min(rawRetryHintMs, options.maxRetryHintMs ?? 60_000, maxTimerDelayMs);
    const initial = retryHintMs ?? options.initialDelayMs ?? 250;
    const max = Math.max(options.maxDelayMs ?? 10_000, retryHintMs ?? 0);
    const base = Math.min(max, initial * (options.factor ?? 2) ** (attempt - 1));
    const jitter = options.jitter ?? 0.3;
    const random = (this.#options.random ?? Math.random)();
    // Jitter spreads clients out, but never below what the server asked for.
    return Math.max(retryHintMs ?? 0, Math.round(base * (1 + jitter * (random * 2 - 1))));
  }

  /** Waits, unless `wake()` (an action finished) or detach comes first. */
  #sleep(ms: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        this.#wakeLoop = undefined;
        resolve();
      };
      const timer = setTimeout(done, clampTimerDelay(ms));
      signal.addEventListener('abort', done, { once: true });
      this.#wakeLoop = done;
    });
  }

  /**
   * Waits `ms`, then, while the page is hidden, until it is shown again: no request goes out for a page
   * nobody sees. A sign of activity (`nudge`) ends the wait at once.
   */
  async #idle(ms: number, signal: AbortSignal): Promise<void> {
    await this.#sleep(ms, signal);
    while (!signal.aborted && !this.#nudged && this.#visibility?.isHidden()) {
      await this.#sleep(maxTimerDelayMs, signal);
    }
  }

  #wake(): void {
    this.#wakeLoop?.();
  }

  /** Something happened (an action, the page shown again): stop waiting and look at once. */
  #nudge(): void {
    this.#nudged = true;
    this.#wake();
  }

  #requireRun(action: string): RunReference {
    if (!this.#run)
      throw new SteplineError('conflict', `${action}() needs a run: pass a runId, or call start() first.`);
    return this.#run;
  }
}

/**
 * @example
 * const controller = createRunController({ transport: createMastraHttpTransport({ baseUrl }), workflowId, runId });
 */
export function createRunController(options: RunControllerOptions): RunController {
  return new RunController(options);
}

/** A normalized snapshot is used as is; anything else is read as the server's body. */
function readInitialSnapshot(options: RunControllerOptions): RunSnapshot | undefined {
  const given = options.initialSnapshot;
  if (given === undefined) return undefined;
  if (isRunSnapshot(given)) return given;
  const snapshot = normalizeSnapshot(given);
  if (snapshot.ok) return snapshot.value;
  options.onError?.(snapshot.error);
  return undefined;
}

function isRunSnapshot(value: unknown): value is RunSnapshot {
  return (
    typeof value === 'object' &&
    value !== null &&
    'steps' in value &&
    'status' in value &&
    'input' in value &&
    'result' in value &&
    !('serializedStepGraph' in value)
  );
}

/** A step given as a path array is `outer.inner` in the state; no step means the only suspended one. */
function stepIdOf(step: ResumeInput['step'], state: RunState): string {
  if (Array.isArray(step)) return step.join('.');
  if (typeof step === 'string') return step;
  const suspended = state.stepIds.toArray().filter((id) => {
    const candidate = state.steps.get(id)!;
    return (
      candidate.status === 'suspended' &&
      !state.stepIds.toArray().some((other) => state.steps.get(other)!.parentId === id)
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

const defaultReadTimeoutMs = 15_000;

let detached: DOMException | undefined;
/**
 * What a detach aborts with: an `AbortError`, as `abort()` gives, but made once. `abort()` without a
 * reason builds a new `DOMException` with its stack each time: a tenth of the cost of attaching to a run
 * that holds nothing.
 */
function detachedReason(): DOMException {
  if (detached === undefined) {
    detached = new DOMException('The run controller was detached.', 'AbortError');
    // Read once so V8 formats the stack now: until then it keeps the frames it captured, with their
    // receivers, and this one error lives as long as the page: it held the first detached controller,
    // its store and the run's whole state for good.
    void detached.stack;
  }
  return detached;
}

/** How far a run got, as its steps show: started steps plus ended ones. Grows, never shrinks. */
function progressOf(state: RunState): number {
  let ended = 0;
  for (const id of state.stepIds) {
    const step = state.steps.get(id)!;
    if (step.status !== 'running' && step.status !== 'pending' && step.status !== 'waiting') ended++;
  }
  return state.stepIds.length + ended;
}

function asSteplineError(error: unknown): SteplineError {
  if (SteplineError.isInstance(error)) return error;
  return new SteplineError('network', (error as Error)?.message ?? String(error), { cause: error });
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

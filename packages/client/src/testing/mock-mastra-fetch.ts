import { type MastraChunk, mastraEvents } from './mastra-events';
import { mastraRunListEntry, mastraSnapshotFromEvents } from './mastra-snapshot';
import { mastraWorkflowDetails } from './mastra-workflow-details';
import { BodyEmitter, emitPieces, type PipelineRecord, RecordPipeline } from './mock-body';
import { corsHeaders, jsonResponse, type MockFaults, mastraErrorResponse } from './mock-faults';

/** One `stream` or `resume-stream` body of a scripted run. */
export interface MockSegment {
  readonly events: readonly MastraChunk[];
  /** Bytes per network chunk, or `'random'`. Default: the run's, else the mock's, else one record per chunk. */
  readonly chunkSize?: number | 'random';
  /** Milliseconds between chunks. Default: the run's, else the mock's, else 0. */
  readonly delayMs?: number;
  /**
   * Faults for the requests that serve this segment: one set for the first attempt only (so a retry gets
   * the segment), or a list by attempt (`[{ status: 500 }, { status: 500 }]`: the third attempt works).
   * A status fault (or `refuse`) does not use the segment up; a stream fault does.
   */
  readonly faults?: MockFaults | readonly (MockFaults | undefined)[];
}

export interface MockSnapshotContext {
  readonly runId: string;
  readonly workflowId: string;
  /** Every chunk of the run's segments that the "server" has produced so far. */
  readonly events: readonly MastraChunk[];
  readonly segmentsServed: number;
  readonly live: boolean;
  readonly canceled: boolean;
  /** The snapshot the mock derives from `events`; return it changed, or your own. */
  readonly derived: Record<string, unknown>;
}

/** A run the mock server knows, with everything it will stream. */
export interface MockRun {
  readonly workflowId: string;
  readonly runId: string;
  /** `stream` serves segment 0, each `resume-stream` the next one. */
  readonly segments: readonly MockSegment[];
  /**
   * `GET /workflows/:id/runs/:runId`: this body as is, or a function of what was streamed so far.
   * Default: derived from the events served so far (see `mastraSnapshotFromEvents`).
   */
  readonly snapshot?: Record<string, unknown> | ((context: MockSnapshotContext) => Record<string, unknown>);
  /** `observe` repeats the current segment after the history, as Mastra does while a run is in memory. */
  readonly observeReplay?: boolean;
  readonly resourceId?: string;
  /** For the runs list, which Mastra orders newest first. Default: scripted order, the last newest. */
  readonly createdAt?: Date;
  readonly chunkSize?: number | 'random';
  readonly delayMs?: number;
}

export type MockRoute =
  | 'create-run'
  | 'stream'
  | 'observe'
  | 'resume-stream'
  | 'cancel'
  | 'restart'
  | 'get-run'
  | 'list-runs'
  | 'get-workflow'
  | 'unknown';

/** A request the mock received, as tests want to assert on it. */
export interface MockRequest {
  readonly method: string;
  readonly url: string;
  readonly route: MockRoute;
  readonly workflowId: string | undefined;
  readonly runId: string | undefined;
  readonly query: Readonly<Record<string, string>>;
  /** Lower-case names. */
  readonly headers: Readonly<Record<string, string>>;
  /** The JSON body, parsed; the raw text when it is not JSON; undefined without a body. */
  readonly body: unknown;
  /** 1 for the first request of this route for this run (or workflow), 2 for the next, … */
  readonly attempt: number;
}

export interface MockMastraFetchOptions {
  readonly runs?: readonly MockRun[];
  /** `GET /workflows/:id` bodies by workflow id (e.g. `fixtures/recorded/workflows/*.json` or `mastraWorkflowDetails`). Default: derived from the scripted events. */
  readonly workflows?: Readonly<Record<string, Record<string, unknown>>>;
  readonly chunkSize?: number | 'random';
  readonly delayMs?: number;
  /** Default for every run's `observeReplay`. Default false. */
  readonly observeReplay?: boolean;
  /** Faults for any request, decided per request; merged over the segment's own faults. */
  readonly faults?: (request: MockRequest) => MockFaults | undefined;
}

export type MockMastraFetch = typeof fetch & {
  /** Every request received, in order. */
  readonly requests: readonly MockRequest[];
  /**
   * What a server restart does: open streams break off (`TypeError: terminated`), a run cut mid-segment
   * stays `running` for ever, and `observe` forgets what happened before (it answers an empty 200 until a
   * new segment runs). Stored snapshots survive, and suspended runs can still be resumed.
   */
  simulateRestart(): void;
  /** The body `GET /workflows/:id/runs/:runId` would answer now. */
  snapshotOf(runId: string): Record<string, unknown> | undefined;
};

const terminalStatuses = new Set(['success', 'failed', 'canceled', 'bailed', 'tripwire']);

class RunRecord {
  readonly script: MockRun;
  readonly createdAt: Date;
  updatedAt: Date;
  created = false;
  resourceId: string | undefined;
  input: unknown;
  segmentsServed = 0;
  readonly segmentAttempts: number[] = [];
  /** Every chunk the run has produced so far, in order: what `observe` and snapshots read. */
  readonly log: MastraChunk[] = [];
  /** Where the newest segment starts in `log`: Mastra's in-memory buffer, which `observe` replays. */
  segmentStart = 0;
  live = false;
  inMemory = false;
  canceled = false;
  cancelRequested = false;
  /** `log` entries before this were lost in a restart. */
  forgottenBefore = 0;
  /** Bumped by every new segment and by a restart, so a segment's driver knows when it was superseded. */
  generation = 0;
  readonly emitters = new Set<BodyEmitter>();
  private readonly listeners = new Set<() => void>();

  constructor(script: MockRun, createdAt: Date) {
    this.script = script;
    this.createdAt = script.createdAt ?? createdAt;
    this.updatedAt = this.createdAt;
    this.resourceId = script.resourceId;
  }

  append(chunk: MastraChunk): void {
    this.log.push(chunk);
    this.touch();
  }

  touch(): void {
    this.updatedAt = new Date(Math.max(Date.now(), this.updatedAt.getTime()));
    for (const listener of [...this.listeners]) listener();
  }

  /** Resolves on the next append or segment end. */
  changed(): Promise<void> {
    return new Promise((resolve) => {
      const listener = () => {
        this.listeners.delete(listener);
        resolve();
      };
      this.listeners.add(listener);
    });
  }

  derivedSnapshot(): Record<string, unknown> {
    return mastraSnapshotFromEvents(this.log, {
      runId: this.script.runId,
      workflowId: this.script.workflowId,
      input: this.input,
      live: this.live,
      canceled: this.canceled,
      resourceId: this.resourceId ?? null,
      createdAt: this.createdAt,
      updatedAt: this.updatedAt,
    });
  }

  snapshot(): Record<string, unknown> {
    const given = this.script.snapshot;
    if (given === undefined) return this.derivedSnapshot();
    if (typeof given !== 'function') return given;
    return given({
      runId: this.script.runId,
      workflowId: this.script.workflowId,
      events: [...this.log],
      segmentsServed: this.segmentsServed,
      live: this.live,
      canceled: this.canceled,
      derived: this.derivedSnapshot(),
    });
  }

  /** From the events, not a given snapshot: the mock's own idea of whether the run is over. */
  status(): string {
    return String(this.derivedSnapshot().status);
  }
}

interface ParsedRequest {
  readonly info: MockRequest;
  readonly signal: AbortSignal | undefined;
}

/**
 * A `fetch` that answers Mastra 1.x's workflow routes from scripted runs, so tests drive the real HTTP
 * transport (`createMastraHttpTransport({ baseUrl, fetch })`) without a Mastra server. Any base URL and API
 * prefix work; only the path after `/workflows/` is read.
 *
 * It behaves like the real server where that is observable (apps/mastra-server/README.md):
 * - `stream` serves segment 0 and `resume-stream` the next one, `\x1E`-framed, `text/plain`, chunked;
 *   streaming a finished run again is a 409; resuming a run with nothing left to resume is a 200 whose
 *   segment ends `failed` ("This workflow run was not suspended") and leaves the run as it was;
 * - closing a stream does not stop the run: the rest of its segment still happens, and `observe` or
 *   `GET runs/:runId` see it. A cancel ends the live segment after the record in flight with
 *   `workflow-canceled` + `workflow-finish canceled`;
 * - `observe` sends the history so far, then (with `observeReplay`) the current segment again, then follows
 *   a live segment to its end; an unknown run or workflow is a 404 `{"error": …}` as Mastra words it.
 *
 * @example
 * const runId = 'run-1';
 * const fetch = createMockMastraFetch({
 *   runs: [{
 *     workflowId: 'approval',
 *     runId,
 *     segments: [
 *       { events: [
 *         mastraEvents.workflowStart(runId, 'approval'),
 *         mastraEvents.stepStart('review', { payload: { amount: 1250 }, startedAt: 1000 }),
 *         mastraEvents.stepSuspended('review', { payload: { amount: 1250 }, startedAt: 1000, suspendPayload: { reason: 'Over limit' } }),
 *         mastraEvents.workflowFinish('suspended'),
 *       ] },
 *       { events: [
 *         mastraEvents.workflowStart(runId, 'approval'),
 *         mastraEvents.stepResult('review', { startedAt: 1000, output: { approved: true } }),
 *         mastraEvents.workflowFinish('success', { result: { approved: true } }),
 *       ] },
 *     ],
 *   }],
 * });
 * const transport = createMastraHttpTransport({ baseUrl: 'http://mastra.test', fetch });
 */
export function createMockMastraFetch(options: MockMastraFetchOptions = {}): MockMastraFetch {
  const startedAt = Date.now();
  const runs = new Map<string, RunRecord>();
  (options.runs ?? []).forEach((script, index) => {
    if (runs.has(script.runId))
      throw new Error(`createMockMastraFetch: run "${script.runId}" is scripted twice`);
    runs.set(script.runId, new RunRecord(script, new Date(startedAt + index)));
  });
  const workflowIds = new Set([...runs.values()].map((run) => run.script.workflowId));
  for (const id of Object.keys(options.workflows ?? {})) workflowIds.add(id);
  const requests: MockRequest[] = [];
  const attempts = new Map<string, number>();
  let responses = 0;

  async function parse(input: string | URL | Request, init: RequestInit | undefined): Promise<ParsedRequest> {
    const request = typeof Request !== 'undefined' && input instanceof Request ? input : undefined;
    const href = request ? request.url : String(input);
    const url = new URL(href, 'http://localhost');
    const method = (init?.method ?? request?.method ?? 'GET').toUpperCase();
    const headers: Record<string, string> = {};
    new Headers(init?.headers ?? request?.headers).forEach((value, key) => {
      headers[key] = value;
    });
    const rawBody = init?.body ?? (request && method !== 'GET' ? await request.clone().text() : undefined);
    const text = rawBody === undefined || rawBody === null ? undefined : await new Response(rawBody).text();
    let body: unknown = text;
    if (text !== undefined) {
      try {
        body = JSON.parse(text);
      } catch {
        body = text === '' ? undefined : text;
      }
    }
    const query = Object.fromEntries(url.searchParams.entries());
    const match = /\/workflows\/([^/]+)(?:\/(.*))?$/.exec(url.pathname.replace(/\/+$/, ''));
    const workflowId = match ? decodeURIComponent(match[1]!) : undefined;
    const subPath = match?.[2];
    const runPath = subPath ? /^runs\/([^/]+)(\/cancel)?$/.exec(subPath) : null;
    const route = routeOf(method, subPath, match !== null, runPath);
    const runId = runPath ? decodeURIComponent(runPath[1]!) : query.runId;
    const key = `${route} ${workflowId ?? ''} ${runId ?? ''}`;
    const attempt = (attempts.get(key) ?? 0) + 1;
    attempts.set(key, attempt);
    return {
      info: { method, url: url.href, route, workflowId, runId, query, headers, body, attempt },
      signal: init?.signal ?? request?.signal ?? undefined,
    };
  }

  function settingsFor(run: RunRecord, segment: MockSegment | undefined, faults: MockFaults) {
    return {
      chunkSize: segment?.chunkSize ?? run.script.chunkSize ?? options.chunkSize,
      delayMs: segment?.delayMs ?? run.script.delayMs ?? options.delayMs ?? 0,
      faults,
      seed: ++responses,
    };
  }

  async function handle(input: string | URL | Request, init?: RequestInit): Promise<Response> {
    const { info, signal } = await parse(input, init);
    requests.push(info);
    if (signal?.aborted) throw signal.reason ?? new DOMException('This operation was aborted', 'AbortError');

    const run = info.runId === undefined ? undefined : runs.get(info.runId);
    const ownRun = run && run.script.workflowId === info.workflowId ? run : undefined;
    const segment = ownRun ? servableSegment(ownRun, info.route) : undefined;
    const segmentFaults = segment ? faultsForAttempt(ownRun!, segment) : undefined;
    const faults: MockFaults = { ...segmentFaults, ...options.faults?.(info) };
    if (faults.refuse) throw new TypeError('fetch failed');
    if (faults.status !== undefined) return mastraErrorResponse(faults.status, faults.errorMessage);
    if (faults.hang) return hangingResponse(signal);

    if (info.route === 'unknown') {
      return new Response('404 Not Found', {
        status: 404,
        headers: { ...corsHeaders, 'Content-Type': 'text/plain; charset=UTF-8' },
      });
    }
    if (!info.workflowId || !workflowIds.has(info.workflowId))
      return mastraErrorResponse(404, 'Workflow not found');
    const needsRunId =
      info.route === 'stream' ||
      info.route === 'observe' ||
      info.route === 'resume-stream' ||
      info.route === 'restart';
    if (needsRunId && info.runId === undefined) {
      return mastraErrorResponse(400, 'Invalid query parameters', {
        issues: [{ field: 'runId', message: 'Invalid input: expected string, received undefined' }],
      });
    }

    switch (info.route) {
      case 'get-workflow':
        return jsonResponse(200, options.workflows?.[info.workflowId] ?? derivedDetails(info.workflowId));
      case 'list-runs':
        return jsonResponse(200, listRuns(info.workflowId, info.query));
      case 'create-run':
        return createRun(info);
    }

    if (!ownRun) return mastraErrorResponse(404, 'Workflow run not found');
    switch (info.route) {
      case 'get-run':
        return jsonResponse(200, ownRun.snapshot());
      case 'cancel':
        if (ownRun.live) ownRun.cancelRequested = true;
        if (ownRun.live || !terminalStatuses.has(ownRun.status())) {
          ownRun.canceled = true;
          ownRun.touch();
        }
        return jsonResponse(200, { message: 'Workflow run cancelled' });
      case 'stream': {
        const status = ownRun.status();
        if (ownRun.segmentsServed > 0 || ownRun.live) {
          return mastraErrorResponse(
            409,
            terminalStatuses.has(status)
              ? `Workflow run ${ownRun.script.runId} already finished with status "${status}". Use /observe to read its stream back, or stream a new runId.`
              : `Workflow run ${ownRun.script.runId} was already started (stepline mock). Use /observe to follow it or /resume-stream to resume it.`,
          );
        }
        if (!segment) {
          return mastraErrorResponse(
            500,
            `stepline mock: run "${ownRun.script.runId}" has no scripted segment`,
          );
        }
        const body = asRecord(info.body);
        ownRun.input = body?.inputData;
        if (typeof body?.resourceId === 'string') ownRun.resourceId = body.resourceId;
        ownRun.created = true;
        ownRun.segmentsServed++;
        return serveSegment(ownRun, segment.events, settingsFor(ownRun, segment, faults), signal);
      }
      case 'resume-stream': {
        if (segment) {
          ownRun.segmentsServed++;
          return serveSegment(ownRun, segment.events, settingsFor(ownRun, segment, faults), signal);
        }
        // What Mastra answers to a resume of a run that is not suspended: a 200 whose segment fails. The
        // run itself does not change.
        const refusal = [
          mastraEvents.workflowStart(ownRun.script.runId, ownRun.script.workflowId),
          mastraEvents.workflowFinish('failed', {
            runId: ownRun.script.runId,
            error: 'This workflow run was not suspended',
          }),
        ];
        return serveStatic(refusal, settingsFor(ownRun, undefined, faults), signal);
      }
      case 'observe':
        return observe(ownRun, info.query, settingsFor(ownRun, undefined, faults), signal);
      case 'restart': {
        // Mastra answers at once and goes on in the background from the last stored state: here, the rest
        // of a segment a restart cut off, at the segment's pace. Like Mastra 1.71, it runs without the
        // stream `observe` reads: only the stored run shows it. Anything else Mastra only logs.
        const script = ownRun.script.segments[ownRun.segmentsServed - 1];
        const happened = ownRun.log.length - ownRun.segmentStart;
        if (!ownRun.live && script && ownRun.status() === 'running' && happened < script.events.length) {
          continueUnobserved(ownRun, script.events.slice(happened), settingsFor(ownRun, script, {}).delayMs);
        }
        return jsonResponse(200, { message: 'Workflow run restarted' });
      }
      default:
        return mastraErrorResponse(404, 'Workflow run not found');
    }
  }

  /** The segment this request would serve, if the run is in a state to serve one. */
  function servableSegment(run: RunRecord, route: MockRoute): MockSegment | undefined {
    if (run.live) return undefined;
    if (route === 'stream') return run.segmentsServed === 0 ? run.script.segments[0] : undefined;
    if (route !== 'resume-stream' || run.segmentsServed === 0) return undefined;
    return terminalStatuses.has(run.status()) ? undefined : run.script.segments[run.segmentsServed];
  }

  function faultsForAttempt(run: RunRecord, segment: MockSegment): MockFaults | undefined {
    const index = run.segmentsServed;
    const attempt = (run.segmentAttempts[index] ?? 0) + 1;
    run.segmentAttempts[index] = attempt;
    const faults = segment.faults;
    if (faults === undefined) return undefined;
    if (isFaultList(faults)) return faults[attempt - 1];
    return attempt === 1 ? faults : undefined;
  }

  function createRun(info: MockRequest): Response {
    const workflowId = info.workflowId!;
    const run =
      info.runId === undefined
        ? [...runs.values()].find(
            (candidate) =>
              candidate.script.workflowId === workflowId &&
              !candidate.created &&
              candidate.segmentsServed === 0,
          )
        : runs.get(info.runId);
    if (!run || run.script.workflowId !== workflowId) {
      return mastraErrorResponse(
        404,
        info.runId === undefined
          ? `stepline mock: no scripted run of workflow "${workflowId}" is left to create; script one or pass a runId`
          : `stepline mock: run "${info.runId}" of workflow "${workflowId}" is not scripted`,
      );
    }
    run.created = true;
    const resourceId = asRecord(info.body)?.resourceId;
    if (typeof resourceId === 'string') run.resourceId = resourceId;
    return jsonResponse(200, { runId: run.script.runId });
  }

  function listRuns(workflowId: string, query: Readonly<Record<string, string>>) {
    const matching = [...runs.values()]
      .filter((run) => run.script.workflowId === workflowId)
      .map((run) => ({ run, snapshot: run.snapshot() }))
      .filter(({ run, snapshot }) => {
        if (query.status !== undefined && snapshot.status !== query.status) return false;
        return query.resourceId === undefined || run.resourceId === query.resourceId;
      })
      .sort((a, b) => b.run.createdAt.getTime() - a.run.createdAt.getTime());
    const perPage = query.perPage === undefined ? undefined : Number(query.perPage);
    const page = Number(query.page ?? 0) || 0;
    const shown =
      perPage === undefined || !Number.isFinite(perPage) || perPage <= 0
        ? matching
        : matching.slice(page * perPage, (page + 1) * perPage);
    return {
      runs: shown.map(({ snapshot }) => mastraRunListEntry(snapshot)),
      total: matching.length,
    };
  }

  function derivedDetails(workflowId: string): Record<string, unknown> {
    const ids = new Set<string>();
    for (const run of runs.values()) {
      if (run.script.workflowId !== workflowId) continue;
      for (const segment of run.script.segments) {
        for (const event of segment.events) {
          const id = asRecord(event.payload)?.id;
          if (typeof id === 'string') ids.add(id);
        }
      }
    }
    return mastraWorkflowDetails(workflowId, { steps: Object.fromEntries([...ids].map((id) => [id, {}])) });
  }

  const mock = handle as MockMastraFetch;
  Object.defineProperty(mock, 'requests', { value: requests, enumerable: true });
  Object.defineProperty(mock, 'simulateRestart', {
    enumerable: true,
    value: () => {
      for (const run of runs.values()) {
        for (const emitter of [...run.emitters]) emitter.fail(new TypeError('terminated'));
        run.emitters.clear();
        run.live = false;
        run.inMemory = false;
        run.generation++;
        run.cancelRequested = false;
        run.forgottenBefore = run.log.length;
        run.touch();
      }
    },
  });
  Object.defineProperty(mock, 'snapshotOf', {
    enumerable: true,
    value: (runId: string) => runs.get(runId)?.snapshot(),
  });
  return mock;
}

function routeOf(
  method: string,
  subPath: string | undefined,
  isWorkflowPath: boolean,
  runPath: RegExpExecArray | null,
): MockRoute {
  if (!isWorkflowPath) return 'unknown';
  if (subPath === undefined || subPath === '') return method === 'GET' ? 'get-workflow' : 'unknown';
  if (method === 'GET') {
    if (subPath === 'runs') return 'list-runs';
    if (runPath && !runPath[2]) return 'get-run';
    return 'unknown';
  }
  if (method !== 'POST') return 'unknown';
  if (runPath?.[2]) return 'cancel';
  if (
    subPath === 'create-run' ||
    subPath === 'stream' ||
    subPath === 'observe' ||
    subPath === 'resume-stream' ||
    subPath === 'restart'
  ) {
    return subPath;
  }
  return 'unknown';
}

interface StreamSettings {
  readonly chunkSize: number | 'random' | undefined;
  readonly delayMs: number;
  readonly faults: MockFaults;
  readonly seed: number;
}

function streamResponse(emitter: BodyEmitter): Response {
  return new Response(emitter.stream, {
    status: 200,
    headers: { ...corsHeaders, 'Content-Type': 'text/plain' },
  });
}

function createEmitter(
  run: RunRecord,
  settings: StreamSettings,
  signal: AbortSignal | undefined,
): BodyEmitter {
  const emitter = new BodyEmitter({
    delayMs: settings.delayMs,
    faults: settings.faults,
    signal: signal ?? null,
  });
  run.emitters.add(emitter);
  emitter.onStop(() => run.emitters.delete(emitter));
  return emitter;
}

/**
 * Streams one segment. The response drives the run: a record "happens" (lands in the log that `observe` and
 * snapshots read) once its last byte is sent. When the client goes away the rest still happens, at once.
 */
function serveSegment(
  run: RunRecord,
  events: readonly MastraChunk[],
  settings: StreamSettings,
  signal: AbortSignal | undefined,
): Response {
  const chunks = events.map((event) => withRunId(event, run.script.runId));
  const generation = ++run.generation;
  run.live = true;
  run.inMemory = true;
  run.cancelRequested = false;
  run.segmentStart = run.log.length;
  run.touch();
  const emitter = createEmitter(run, settings, signal);
  const pipeline = new RecordPipeline('mastra', settings.faults, settings.chunkSize, settings.seed);
  let happened = 0;
  const happenUpTo = (count: number) => {
    while (happened < count) run.append(chunks[happened++]!);
  };

  void (async () => {
    const records: PipelineRecord[] = chunks.map((chunk, tag) => ({ text: JSON.stringify(chunk), tag }));
    const pieces = [...pipeline.push(records), ...pipeline.end()];
    let atRecordEnd = true;
    for (const piece of pieces) {
      // A cancel lets the record in flight finish, then ends the segment as Mastra does.
      if (run.cancelRequested && atRecordEnd) break;
      if (!(await emitter.emit(piece.bytes))) break;
      atRecordEnd = piece.endsRecord;
      for (const tag of piece.completes) happenUpTo(tag + 1);
    }
    if (run.generation !== generation) return; // a restart killed the run mid-segment: nothing more happens
    if (run.cancelRequested) {
      const ending = [
        mastraEvents.workflowCanceled({ runId: run.script.runId }),
        mastraEvents.workflowFinish('canceled', { runId: run.script.runId }),
      ];
      for (const chunk of ending) run.append(chunk);
      if (emitter.active) {
        const tail = new RecordPipeline('mastra', {}, settings.chunkSize, settings.seed);
        await emitPieces(emitter, [
          ...tail.push(ending.map((chunk) => ({ text: JSON.stringify(chunk) }))),
          ...tail.end(),
        ]);
      }
    } else {
      happenUpTo(chunks.length);
    }
    run.live = false;
    run.cancelRequested = false;
    run.touch();
    emitter.close();
  })();
  return streamResponse(emitter);
}

/** A restarted run going on in the background: stored as it goes, never in what `observe` sends. */
function continueUnobserved(run: RunRecord, events: readonly MastraChunk[], delayMs: number): void {
  const generation = ++run.generation;
  void (async () => {
    for (const event of events) {
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      if (run.generation !== generation) return;
      run.append(withRunId(event, run.script.runId));
      run.forgottenBefore = run.log.length;
    }
  })();
}

/** A 200 whose JSON body starts and never ends; only the request's signal stops it. */
function hangingResponse(signal: AbortSignal | undefined): Response {
  const emitter = new BodyEmitter({ signal: signal ?? null });
  void emitter.emit(new TextEncoder().encode('{"'));
  return new Response(emitter.stream, {
    status: 200,
    headers: { ...corsHeaders, 'Content-Type': 'application/json' },
  });
}

/** A body that is not part of the run (a refused resume): sent as is, nothing recorded. */
function serveStatic(
  chunks: readonly MastraChunk[],
  settings: StreamSettings,
  signal: AbortSignal | undefined,
) {
  const emitter = new BodyEmitter({
    delayMs: settings.delayMs,
    faults: settings.faults,
    signal: signal ?? null,
  });
  const pipeline = new RecordPipeline('mastra', settings.faults, settings.chunkSize, settings.seed);
  const records = chunks.map((chunk) => ({ text: JSON.stringify(chunk) }));
  void (async () => {
    if (await emitPieces(emitter, [...pipeline.push(records), ...pipeline.end()])) emitter.close();
  })();
  return streamResponse(emitter);
}

/**
 * `observe`: the history from `offset`, then (when asked and the run is still in memory) the newest segment
 * again — without its finish when the run is suspended — then whatever a live segment still produces.
 */
function observe(
  run: RunRecord,
  query: Readonly<Record<string, string>>,
  settings: StreamSettings,
  signal: AbortSignal | undefined,
): Response {
  const offset = Math.max(0, Number.parseInt(query.offset ?? '0', 10) || 0);
  const seen = run.log.length;
  const history = run.log.slice(run.forgottenBefore).slice(offset);
  const replayOn = run.script.observeReplay ?? false;
  const inMemory = run.inMemory && (run.live || !terminalStatuses.has(run.status()));
  const replay =
    replayOn && inMemory ? run.log.slice(Math.max(run.segmentStart, run.forgottenBefore), seen) : [];
  if (!run.live && replay[replay.length - 1]?.type === 'workflow-finish') replay.pop();
  const emitter = createEmitter(run, settings, signal);
  const pipeline = new RecordPipeline('mastra', settings.faults, settings.chunkSize, settings.seed);
  const toRecords = (chunks: readonly MastraChunk[]) =>
    chunks.map((chunk) => ({ text: JSON.stringify(chunk) }));
  const stopped = new Promise<void>((resolve) => emitter.onStop(resolve));

  void (async () => {
    if (!(await emitPieces(emitter, pipeline.push(toRecords([...history, ...replay]))))) return;
    let cursor = seen;
    while (run.live || cursor < run.log.length) {
      if (cursor < run.log.length) {
        const fresh = run.log.slice(cursor);
        cursor = run.log.length;
        if (!(await emitPieces(emitter, pipeline.push(toRecords(fresh))))) return;
        continue;
      }
      await Promise.race([run.changed(), stopped]);
      if (!emitter.active) return;
    }
    if (!(await emitPieces(emitter, pipeline.end()))) return;
    emitter.close();
  })();
  return streamResponse(emitter);
}

function withRunId(chunk: MastraChunk, runId: string): MastraChunk {
  if (chunk.runId !== undefined) return chunk;
  const { type, ...rest } = chunk;
  const filled: Record<string, unknown> = { type, runId, ...rest };
  const payload = asRecord(chunk.payload);
  if (type === 'workflow-step-output' && payload && payload.runId === undefined)
    filled.payload = { ...payload, runId };
  return filled as MastraChunk;
}

function isFaultList(
  faults: MockFaults | readonly (MockFaults | undefined)[],
): faults is readonly (MockFaults | undefined)[] {
  return Array.isArray(faults);
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

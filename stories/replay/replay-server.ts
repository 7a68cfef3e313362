import type { WorkflowDetails } from '@stepline/client';
import { BodyEmitter, mastraRunListEntry, mastraSnapshotFromEvents } from '@stepline/client/testing';
import { readWorkflowDetails } from '@stepline/client/wire';
import { type AnyHandler, HttpResponse, http } from 'msw';
import {
  loadScenario,
  loadWorkflowDetails,
  type RecordedScenario,
  type RecordedSegment,
  recordedAtOf,
  recordedWorkflowIds,
  type ScenarioEntry,
  type ScenarioName,
  scenarioEntry,
} from './fixtures';
import { ReplayClock } from './replay-clock';

/** What a story replays (its `parameters.replay`). */
export interface ReplayOptions {
  readonly scenario: ScenarioName;
  /**
   * `'start'` (default): nothing has happened yet; the story starts the run (create-run, then stream).
   * A number: the story opens a run that already exists, as it was this many ms into the recording.
   */
  readonly from?: 'start' | number;
  /**
   * The first live stream breaks off like a dropped connection (`TypeError: network error`) in the middle
   * of the first chunk due at or after this many ms into the recording. Only once: the server goes on.
   */
  readonly dropStreamAt?: number;
  /**
   * Move every recorded timestamp by one constant so the run happens *now* (live durations then read
   * like the recording's). Digits only change in place: byte lengths and chunk boundaries stay as
   * recorded. Default true.
   */
  readonly rebaseTimestamps?: boolean;
}

/** A request the replay answered, for play functions to assert on. */
export interface ReplayRequest {
  readonly route: RouteName;
  readonly method: string;
  readonly path: string;
  readonly body: unknown;
  /** Virtual ms (into the recording) when it arrived. */
  readonly atMs: number;
}

type RouteName =
  | 'create-run'
  | 'stream'
  | 'resume-stream'
  | 'observe'
  | 'cancel'
  | 'get-run'
  | 'list-runs'
  | 'get-workflow';

interface Gate {
  readonly kind: 'stream' | 'resume' | 'cancel';
  readonly atMs: number;
  readonly segment?: RecordedSegment;
  readonly response?: unknown;
  opened: boolean;
}

interface SegmentListener {
  readonly chunk: (index: number) => void;
  readonly end: () => void;
}

const isMainSegment = (segment: RecordedSegment) =>
  segment.kind === 'stream' || segment.kind === 'resume-stream';
/** Epoch-ms timestamps of the recording: 13 digits, within half a day of `recordedAt`. */
const timestampPattern = /\b1\d{12}\b/g;
const isoPattern = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
const decoder = new TextDecoder();
const encoder = new TextEncoder();

let current: ReplayServer | undefined;

/** The replay of the story on screen (undefined for stories that replay nothing). */
export function currentReplay(): ReplayServer | undefined {
  return current;
}

/**
 * A Mastra server that only knows one recorded run, and plays it back: `stream` and `resume-stream`
 * answer with the recorded bodies, chunk by chunk at the recorded times (scaled by the toolbar's speed),
 * `GET runs/:runId` with the snapshot recorded at that moment (or, between recorded snapshots, what the
 * server had stored by then, derived from the events so far), `observe` with the observe recorded at
 * that moment or the history so far plus the live rest, and a killed server (`killed-mid-run`) refuses
 * connections until its recorded restart. The recorder's actions (resume, cancel) are gates: the
 * recording waits for the story's user to do the same.
 */
export class ReplayServer {
  private static nextId = 1;
  readonly id = ReplayServer.nextId++;
  readonly entry: ScenarioEntry;
  readonly ready: Promise<void>;
  readonly requests: ReplayRequest[] = [];
  private scenario: RecordedScenario | undefined;
  private details: WorkflowDetails | undefined;
  private clock: ReplayClock | undefined;
  private gates: Gate[] = [];
  private readonly runs: SegmentRun[] = [];
  private created = false;
  /** When this scenario's set was recorded: timestamps within half a day of it are the recording's. */
  private readonly recordedAtMs: number;
  private epochZero: number;
  private shift: number | undefined;
  private readonly rebased = new Map<RecordedSegment, Uint8Array>();
  private readonly bodies = new Set<BodyEmitter>();
  private dropPending: boolean;
  private downFrom: number | undefined;
  private downUntil: number | undefined;
  private disposed = false;

  constructor(readonly options: ReplayOptions) {
    this.entry = scenarioEntry(options.scenario);
    this.recordedAtMs = Date.parse(recordedAtOf(options.scenario));
    this.epochZero = this.recordedAtMs;
    this.dropPending = options.dropStreamAt !== undefined;
    this.ready = loadScenario(options.scenario).then((scenario) => this.init(scenario));
    current = this;
    // For a look from the browser's console: `__steplineReplay.requests`, `__steplineReplay.now()`.
    (globalThis as { __steplineReplay?: ReplayServer }).__steplineReplay = this;
  }

  /** Virtual ms into the recording. */
  now(): number {
    return this.clock?.now() ?? 0;
  }

  handlers(): AnyHandler[] {
    const base = '*/api/workflows';
    return [
      http.post(`${base}/:workflowId/create-run`, (info) => this.answer('create-run', info)),
      http.post(`${base}/:workflowId/stream`, (info) => this.answer('stream', info)),
      http.post(`${base}/:workflowId/resume-stream`, (info) => this.answer('resume-stream', info)),
      http.post(`${base}/:workflowId/observe`, (info) => this.answer('observe', info)),
      http.post(`${base}/:workflowId/runs/:runId/cancel`, (info) => this.answer('cancel', info)),
      http.get(`${base}/:workflowId/runs/:runId`, (info) => this.answer('get-run', info)),
      http.get(`${base}/:workflowId/runs`, (info) => this.answer('list-runs', info)),
      http.get(`${base}/:workflowId`, (info) => this.answer('get-workflow', info)),
      // What hono answers for a route it does not have.
      http.all('*/api/*', () => new HttpResponse('404 Not Found', { status: 404 })),
    ];
  }

  /** Stops every timer and open body; the story is gone. */
  dispose(): void {
    this.disposed = true;
    this.clock?.dispose();
    for (const body of this.bodies) body.fail(new DOMException('The story was closed', 'AbortError'));
    this.bodies.clear();
    if (current === this) current = undefined;
  }

  private init(scenario: RecordedScenario): void {
    this.scenario = scenario;
    this.details = readWorkflowDetails(scenario.workflowId, scenario.workflow);
    const main = scenario.segments.filter(isMainSegment);
    const gates: Gate[] = main.map((segment, index) => ({
      kind: index === 0 ? 'stream' : 'resume',
      atMs: segment.openedAtMs,
      segment,
      opened: false,
    }));
    for (const action of scenario.actions) {
      if (action.request?.path.endsWith('/cancel')) {
        gates.push({ kind: 'cancel', atMs: action.atMs, response: action.response, opened: false });
      }
      if (action.description.startsWith('server process killed')) this.downFrom = action.atMs;
      if (action.description.startsWith('server restarted')) this.downUntil = action.atMs;
    }
    this.gates = gates.sort((a, b) => a.atMs - b.atMs);

    const first = main[0];
    if (first) {
      const text = decoder.decode(first.bytes);
      const stamps = [...text.matchAll(timestampPattern)].map(Number).filter((ms) => this.nearRecording(ms));
      if (stamps.length > 0) {
        this.epochZero = Math.min(...stamps) - (first.openedAtMs + (first.chunks[0]?.atMs ?? 0));
      }
    }

    const from = this.options.from ?? 'start';
    if (from === 'start') {
      this.clock = new ReplayClock(0, this.nextGateAt());
      return;
    }
    // Opening an existing run: everything the recorder did before `from` has happened.
    this.fixShift(from);
    this.created = true;
    this.clock = new ReplayClock(from, Number.POSITIVE_INFINITY);
    for (const gate of this.gates) {
      if (gate.atMs > from) continue;
      gate.opened = true;
      if (gate.segment) this.startSegment(gate.segment);
    }
    this.clock.setGate(this.nextGateAt());
  }

  private async answer(
    route: RouteName,
    info: { request: Request; params: Record<string, string | readonly string[] | undefined> },
  ): Promise<Response> {
    const { request } = info;
    const url = new URL(request.url);
    const body = request.method === 'GET' ? undefined : await request.json().catch(() => undefined);
    try {
      await this.ready;
    } catch (error) {
      return mastraError(500, `The recording could not be loaded: ${String(error)}`);
    }
    if (this.disposed) return HttpResponse.error();
    const atMs = this.now();
    this.requests.push({ route, method: request.method, path: url.pathname + url.search, body, atMs });
    // Between the recorded kill and restart nothing answers: `fetch` fails as with a refused connection.
    if (this.downFrom !== undefined && atMs >= this.downFrom && atMs < (this.downUntil ?? Infinity)) {
      return HttpResponse.error();
    }
    const workflowId = String(info.params.workflowId ?? '');
    if (route === 'get-workflow') {
      if (!recordedWorkflowIds.includes(workflowId)) return mastraError(404, 'Workflow not found');
      return HttpResponse.json(await loadWorkflowDetails(workflowId));
    }
    if (workflowId !== this.entry.workflowId) {
      if (route === 'list-runs' && recordedWorkflowIds.includes(workflowId)) {
        return HttpResponse.json({ runs: [], total: 0 });
      }
      return mastraError(
        404,
        recordedWorkflowIds.includes(workflowId) ? 'Workflow run not found' : 'Workflow not found',
      );
    }
    if (route === 'list-runs') {
      const runs = this.created ? [mastraRunListEntry(this.snapshotAt(atMs))] : [];
      return HttpResponse.json({ runs, total: runs.length });
    }
    const runId = String(info.params.runId ?? url.searchParams.get('runId') ?? '');
    if (runId !== this.entry.runId) {
      return mastraError(
        404,
        `Workflow run not found (this story replays run ${this.entry.runId} of fixtures/recorded/${this.entry.name}; it knows no run "${runId}")`,
      );
    }
    switch (route) {
      case 'create-run':
        this.created = true;
        return HttpResponse.json({ runId });
      case 'stream':
        return this.startStream();
      case 'resume-stream':
        return this.resume(body);
      case 'observe':
        return this.observe();
      case 'cancel':
        return this.cancel();
      case 'get-run':
        if (!this.created) return mastraError(404, 'Workflow run not found');
        return HttpResponse.json(this.snapshotAt(atMs));
    }
  }

  private startStream(): Response {
    const gate = this.gates.find((candidate) => candidate.kind === 'stream');
    if (!this.created || !gate?.segment) return mastraError(404, 'Workflow run not found');
    if (gate.opened) {
      return mastraError(
        409,
        `Workflow run ${this.entry.runId} was already started. Use /observe to follow it or /resume-stream to resume it.`,
      );
    }
    this.fixShift(gate.atMs);
    return this.streamSegment(this.openGate(gate, true)!, this.options.dropStreamAt);
  }

  private resume(body: unknown): Response {
    const gate = this.gates.find((candidate) => !candidate.opened);
    if (gate?.kind !== 'resume' || !gate.segment) {
      return mastraError(
        409,
        `This story replays fixtures/recorded/${this.entry.name}: the recording has no further resume of this run.`,
      );
    }
    const mismatch = this.resumeMismatch(gate.segment.request.body, body);
    if (mismatch) return mastraError(400, mismatch);
    return this.streamSegment(this.openGate(gate, true)!);
  }

  private cancel(): Response {
    if (!this.created) return mastraError(404, 'Workflow run not found');
    const gate = this.gates.find((candidate) => candidate.kind === 'cancel' && !candidate.opened);
    if (!gate) {
      return mastraError(
        409,
        `This story replays fixtures/recorded/${this.entry.name}, which was not canceled: open the "Cancel mid-run" story to see a cancel.`,
      );
    }
    // A cancel does not move the clock: the run goes on to the moment the recorder canceled it.
    this.openGate(gate, false);
    return HttpResponse.json(gate.response ?? { message: 'Workflow run cancelled' });
  }

  private observe(): Response {
    const scenario = this.scenario!;
    const now = this.now();
    const latestOpen = this.latestOpenedAt();
    const recorded = scenario.segments
      .filter((segment) => !isMainSegment(segment) && segment.openedAtMs <= now)
      .at(-1);
    if (recorded && recorded.openedAtMs >= latestOpen) return this.replayObserve(recorded);
    return this.synthesizedObserve();
  }

  /** An observe body as recorded, from its own start: history (and Mastra's replay) first, then live. */
  private replayObserve(segment: RecordedSegment): Response {
    const body = this.track(new BodyEmitter());
    const bytes = this.bytesOf(segment);
    void (async () => {
      for (const chunk of segment.chunks) {
        if (!(await this.clock!.until(segment.openedAtMs + chunk.atMs)) || !body.active) return;
        void body.emit(bytes.subarray(chunk.offset, chunk.offset + chunk.length));
      }
      body.close();
    })();
    return streamResponse(body, segment);
  }

  /**
   * No observe was recorded at this moment: what Mastra sends then, made of the recorded bytes — every
   * chunk that happened so far, then the rest of the segment that is still running, as it happens.
   */
  private synthesizedObserve(): Response {
    const body = this.track(new BodyEmitter());
    for (const run of this.runs) {
      for (let index = 0; index < run.happened; index++) void body.emit(run.chunkBytes(index));
    }
    const live = this.runs.find((run) => !run.ended);
    if (!live) {
      setTimeout(() => body.close(), 0);
    } else {
      const unsubscribe = live.subscribe({
        chunk: (index) => void body.emit(live.chunkBytes(index)),
        end: () => (live.segment.error ? body.fail(new TypeError('terminated')) : body.close()),
      });
      body.onStop(unsubscribe);
    }
    return streamResponse(body, undefined);
  }

  private streamSegment(run: SegmentRun, dropAt?: number): Response {
    const body = this.track(new BodyEmitter());
    const { segment } = run;
    const unsubscribe = run.subscribe({
      chunk: (index) => {
        const piece = run.chunkBytes(index);
        const due = segment.openedAtMs + segment.chunks[index]!.atMs;
        if (dropAt !== undefined && this.dropPending && due >= dropAt) {
          // Half a chunk, then the connection is gone: the reader gets a record cut in the middle.
          this.dropPending = false;
          void body.emit(piece.subarray(0, Math.floor(piece.length / 2)));
          body.fail(new TypeError('network error'));
          return;
        }
        void body.emit(piece);
      },
      end: () => (segment.error ? body.fail(new TypeError('terminated')) : body.close()),
    });
    body.onStop(unsubscribe);
    return streamResponse(body, segment);
  }

  private openGate(gate: Gate, jump: boolean): SegmentRun | undefined {
    gate.opened = true;
    if (jump) this.clock!.advanceTo(gate.atMs, this.nextGateAt());
    else this.clock!.setGate(this.nextGateAt());
    return gate.segment ? this.startSegment(gate.segment) : undefined;
  }

  private startSegment(segment: RecordedSegment): SegmentRun {
    const brokeAt = segment.error ? (this.downFrom ?? 0) : 0;
    const run = new SegmentRun(segment, this.bytesOf(segment), this.clock!, brokeAt, (ended) => {
      // Between a segment's end and the recorder's next action nothing happens on the server.
      if (!ended.segment.error) this.clock!.advanceTo(this.nextGateAt());
    });
    this.runs.push(run);
    return run;
  }

  private nextGateAt(): number {
    return this.gates.find((gate) => !gate.opened)?.atMs ?? Number.POSITIVE_INFINITY;
  }

  private latestOpenedAt(): number {
    return this.runs.reduce((latest, run) => Math.max(latest, run.segment.openedAtMs), -1);
  }

  /**
   * `GET runs/:runId`: the snapshot recorded at this moment, if one was taken since the latest segment
   * began; otherwise what Mastra would have stored, derived from the events so far.
   */
  private snapshotAt(now: number): Record<string, unknown> {
    const scenario = this.scenario!;
    const recorded = scenario.snapshots.filter((snapshot) => snapshot.takenAtMs <= now).at(-1);
    if (recorded && recorded.takenAtMs >= this.latestOpenedAt()) {
      return this.rebaseJson(recorded.body) as Record<string, unknown>;
    }
    const events: unknown[] = [];
    let lastAt = 0;
    for (const run of this.runs) {
      events.push(...run.happenedRecords());
      if (run.happened > 0) {
        lastAt = Math.max(lastAt, run.segment.openedAtMs + run.segment.chunks[run.happened - 1]!.atMs);
      }
    }
    const first = scenario.segments.find(isMainSegment);
    const input = (first?.request.body as { inputData?: unknown } | undefined)?.inputData;
    return mastraSnapshotFromEvents(events, {
      runId: scenario.runId,
      workflowId: scenario.workflowId,
      input,
      live: this.runs.some((run) => !run.ended && !run.segment.error),
      createdAt: new Date(this.epochAt(first?.openedAtMs ?? 0)),
      updatedAt: new Date(this.epochAt(Math.min(now, lastAt))),
    });
  }

  /**
   * The recorder's resume carried a decision (an enum or boolean field of the step's resume schema): the
   * recording only shows what followed that one. Free text (notes, names) may differ.
   */
  private resumeMismatch(recorded: unknown, sent: unknown): string | undefined {
    const recordedBody = asRecord(recorded) ?? {};
    const sentBody = asRecord(sent) ?? {};
    const recordedStep = stepKey(recordedBody.step);
    const sentStep = stepKey(sentBody.step);
    const where = `This story replays fixtures/recorded/${this.entry.name}`;
    if (recordedStep !== undefined && sentStep !== undefined && recordedStep !== sentStep) {
      return `${where}, where \`${recordedStep}\` was resumed next, not \`${sentStep}\`. Resume that one first.`;
    }
    const stepId = recordedStep ?? sentStep;
    const schema = stepId === undefined ? undefined : this.details?.steps[stepId]?.resumeSchema;
    const properties = asRecord(schema?.properties) ?? {};
    const recordedData = asRecord(recordedBody.resumeData) ?? {};
    const sentData = asRecord(sentBody.resumeData) ?? {};
    for (const [key, property] of Object.entries(properties)) {
      const decides = asRecord(property)?.type === 'boolean' || Array.isArray(asRecord(property)?.enum);
      if (!decides || !(key in recordedData)) continue;
      if (JSON.stringify(recordedData[key]) !== JSON.stringify(sentData[key])) {
        return `${where}, where the answer to \`${stepId}\` was ${key}: ${JSON.stringify(recordedData[key])} (you sent ${JSON.stringify(sentData[key]) ?? 'nothing'}). Answer the same to see what happened next.`;
      }
    }
    return undefined;
  }

  private fixShift(atMs: number): void {
    if (this.shift !== undefined) return;
    this.shift =
      this.options.rebaseTimestamps === false ? 0 : Math.round(Date.now() - (this.epochZero + atMs));
  }

  /** Epoch-ms timestamps of the recording: 13 digits, within half a day of when it was recorded. */
  private nearRecording(ms: number): boolean {
    return Math.abs(ms - this.recordedAtMs) < 12 * 3_600_000;
  }

  private epochAt(atMs: number): number {
    return this.epochZero + atMs + (this.shift ?? 0);
  }

  private bytesOf(segment: RecordedSegment): Uint8Array {
    const shift = this.shift ?? 0;
    if (shift === 0) return segment.bytes;
    let bytes = this.rebased.get(segment);
    if (!bytes) {
      const text = decoder
        .decode(segment.bytes)
        .replace(timestampPattern, (digits) =>
          this.nearRecording(Number(digits)) ? String(Number(digits) + shift) : digits,
        );
      bytes = encoder.encode(text);
      // Same number of digits, so every recorded chunk boundary still falls where it did.
      if (bytes.length !== segment.bytes.length) bytes = segment.bytes;
      this.rebased.set(segment, bytes);
    }
    return bytes;
  }

  private rebaseJson(value: unknown): unknown {
    const shift = this.shift ?? 0;
    if (shift === 0) return value;
    if (typeof value === 'number') return this.nearRecording(value) ? value + shift : value;
    if (typeof value === 'string') {
      if (!isoPattern.test(value)) return value;
      const ms = Date.parse(value);
      return this.nearRecording(ms) ? new Date(ms + shift).toISOString() : value;
    }
    if (Array.isArray(value)) return value.map((item) => this.rebaseJson(item));
    if (typeof value === 'object' && value !== null) {
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, this.rebaseJson(item)]));
    }
    return value;
  }

  private track(body: BodyEmitter): BodyEmitter {
    this.bodies.add(body);
    body.onStop(() => this.bodies.delete(body));
    return body;
  }
}

/**
 * One recorded `stream` / `resume-stream` segment as the server runs it: chunk by chunk on the replay
 * clock, whether or not anyone is reading (closing a stream does not stop a Mastra run).
 */
class SegmentRun {
  happened = 0;
  ended = false;
  private readonly listeners = new Set<SegmentListener>();

  constructor(
    readonly segment: RecordedSegment,
    private readonly bytes: Uint8Array,
    private readonly clock: ReplayClock,
    /** For a body that broke off (server killed): when it broke. */
    private readonly brokeAt: number,
    private readonly onEnd: (run: SegmentRun) => void,
  ) {
    void this.run();
  }

  chunkBytes(index: number): Uint8Array {
    const chunk = this.segment.chunks[index]!;
    return this.bytes.subarray(chunk.offset, chunk.offset + chunk.length);
  }

  /** The records of every chunk that happened so far, parsed. */
  happenedRecords(): unknown[] {
    if (this.happened === 0) return [];
    const last = this.segment.chunks[this.happened - 1]!;
    const text = decoder.decode(this.bytes.subarray(0, last.offset + last.length));
    const complete = text.slice(0, text.lastIndexOf('\x1E') + 1);
    return complete
      .split('\x1E')
      .filter((record) => record.trim() !== '')
      .flatMap((record) => {
        try {
          return [JSON.parse(record) as unknown];
        } catch {
          return [];
        }
      });
  }

  subscribe(listener: SegmentListener): () => void {
    if (this.ended) {
      queueMicrotask(listener.end);
      return () => {};
    }
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private async run(): Promise<void> {
    const { chunks, openedAtMs } = this.segment;
    for (let index = 0; index < chunks.length; index++) {
      if (!(await this.clock.until(openedAtMs + chunks[index]!.atMs))) return;
      this.happened = index + 1;
      for (const listener of [...this.listeners]) listener.chunk(index);
    }
    if (this.segment.error && !(await this.clock.until(this.brokeAt))) return;
    this.ended = true;
    for (const listener of [...this.listeners]) listener.end();
    this.listeners.clear();
    this.onEnd(this);
  }
}

function streamResponse(body: BodyEmitter, segment: RecordedSegment | undefined): Response {
  return new HttpResponse(body.stream, {
    status: segment?.status ?? 200,
    headers: { 'Content-Type': segment?.contentType ?? 'text/plain' },
  });
}

/** Mastra's error answers: `{"error": message}`. */
function mastraError(status: number, message: string): Response {
  return HttpResponse.json({ error: message }, { status });
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function stepKey(step: unknown): string | undefined {
  if (typeof step === 'string') return step;
  if (Array.isArray(step)) return step.join('.');
  return undefined;
}

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { captureStream } from './capture-stream.ts';
import type {
  ActionEntry,
  ExpectedAgentText,
  RecordedRequest,
  ScenarioEntry,
  SegmentEntry,
  SegmentKind,
  SnapshotEntry,
  WorkflowEvent,
} from './types.ts';

export interface ScenarioDefinition {
  name: string;
  workflowId: string;
  description: string;
  /** Run status the `final` snapshot must show. */
  expectedFinalStatus: string;
  /** What the scripted models of an agent scenario say, for tests to compare with (see types.ts). */
  expectedAgentText?: ExpectedAgentText;
}

export interface RecordedSegment {
  entry: SegmentEntry;
  events: WorkflowEvent[];
}

const streamTimeoutMs = 30_000;

/** The last `workflow-finish` status of a segment: what that segment says, not the run's status. */
export function finishStatusOf(events: WorkflowEvent[]): string | null {
  const finish = events.findLast((event) => event.type === 'workflow-finish');
  return finish?.payload?.workflowStatus ?? null;
}

/**
 * Records one scenario: every stream it opens (numbered in the order opened), every snapshot and
 * every other request, into `<fixturesDir>/<scenario>/`. Work started from inside an event callback
 * (a snapshot mid-stream) is tracked and awaited by `settle()`.
 */
export class ScenarioRecorder {
  readonly definition: ScenarioDefinition;
  readonly runId: string;
  readonly #dir: string;
  readonly #fixturesDir: string;
  readonly #started = performance.now();
  #apiUrl: string;
  #segmentCount = 0;
  readonly #segments: SegmentEntry[] = [];
  readonly #snapshots: SnapshotEntry[] = [];
  readonly #actions: ActionEntry[] = [];
  readonly #pending = new Set<Promise<unknown>>();

  constructor(options: {
    fixturesDir: string;
    apiUrl: string;
    definition: ScenarioDefinition;
    runId: string;
  }) {
    this.definition = options.definition;
    this.runId = options.runId;
    this.#apiUrl = options.apiUrl;
    this.#fixturesDir = options.fixturesDir;
    this.#dir = join(options.fixturesDir, options.definition.name);
    mkdirSync(this.#dir, { recursive: true });
  }

  /** After a server restart the API lives on another port; recorded paths stay the same. */
  useApiUrl(apiUrl: string): void {
    this.#apiUrl = apiUrl;
  }

  elapsedMs(): number {
    return Math.round(performance.now() - this.#started);
  }

  workflowPath(suffix: string): string {
    return `/workflows/${this.definition.workflowId}${suffix}`;
  }

  runQuery(): string {
    return `runId=${encodeURIComponent(this.runId)}`;
  }

  /** Opens a stream; its number is taken now, so overlapping streams keep the order they were opened. */
  stream(
    kind: SegmentKind,
    options: { path?: string; body?: unknown; onEvent?: (event: WorkflowEvent) => void; note?: string } = {},
  ): Promise<RecordedSegment> {
    this.#segmentCount += 1;
    const number = String(this.#segmentCount).padStart(2, '0');
    const path = options.path ?? this.workflowPath(`/${defaultRoute(kind)}?${this.runQuery()}`);
    const body = options.body ?? {};
    const request: RecordedRequest = { method: 'POST', path: `/api${path}`, body };
    const base = `${this.definition.name}/${number}-${kind}`;
    const entry: SegmentEntry = {
      file: `${base}.bin`,
      chunksFile: `${base}.chunks.json`,
      kind,
      request,
      status: 0,
      contentType: null,
      openedAtMs: this.elapsedMs(),
      events: 0,
      finishStatus: null,
      ...(options.note ? { note: options.note } : {}),
    };
    this.#segments.push(entry);
    const work = (async () => {
      const captured = await captureStream({
        url: `${this.#apiUrl}${path}`,
        body,
        timeoutMs: streamTimeoutMs,
        onEvent: options.onEvent,
      });
      writeFileSync(join(this.#fixturesDir, entry.file), captured.bytes);
      writeFileSync(
        join(this.#fixturesDir, entry.chunksFile),
        `${JSON.stringify(captured.chunks, null, 2)}\n`,
      );
      entry.status = captured.status;
      entry.contentType = captured.contentType;
      entry.events = captured.events.length;
      entry.finishStatus = finishStatusOf(captured.events);
      if (captured.error) entry.error = captured.error;
      return { entry, events: captured.events };
    })();
    return this.#track(work);
  }

  /** `GET /workflows/:id/runs/:runId`, saved as `snapshot-<moment>.json`. */
  snapshot(moment: string): Promise<{ status: string | null; body: Record<string, unknown> }> {
    const takenAtMs = this.elapsedMs();
    const entry: SnapshotEntry = {
      file: `${this.definition.name}/snapshot-${moment}.json`,
      moment,
      status: null,
      takenAtMs,
    };
    this.#snapshots.push(entry);
    const work = (async () => {
      const response = await fetch(
        `${this.#apiUrl}${this.workflowPath(`/runs/${encodeURIComponent(this.runId)}`)}`,
      );
      const body = (await response.json()) as Record<string, unknown>;
      if (!response.ok)
        throw new Error(`snapshot ${moment}: HTTP ${response.status} ${JSON.stringify(body)}`);
      writeFileSync(join(this.#fixturesDir, entry.file), `${JSON.stringify(body, null, 2)}\n`);
      entry.status = typeof body.status === 'string' ? body.status : null;
      return { status: entry.status, body };
    })();
    return this.#track(work);
  }

  /** A plain JSON request (create-run, cancel), listed under the scenario's actions. */
  async request(description: string, method: string, path: string, body?: unknown): Promise<unknown> {
    const atMs = this.elapsedMs();
    const response = await fetch(`${this.#apiUrl}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // Keep the text as is.
    }
    this.#actions.push({
      atMs,
      description,
      request: { method, path: `/api${path}`, ...(body === undefined ? {} : { body }) },
      status: response.status,
      response: parsed,
    });
    if (!response.ok) throw new Error(`${description}: HTTP ${response.status} ${text}`);
    return parsed;
  }

  createRun(): Promise<unknown> {
    return this.request('create run', 'POST', this.workflowPath(`/create-run?${this.runQuery()}`), {});
  }

  /** Something that is not an HTTP request, such as killing the server process. */
  note(description: string): void {
    this.#actions.push({ atMs: this.elapsedMs(), description });
  }

  /** Runs work started from an event callback under this scenario's bookkeeping. */
  track<T>(work: Promise<T>): Promise<T> {
    return this.#track(work);
  }

  async settle(): Promise<void> {
    while (this.#pending.size > 0) await Promise.all([...this.#pending]);
  }

  /** Takes the `final` snapshot and checks it against the expected status. */
  async finish(failure?: unknown): Promise<ScenarioEntry> {
    let message = failure === undefined ? undefined : describe(failure);
    try {
      await this.settle();
    } catch (caught) {
      message ??= describe(caught);
    }
    let finalStatus: string | null = null;
    try {
      finalStatus = (await this.snapshot('final')).status;
    } catch (caught) {
      message ??= describe(caught);
    }
    if (!message && finalStatus !== this.definition.expectedFinalStatus) {
      message = `final status ${finalStatus}, expected ${this.definition.expectedFinalStatus}`;
    }
    return {
      name: this.definition.name,
      workflowId: this.definition.workflowId,
      runId: this.runId,
      description: this.definition.description,
      expectedFinalStatus: this.definition.expectedFinalStatus,
      ...(this.definition.expectedAgentText ? { expectedAgentText: this.definition.expectedAgentText } : {}),
      finalStatus,
      ok: message === undefined,
      ...(message ? { failure: message } : {}),
      segments: this.#segments,
      snapshots: this.#snapshots,
      actions: this.#actions,
    };
  }

  #track<T>(work: Promise<T>): Promise<T> {
    this.#pending.add(work);
    const forget = () => this.#pending.delete(work);
    work.then(forget, forget);
    return work;
  }
}

function defaultRoute(kind: SegmentKind): string {
  if (kind === 'stream') return 'stream';
  if (kind === 'resume-stream') return 'resume-stream';
  return 'observe';
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

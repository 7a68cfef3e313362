// Writes RELIABILITY.md: each fault issue 11 names, played against one tab's run controller with its
// default policies, and what came of it. Faults a Mastra server produces (a SIGKILL, a run waiting for a
// person) are played against the real server in apps/mastra-server, in child processes; faults that take
// a proxy or another instance (an observe ended early, an answer that never completes, a silent stream, a
// hostile `retry:`) against the testing kit's mock Mastra fetch, which runs the same HTTP transport.
// Every scenario runs at once, in real time (about two minutes). `pnpm reliability` from the root.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  createMastraHttpTransport,
  createRunController,
  type RunController,
  type RunControllerOptions,
  type RunSnapshot,
  type RunTransport,
  SteplineError,
} from '@stepline/client';
import {
  createMockMastraFetch,
  type MastraChunk,
  type MockMastraFetchOptions,
  mastraEvents,
} from '@stepline/client/testing';
import { spawnMastraServer } from '../apps/mastra-server/src/spawn-server.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const second = 1000;

interface Row {
  readonly fault: string;
  readonly source: string;
  readonly view: string;
  /** Requests per second from the tab over the whole fault, then over its last part (after backoff). */
  readonly during: string;
  readonly afterBackoff: string;
  readonly target: string;
  readonly recover: string;
  readonly lostOrDuplicated: string;
}

/** A fetch that counts what one tab sends, with when. */
function countingFetch(inner: typeof fetch) {
  const sent: number[] = [];
  const counted = ((input: string | URL | Request, init?: RequestInit) => {
    sent.push(performance.now());
    return inner(input, init);
  }) as typeof fetch;
  return {
    fetch: counted,
    perSecond(from: number, to: number) {
      const n = sent.filter((at) => at >= from && at < to).length;
      return n / ((to - from) / second);
    },
  };
}

/** Everything the view shows of the connection, in order, without repeats. */
function viewTrail(controller: RunController) {
  const trail: string[] = [];
  const note = () => {
    const connection = controller.connection.getSnapshot();
    const word = connection.stalled ? 'stalled' : connection.status;
    if (trail[trail.length - 1] !== word) trail.push(word);
  };
  controller.connection.subscribe(note);
  note();
  return trail;
}

function until(controller: RunController, predicate: () => boolean, timeoutMs: number): Promise<boolean> {
  return new Promise((resolveWait) => {
    const check = () => {
      if (!predicate()) return;
      done(true);
    };
    const offStore = controller.store.subscribe(check);
    const offConnection = controller.connection.subscribe(check);
    const timer = setTimeout(() => done(false), timeoutMs);
    function done(met: boolean) {
      clearTimeout(timer);
      offStore();
      offConnection();
      resolveWait(met);
    }
    check();
  });
}

const sleep = (ms: number) => new Promise((resolveSleep) => setTimeout(resolveSleep, ms));

/** Steps the server stored that the view lacks, and steps the view holds more than once. */
function lostAndDuplicated(controller: RunController, stored: RunSnapshot): string {
  const state = controller.store.getSnapshot();
  const lost = Object.keys(stored.steps).filter((id) => !state.steps.has(id)).length;
  let duplicated = 0;
  for (const id of state.stepIds) duplicated += Math.max(0, state.steps.get(id)!.executions.length - 1);
  return `${lost} / ${duplicated}`;
}

const rate = (value: number) => (value < 0.1 ? value.toFixed(3) : value.toFixed(2));
const seconds = (ms: number | undefined) =>
  ms === undefined ? 'not within the window' : `${(ms / second).toFixed(1)} s`;

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolvePort(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

// ------------------------------------------------------------------ the real server

/** SIGKILL mid-run, start again: offline, then stalled after a minute without change; Restart finishes it. */
async function killedMidRun(): Promise<Row> {
  const dir = mkdtempSync(join(tmpdir(), 'stepline-reliability-'));
  const storageUrl = `file:${join(dir, 'mastra.db')}`;
  const port = await freePort();
  let server = await spawnMastraServer({ storageUrl, port });
  const counter = countingFetch(globalThis.fetch);
  const transport = createMastraHttpTransport({ baseUrl: `http://127.0.0.1:${port}`, fetch: counter.fetch });
  const controller = createRunController({ transport, workflowId: 'slow-pipeline', visibility: null });
  const trail = viewTrail(controller);
  try {
    await controller.start({ inputData: { label: 'reliability' } });
    await until(controller, () => controller.store.getSnapshot().stepIds.length >= 4, 30 * second);
    const faultAt = performance.now();
    await server.kill('SIGKILL');
    server = await spawnMastraServer({ storageUrl, port });
    const stalled = await until(controller, () => controller.connection.getSnapshot().stalled, 120 * second);
    const stalledAt = performance.now();
    const restartAt = performance.now();
    await controller.restart();
    const ended = await until(
      controller,
      () => controller.connection.getSnapshot().status === 'closed',
      60 * second,
    );
    const endedAt = performance.now();
    const stored = await transport.getRun({ workflowId: 'slow-pipeline', runId: controller.runId! });
    return {
      fault: 'Mastra process SIGKILLed mid-run, started again on the same storage',
      source: 'Mastra 1.71 (child process)',
      view: `${trail.join(' → ')}; run ${controller.store.getSnapshot().status}`,
      during: rate(counter.perSecond(faultAt, stalledAt)),
      afterBackoff: rate(counter.perSecond(stalledAt - 30 * second, stalledAt)),
      target: '≤ 1/s after backoff',
      recover: `stalled after ${stalled ? seconds(stalledAt - faultAt) : 'never'}; Restart to success in ${ended ? seconds(endedAt - restartAt) : 'never'}`,
      lostOrDuplicated: lostAndDuplicated(controller, stored),
    };
  } finally {
    controller.detach();
    await server.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A run waiting for a person, with nothing changing: polling slows to one read per 30 s. */
async function suspendedAndIdle(apiUrlOf: () => string): Promise<Row> {
  const counter = countingFetch(globalThis.fetch);
  const transport = createMastraHttpTransport({ baseUrl: apiUrlOf(), fetch: counter.fetch });
  const starter = createRunController({
    transport: createMastraHttpTransport({ baseUrl: apiUrlOf() }),
    workflowId: 'content-brief',
    visibility: null,
  });
  await starter.start({ inputData: { topic: 'Reliability', audience: 'operators' } });
  await until(starter, () => starter.store.getSnapshot().status === 'suspended', 30 * second);
  starter.detach();
  const controller = createRunController({
    transport,
    workflowId: 'content-brief',
    runId: starter.runId!,
    visibility: null,
  });
  const trail = viewTrail(controller);
  const from = performance.now();
  void controller.watch().catch(() => {});
  await sleep(100 * second);
  const to = performance.now();
  const stored = await transport.getRun({ workflowId: 'content-brief', runId: starter.runId! });
  controller.detach();
  const idle = counter.perSecond(to - 60 * second, to);
  return {
    fault: 'Run suspended, waiting for a person, nothing changes (100 s)',
    source: 'Mastra 1.71 (child process)',
    view: `${trail.join(' → ')}; run ${controller.store.getSnapshot().status}`,
    during: rate(counter.perSecond(from, to)),
    afterBackoff: `${rate(idle)} (${(idle * 30).toFixed(1)} per 30 s)`,
    target: '≤ 1 per 30 s once idle',
    recover: '— (a change or the page shown again reads at once)',
    lostOrDuplicated: lostAndDuplicated(controller, stored),
  };
}

// ------------------------------------------------------------------ the testing kit

const workflowId = 'pipeline';
const runId = 'run-1';

function slowRun(steps: number): MastraChunk[] {
  const events: MastraChunk[] = [mastraEvents.workflowStart(runId, workflowId)];
  for (let index = 0; index < steps; index++)
    events.push(...mastraEvents.step(`step-${index}`, { startedAt: 1_000 + index }));
  events.push(mastraEvents.workflowFinish('success'));
  return events;
}

function suspendedRun(): MastraChunk[] {
  return [
    mastraEvents.workflowStart(runId, workflowId),
    mastraEvents.stepStart('review', { startedAt: 1_000 }),
    mastraEvents.stepSuspended('review', { startedAt: 1_000, suspendPayload: { reason: 'Check it' } }),
    mastraEvents.workflowFinish('suspended'),
  ];
}

interface Fault {
  /** True while the fault is on; the scenario turns it off after its window and watches the view recover. */
  on: boolean;
  readonly listeners: Set<() => void>;
}

async function mockScenario(
  fault: string,
  mock: (state: Fault) => MockMastraFetchOptions,
  options: {
    readonly windowMs: number;
    readonly target: string;
    readonly start?: boolean;
    readonly controller?: (state: Fault) => Partial<RunControllerOptions>;
    readonly transport?: (fetch: typeof globalThis.fetch, state: Fault) => RunTransport;
  },
): Promise<Row> {
  // Off while the run is started, as another tab did before this one came.
  const state: Fault = { on: false, listeners: new Set() };
  const fetch = createMockMastraFetch(mock(state));
  const counter = countingFetch(fetch);
  const transport =
    options.transport?.(counter.fetch, state) ??
    createMastraHttpTransport({ baseUrl: 'http://mastra.test', fetch: counter.fetch });
  if (options.start !== false) {
    const starter = createMastraHttpTransport({ baseUrl: 'http://mastra.test', fetch });
    void starter.streamRun({ workflowId, runId }, { inputData: {} }, { onChunks() {} }).catch(() => {});
    await sleep(50);
  }
  state.on = true;
  const controller = createRunController({
    transport,
    workflowId,
    runId,
    visibility: null,
    ...options.controller?.(state),
  });
  const trail = viewTrail(controller);
  const from = performance.now();
  void controller.watch().catch(() => {});
  await sleep(options.windowMs);
  const to = performance.now();
  // The fault ends: how long until the view holds what the server stored?
  state.on = false;
  for (const listener of state.listeners) listener();
  let caughtUp: number | undefined;
  const deadline = performance.now() + 45 * second;
  while (performance.now() < deadline) {
    const stored = fetch.snapshotOf(runId);
    if (stored && holdsStored(controller, stored)) {
      caughtUp = performance.now() - to;
      break;
    }
    await sleep(50);
  }
  controller.detach();
  const stored = fetch.snapshotOf(runId);
  return {
    fault,
    source: 'testing kit (mock Mastra fetch)',
    view: `${trail.join(' → ')}; run ${controller.store.getSnapshot().status}`,
    during: rate(counter.perSecond(from, to)),
    afterBackoff: rate(counter.perSecond(to - options.windowMs / 2, to)),
    target: options.target,
    recover: `${seconds(caughtUp)} after the fault ended`,
    lostOrDuplicated: stored ? lostAndDuplicated(controller, snapshotOf(stored)) : '—',
  };
}

/** The view shows the run as stored: its status, and every stored step with its status. */
function holdsStored(controller: RunController, stored: Record<string, unknown>): boolean {
  const state = controller.store.getSnapshot();
  if (state.status !== stored.status) return false;
  const steps = (stored.steps ?? {}) as Record<string, { status?: string }>;
  return Object.entries(steps).every(([id, step]) => state.steps.get(id)?.status === step.status);
}

/** The mock's stored run as a RunSnapshot's steps, enough to compare step ids. */
function snapshotOf(body: Record<string, unknown>): RunSnapshot {
  return { steps: (body.steps ?? {}) as RunSnapshot['steps'] } as RunSnapshot;
}

const firstRecordBytes =
  new TextEncoder().encode(JSON.stringify(mastraEvents.workflowStart(runId, workflowId))).length + 1;

function mockScenarios(): Promise<Row>[] {
  const moving = () => [{ workflowId, runId, segments: [{ events: slowRun(60), delayMs: 1_500 }] }];
  const waiting = () => [{ workflowId, runId, segments: [{ events: suspendedRun() }] }];
  return [
    mockScenario(
      'observe ends cleanly after records while the run goes on (a proxy ending a history replay), 60 s',
      (fault) => ({
        runs: moving(),
        faults: (request) =>
          fault.on && request.route === 'observe' ? { endAfterBytes: firstRecordBytes } : undefined,
      }),
      { windowMs: 60 * second, target: '≤ 1/s after backoff (was 576/s)' },
    ),
    mockScenario(
      'SSE `retry:` of 2^31 ms on a stream that keeps dropping (a hostile relay), 60 s',
      () => ({ runs: moving() }),
      {
        windowMs: 60 * second,
        target: '≤ 1/s (was 267/s)',
        transport: (fetch, fault) => {
          const http = createMastraHttpTransport({ baseUrl: 'http://mastra.test', fetch });
          return {
            ...http,
            observeRun: async (run, handlers, streamOptions) => {
              if (!fault.on) return http.observeRun(run, handlers, streamOptions);
              await fetch('http://mastra.test/api/workflows/pipeline/observe?runId=run-1', {
                method: 'POST',
                body: '{}',
              }).then((response) => response.body?.cancel());
              throw new SteplineError('network', 'The stream dropped.');
            },
            retryHintOf: () => (fault.on ? 2 ** 31 : undefined),
          };
        },
      },
    ),
    mockScenario(
      'Every read of the stored run never completes (a stalled proxy), 40 s',
      (fault) => ({
        runs: waiting(),
        faults: (request) => (fault.on && request.route === 'get-run' ? { hang: true } : undefined),
      }),
      { windowMs: 40 * second, target: '≤ 1/s' },
    ),
    mockScenario(
      'observe stays open but silent while the run moves on (a stuck proxy), 60 s',
      (fault) => ({
        runs: moving(),
        faults: (request) =>
          fault.on && request.route === 'observe'
            ? { stall: { afterBytes: firstRecordBytes, ms: 600 * second } }
            : undefined,
      }),
      { windowMs: 60 * second, target: '≤ 1/s' },
    ),
    mockScenario(
      'The server refuses every connection (down), 60 s',
      (fault) => ({ runs: waiting(), faults: () => (fault.on ? { refuse: true } : undefined) }),
      { windowMs: 60 * second, target: '≤ 1/s after backoff' },
    ),
    mockScenario('Page hidden while the run waits for a person, 60 s', () => ({ runs: waiting() }), {
      windowMs: 60 * second,
      target: 'none while hidden',
      controller: (fault) => ({
        visibility: {
          isHidden: () => fault.on,
          subscribe: (listener) => {
            fault.listeners.add(listener);
            return () => fault.listeners.delete(listener);
          },
        },
      }),
    }),
  ];
}

// ------------------------------------------------------------------ run everything, write the table

const started = new Date();
const dir = mkdtempSync(join(tmpdir(), 'stepline-reliability-shared-'));
const shared = await spawnMastraServer({ storageUrl: `file:${join(dir, 'mastra.db')}`, port: 0 });
let rows: Row[];
try {
  rows = await Promise.all([killedMidRun(), suspendedAndIdle(() => shared.url), ...mockScenarios()]);
} finally {
  await shared.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
}

const lines = [
  '# Reliability',
  '',
  `Written by \`pnpm reliability\` (bench/reliability.ts) on ${started.toISOString().slice(0, 10)}, ${cpus().length} CPU, Node ${process.versions.node}. Do not edit by hand.`,
  '',
  'Each fault is played against one tab: a run controller with its default policies (`pollIntervalMs` 2 s,',
  '`maxPollIntervalMs` 30 s, `readTimeoutMs` 15 s, `liveCheckMs` 15 s, `stalledAfterMs` 60 s, backoff 250 ms',
  'doubling to 10 s). Requests per second count everything the tab sent during the fault, and over its last',
  'half (last 30 s before the stall for the SIGKILL, last 60 s for the idle run): the rate after backoff.',
  'Then the fault ends; "time to recover" is how long until the view holds the run as stored (status and',
  'every step). "Lost / duplicated" compares the steps the view holds with the steps the server stored at',
  'the end: stored but missing from the view, and extra executions of one step (target 0 / 0).',
  '',
  '| Fault | Played on | What the view shows | Requests/s during the fault | After backoff | Target | Time to recover | Steps lost / duplicated |',
  '|---|---|---|---|---|---|---|---|',
  ...rows.map(
    (row) =>
      `| ${row.fault} | ${row.source} | ${row.view} | ${row.during} | ${row.afterBackoff} | ${row.target} | ${row.recover} | ${row.lostOrDuplicated} |`,
  ),
  '',
  'Mastra 1.71 streams nothing of a restarted run (`observe` is empty before and after the restart), so after',
  'Restart the view follows the run by reading it at the poll interval.',
];
writeFileSync(resolve(root, 'RELIABILITY.md'), `${lines.join('\n')}\n`);
console.log(lines.join('\n'));
process.exit(0);

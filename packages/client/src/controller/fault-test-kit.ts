/**
 * What the controller's fault tests share: a scripted slow run on the testing kit's mock Mastra fetch,
 * started in the background as another tab would, and a count of the requests one controller sends.
 * Test-only; not exported.
 */
import type { MastraChunk } from '../testing/mastra-events';
import { mastraEvents } from '../testing/mastra-events';
import {
  createMockMastraFetch,
  type MockMastraFetch,
  type MockMastraFetchOptions,
  type MockRoute,
} from '../testing/mock-mastra-fetch';
import { createMastraHttpTransport } from '../transport/mastra-http-transport';
import { createRunController, type RunController, type RunControllerOptions } from './run-controller';

export const workflowId = 'pipeline';
export const runId = 'run-1';
export const run = { workflowId, runId };

/** `steps` steps, one finishing every `stepMs` once the run is started; then success. */
export function slowRunEvents(steps: number, startAt = 1_000): MastraChunk[] {
  const events: MastraChunk[] = [mastraEvents.workflowStart(runId, workflowId)];
  for (let index = 0; index < steps; index++) {
    events.push(...mastraEvents.step(`step-${index}`, { startedAt: startAt + index, output: { index } }));
  }
  events.push(mastraEvents.workflowFinish('success', { result: { done: true } }));
  return events;
}

/** A suspended run: one step waiting for a person. */
export function suspendedRunEvents(): MastraChunk[] {
  return [
    mastraEvents.workflowStart(runId, workflowId),
    mastraEvents.stepStart('review', { startedAt: 1_000 }),
    mastraEvents.stepSuspended('review', { startedAt: 1_000, suspendPayload: { reason: 'Check it' } }),
    mastraEvents.workflowFinish('suspended'),
  ];
}

export interface FaultBench {
  readonly fetch: MockMastraFetch;
  readonly controller: RunController;
  /** Requests of these routes the watching controller sent (the starter's `stream` is not counted). */
  count(routes?: readonly MockRoute[], from?: number, to?: number): number;
  /** Starts the run in the background, reading its stream as the tab that started it would. */
  startRun(): void;
}

const watchedRoutes: readonly MockRoute[] = ['get-run', 'observe', 'list-runs', 'get-workflow', 'restart'];

/**
 * A controller watching `run` through the real HTTP transport on the mock. When a loop runs away (more
 * than `limit` requests) the controller is detached, so a test of today's hot loop fails instead of
 * spinning for ever.
 */
export function faultBench(
  mock: MockMastraFetchOptions,
  options: Partial<RunControllerOptions> = {},
  limit = 2_000,
): FaultBench {
  const fetch = createMockMastraFetch(mock);
  const sent: { route: MockRoute; at: number }[] = [];
  let controller: RunController | undefined;
  const counted = ((input: string | URL | Request, init?: RequestInit) => {
    sent.push({ route: routeOf(String(input), init?.method ?? 'GET'), at: Date.now() });
    if (sent.length > limit) controller?.detach();
    return fetch(input, init);
  }) as typeof globalThis.fetch;
  const transport = createMastraHttpTransport({ baseUrl: 'http://mastra.test', fetch: counted });
  controller = createRunController({
    transport,
    workflowId,
    runId,
    random: () => 0.5,
    visibility: null,
    ...options,
  });
  const starter = createMastraHttpTransport({ baseUrl: 'http://mastra.test', fetch });
  const startedAt = Date.now();
  return {
    fetch,
    controller,
    count(routes = watchedRoutes, from = 0, to = Number.POSITIVE_INFINITY) {
      return sent.filter(
        (entry) => routes.includes(entry.route) && entry.at - startedAt >= from && entry.at - startedAt < to,
      ).length;
    },
    startRun() {
      void starter.streamRun(run, { inputData: {} }, { onChunks() {} }).catch(() => {});
    },
  };
}

/** The route of a request the HTTP transport sends, read off its URL. */
function routeOf(url: string, method: string): MockRoute {
  const path = new URL(url).pathname.replace(/^.*\/workflows\/[^/]+/, '');
  if (method === 'GET') {
    if (path === '') return 'get-workflow';
    if (path === '/runs') return 'list-runs';
    return path.startsWith('/runs/') ? 'get-run' : 'unknown';
  }
  const last = path.split('/').pop() ?? '';
  switch (last) {
    case 'observe':
    case 'stream':
    case 'resume-stream':
    case 'restart':
    case 'create-run':
    case 'cancel':
      return last;
    default:
      return 'unknown';
  }
}

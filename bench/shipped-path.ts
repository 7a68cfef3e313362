// Stepline on the path an app runs: bytes from `fetch` through the default HTTP transport and the run
// controller (stored run, live stream, re-read at the end) into its store; or, over the app's own route,
// through `createSteplineRoute` (its SSE relay) and `createRouteTransport`.
import {
  createMastraHttpTransport,
  createRouteTransport,
  createRunController,
  createRunStore,
  isTerminalRunStatus,
  type RunTransport,
  synchronousScheduler,
} from '@stepline/client';
import { createSteplineRoute } from '@stepline/client/server';
import { bodyOf } from './response-body.ts';

export interface ShippedRunOptions {
  /** The stored run's `steps` as `getRun` answers, before the stream and after it (default: none). */
  readonly storedSteps?: Record<string, unknown>;
  /** The run's id: the controller drops chunks of any other run (default `bench-run`, the generator's). */
  readonly runId?: string;
  /** Each piece in its own turn of the event loop (see `bodyOf`): one event per read, as the app gets it. */
  readonly readsApart?: boolean;
}

/**
 * Mastra played by a `fetch`: the stored run (running before the stream, finished after it: the
 * controller re-reads at the end) and, on `observe`, the stream body in the given pieces.
 */
export function mastraFetch(
  pieces: readonly Uint8Array[],
  options: ShippedRunOptions = {},
  onBodyEnd?: () => void,
): typeof fetch {
  let streamed = false;
  return (async (input: string | URL | Request) => {
    const url = String(input instanceof Request ? input.url : input);
    if (url.includes('/observe')) {
      streamed = true;
      return new Response(bodyOf(pieces, { apart: options.readsApart, onEnd: onBodyEnd }), {
        headers: { 'content-type': 'text/plain' },
      });
    }
    return Response.json({
      runId: options.runId ?? 'bench-run',
      workflowName: 'bench',
      status: streamed ? 'success' : 'running',
      steps: options.storedSteps ?? {},
    });
  }) as typeof fetch;
}

/**
 * A run controller on `transport` until everything sent is in its store. `watch()` resolves once the run
 * is over and re-read. A recorded segment that ends with the run suspended (or cut off mid-run) leaves
 * the controller waiting for a person or a reconnect (2 s later), which is not ingest: there, done is the
 * body read to its end and handed to the store (`bodyEnded` is called by the body's last read).
 */
async function followToEnd(transport: RunTransport, runId: string, bodyEnded: { call: () => void }) {
  const store = createRunStore({ scheduler: synchronousScheduler });
  const controller = createRunController({ transport, workflowId: 'bench', runId, store });
  await new Promise<void>((resolve, reject) => {
    bodyEnded.call = () =>
      setImmediate(() => {
        if (!isTerminalRunStatus(store.getSnapshot().status)) resolve();
      });
    controller.watch().then(resolve, reject);
  });
  controller.detach();
  return store.getSnapshot();
}

/** fetch -> HTTP transport -> run controller -> store: the shipped default. */
export function steplineShipped(pieces: readonly Uint8Array[], options: ShippedRunOptions = {}) {
  const bodyEnded = { call: () => {} };
  const fetch = mastraFetch(pieces, options, () => bodyEnded.call());
  const transport = createMastraHttpTransport({ baseUrl: 'http://mastra.local', fetch });
  return followToEnd(transport, options.runId ?? 'bench-run', bodyEnded);
}

/**
 * Mastra -> the app's route (`createSteplineRoute`, its SSE relay) -> route transport -> controller ->
 * store. For runs that end (the end of Mastra's body is not yet the end of the relay's).
 */
export function steplineOverRoute(pieces: readonly Uint8Array[], options: ShippedRunOptions = {}) {
  const route = createSteplineRoute({
    mastra: { url: 'http://mastra.local', fetch: mastraFetch(pieces, options) },
    workflows: ['bench'],
    authorize: () => true,
    heartbeatMs: 0,
  });
  const fetch = (async (input: string | URL | Request, init?: RequestInit) =>
    route(input instanceof Request ? input : new Request(input, init))) as typeof globalThis.fetch;
  const transport = createRouteTransport({ route: 'http://app.local/api/stepline', fetch });
  return followToEnd(transport, options.runId ?? 'bench-run', { call: () => {} });
}

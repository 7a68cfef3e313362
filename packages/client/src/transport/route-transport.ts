import { createMastraHttpTransport } from './mastra-http-transport';
import type { HeadersInput, RunTransport } from './run-transport';
import { listRunsThroughRoute } from './runs-across-workflows';
import { createSseTransport } from './sse-transport';

export interface RouteTransportOptions {
  /**
   * Where the app mounted `createSteplineRoute` (from `@stepline/client/server`), e.g. `/api/stepline`:
   * a path on the page's own origin, or a whole URL.
   */
  readonly route: string;
  /** Headers for every request to the route (the app's own session travels as cookies without them). */
  readonly headers?: HeadersInput;
  readonly fetch?: typeof fetch;
  /** See `createSseTransport`: a live stream silent this long is considered lost. Default 45 000 ms. */
  readonly idleTimeoutMs?: number;
  /** Stream records longer than this (in characters) are reported (`parse`) and skipped. Default 64 Mi. */
  readonly maxRecordLength?: number;
}

/** The route transport: a `RunTransport` that also lists the runs of every workflow in one request. */
export interface RouteTransport extends RunTransport {
  listRunsAcrossWorkflows: NonNullable<RunTransport['listRunsAcrossWorkflows']>;
}

/**
 * Everything through the app's one Stepline route: stored runs, runs lists (one workflow's, or every
 * workflow's in one request: `listRunsAcrossWorkflows`), workflow details, start,
 * resume and cancel as JSON and record streams, the live stream as Server-Sent Events with ids that
 * survive reconnects and Mastra restarts. The browser never talks to Mastra.
 *
 * @example
 * const transport = createRouteTransport({ route: '/api/stepline' });
 * const controller = createRunController({ transport, workflowId: 'content-brief', runId });
 */
export function createRouteTransport(options: RouteTransportOptions): RouteTransport {
  const base = options.route.replace(/\/+$/, '');
  const shared = {
    ...(options.headers ? { headers: options.headers } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.maxRecordLength === undefined ? {} : { maxRecordLength: options.maxRecordLength }),
  };
  // The route mirrors Mastra's paths without the `/api` prefix, so the HTTP transport serves as is.
  const http = createMastraHttpTransport({ baseUrl: base, apiPrefix: '', ...shared });
  const sse = createSseTransport({
    url: (run) =>
      `${base}/workflows/${encodeURIComponent(run.workflowId)}/runs/${encodeURIComponent(run.runId)}/events`,
    ...shared,
    ...(options.idleTimeoutMs === undefined ? {} : { idleTimeoutMs: options.idleTimeoutMs }),
  });
  const routeClient = { baseUrl: base, apiPrefix: '', ...shared };
  return {
    ...http,
    observeRun: sse.observeRun,
    retryHintOf: sse.retryHintOf,
    // One request for every workflow's runs: the route asks Mastra per workflow on the server.
    listRunsAcrossWorkflows: (query, listOptions = {}) =>
      listRunsThroughRoute(routeClient, query, listOptions.signal ? { signal: listOptions.signal } : {}),
  };
}

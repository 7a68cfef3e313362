import { sendHttpRequest } from '../transport/http-request';
import type { HeadersInput } from '../transport/run-transport';
import { SteplineError } from '../util/stepline-error';
import type { FetchHandler } from './node-adapter';
import { relayRunAsSse } from './relay-run-as-sse';
import { routeError } from './route-error';
import {
  matchRoute,
  matchRunsAcrossWorkflows,
  type RouteMatch,
  type SteplineRouteAction,
} from './route-paths';
import { handleRunsAcrossWorkflows } from './runs-across-workflows';

/** Mastra as the route's server reaches it over HTTP: its URL and the server-side credentials. */
export interface MastraUpstream {
  /** Mastra's root as this server sees it, e.g. `http://127.0.0.1:4111` (never shown to the browser). */
  readonly url: string;
  /** Mastra's API prefix. Default `/api`. */
  readonly apiPrefix?: string;
  /**
   * Headers for every call to Mastra: the server-side token. A function is called per call (and once
   * more with `attempt: 2` after a 401/403, to refresh the token).
   */
  readonly headers?: HeadersInput;
  readonly fetch?: typeof fetch;
}

export interface SteplineRouteContext {
  /** The browser's request: read its cookies or `Authorization` header to know who asks. */
  readonly request: Request;
  readonly action: SteplineRouteAction;
  readonly workflowId: string;
  /** The run the request is about; undefined for `list`, `details` and a `start` without a chosen id. */
  readonly runId: string | undefined;
}

export interface SteplineRouteOptions {
  readonly mastra: MastraUpstream;
  /** The workflows the route serves. Any other id is answered 404, as if it did not exist. */
  readonly workflows: readonly string[];
  /**
   * Decides every request: `true` lets it through, `false` answers 403 (code `auth`), and a `Response`
   * is sent as it is (a 401 that sends the user to a login page, say). Called after the route and the
   * workflow are known and before anything reaches Mastra.
   */
  readonly authorize: (context: SteplineRouteContext) => boolean | Response | Promise<boolean | Response>;
  /**
   * The path the route is mounted at, e.g. `/api/stepline`. Optional: without it the end of the path is
   * matched, which suits a catch-all route.
   */
  readonly basePath?: string;
  /** Largest accepted request body, in bytes. Default 1 MiB. */
  readonly maxBodyBytes?: number;
  /** Milliseconds between `: ping` comments on the live stream. Default 15 000. */
  readonly heartbeatMs?: number;
  /** The reconnection delay sent to the browser as SSE `retry:`. Default 2 000. */
  readonly retryMs?: number;
  /** Failures talking to Mastra (never sent to the browser). Default: `console.warn`. */
  readonly onError?: (error: unknown) => void;
}

/** The route as a fetch handler, with the same function as `GET` and `POST` for a Next.js route file. */
export interface SteplineRoute extends FetchHandler {
  readonly GET: FetchHandler;
  readonly POST: FetchHandler;
}

/**
 * Headers of the route's streamed answers: no caching, no compression, no proxy buffering. A compressing
 * server (`next start`, Express's `compression`) holds a compressed stream until its buffer fills, so
 * every step would appear at the end; `no-transform` is what those respect.
 */
export const streamResponseHeaders: Readonly<Record<string, string>> = {
  'Cache-Control': 'no-cache, no-transform',
  'X-Accel-Buffering': 'no',
};

/**
 * The one route a web app mounts to show Mastra runs: stored run, runs list (of one workflow, or `GET …/runs` across all of them), workflow details, the live
 * stream as Server-Sent Events, start, resume, cancel and restart — and nothing else of Mastra (no
 * agents, tools or memory). The browser talks only to the app (same origin: no CORS, no exposed Mastra);
 * the route talks to Mastra with the server's credentials, after `authorize` said yes.
 *
 * Unknown routes, workflows outside `workflows`, and unknown runs are answered 404 JSON
 * (`{ error, code: 'not-found' }`) without creating anything in Mastra: reads never call `create-run`.
 * Mastra down or failing is a 502 (`network` or `http`); the details go to `onError`, not the browser.
 *
 * @example
 * // app/api/stepline/[...path]/route.ts (Next.js)
 * import { createSteplineRoute } from '@stepline/client/server';
 * export const { GET, POST } = createSteplineRoute({
 *   mastra: { url: process.env.MASTRA_URL!, headers: { Authorization: `Bearer ${process.env.MASTRA_TOKEN}` } },
 *   workflows: ['content-brief'],
 *   authorize: async ({ request }) => (await getUser(request)) !== undefined,
 * });
 */
export function createSteplineRoute(options: SteplineRouteOptions): SteplineRoute {
  const allowed = new Set(options.workflows);
  const report = options.onError ?? ((error: unknown) => console.warn('[stepline] route:', error));
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
  const client = {
    baseUrl: options.mastra.url,
    apiPrefix: options.mastra.apiPrefix ?? '/api',
    ...(options.mastra.headers ? { headers: options.mastra.headers } : {}),
    ...(options.mastra.fetch ? { fetch: options.mastra.fetch } : {}),
  };
  const runPath = (match: RouteMatch) =>
    `/workflows/${encodeURIComponent(match.workflowId)}/runs/${encodeURIComponent(match.runId ?? '')}`;

  async function handle(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const found = matchRoute(request.method, url.pathname, options.basePath, url.searchParams.get('runId'));
    const acrossWorkflows = found.ok
      ? false
      : matchRunsAcrossWorkflows(request.method, url.pathname, options.basePath);
    if (acrossWorkflows === true) {
      return handleRunsAcrossWorkflows(request, {
        client,
        workflows: options.workflows,
        authorize: (workflowId) =>
          options.authorize({ request, action: 'list', workflowId, runId: undefined }),
        report,
      });
    }
    if (acrossWorkflows === 405) return routeError(405, 'http', 'Use GET here.', { Allow: 'GET' });
    if (!found.ok) {
      return found.status === 405
        ? routeError(405, 'http', `Use ${found.allow} here.`, { Allow: found.allow ?? '' })
        : routeError(
            404,
            'not-found',
            `No Stepline route at ${url.pathname}. The client's route option must be the path this handler is mounted at.`,
            undefined,
            'wrong-path',
          );
    }
    const match = found.match;
    if (!allowed.has(match.workflowId)) return notFound(match);
    if (
      (match.kind === 'stream' || match.kind === 'resume-stream' || match.kind === 'restart') &&
      !match.runId
    ) {
      return routeError(400, 'http', `${match.kind} needs a runId query parameter.`);
    }

    const verdict = await options.authorize({
      request,
      action: match.action,
      workflowId: match.workflowId,
      runId: match.runId,
    });
    if (verdict !== true) {
      return verdict === false
        ? routeError(403, 'auth', `Not allowed to ${match.action} this run.`)
        : verdict;
    }

    const body = match.method === 'POST' ? await readJsonBody(request, maxBodyBytes) : undefined;
    if (body instanceof Response) return body;
    const signal = request.signal;
    const call = (
      method: 'GET' | 'POST',
      path: string,
      extra: { query?: Record<string, string | undefined>; body?: unknown } = {},
    ) =>
      sendHttpRequest(client, {
        method,
        path,
        ...(extra.query ? { query: extra.query } : {}),
        ...(extra.body === undefined ? {} : { body: extra.body }),
        signal,
        ...(match.runId ? { runId: match.runId } : {}),
      });
    const workflowPath = `/workflows/${encodeURIComponent(match.workflowId)}`;

    try {
      switch (match.kind) {
        case 'details':
          return json(await call('GET', workflowPath));
        case 'list': {
          const query: Record<string, string | undefined> = {};
          for (const name of ['page', 'perPage', 'status', 'resourceId', 'fromDate', 'toDate']) {
            query[name] = url.searchParams.get(name) ?? undefined;
          }
          return json(await call('GET', `${workflowPath}/runs`, { query }));
        }
        case 'read':
          return json(await call('GET', runPath(match)));
        case 'watch': {
          // The stored run first: an unknown run is a 404 here, and `observe` never gets to create one.
          await call('GET', runPath(match)).then((response) => response.body?.cancel());
          return await relayRunAsSse({
            request,
            heartbeatMs: options.heartbeatMs ?? 15_000,
            retryMs: options.retryMs ?? 2_000,
            onError: report,
            source: ({ signal: upstreamSignal }) =>
              sendHttpRequest(client, {
                method: 'POST',
                path: `${workflowPath}/observe`,
                query: { runId: match.runId },
                body: {},
                signal: upstreamSignal,
              }),
          });
        }
        case 'create-run':
          return json(
            await call('POST', `${workflowPath}/create-run`, {
              query: { runId: match.runId },
              body: body ?? {},
            }),
          );
        case 'stream':
          return stream(
            await call('POST', `${workflowPath}/stream`, { query: { runId: match.runId }, body: body ?? {} }),
          );
        case 'resume-stream':
          await call('GET', runPath(match)).then((response) => response.body?.cancel());
          return stream(
            await call('POST', `${workflowPath}/resume-stream`, {
              query: { runId: match.runId },
              body: body ?? {},
            }),
          );
        case 'cancel':
          await call('GET', runPath(match)).then((response) => response.body?.cancel());
          return json(await call('POST', `${runPath(match)}/cancel`, { body: {} }));
        case 'restart':
          await call('GET', runPath(match)).then((response) => response.body?.cancel());
          return json(
            await call('POST', `${workflowPath}/restart`, { query: { runId: match.runId }, body: {} }),
          );
        default:
          return assertNever(match.kind);
      }
    } catch (error) {
      return upstreamFailure(error, match, report);
    }
  }

  const route = ((request: Request) => handle(request)) as FetchHandler & {
    GET: FetchHandler;
    POST: FetchHandler;
  };
  route.GET = route;
  route.POST = route;
  return route;
}

function notFound(match: RouteMatch): Response {
  return routeError(
    404,
    'not-found',
    match.runId === undefined
      ? `No workflow ${match.workflowId}.`
      : `No run ${match.runId} of workflow ${match.workflowId}.`,
  );
}

/** Mastra's JSON answer, passed on without its other headers (cookies, CORS, server names). */
async function json(response: Response): Promise<Response> {
  return new Response(await response.text(), {
    status: response.status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' },
  });
}

/** Mastra's record stream (`\x1E`-framed JSON), passed on as it comes, marked not to be buffered. */
function stream(response: Response): Response {
  return new Response(response.body, {
    status: response.status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', ...streamResponseHeaders },
  });
}

function upstreamFailure(error: unknown, match: RouteMatch, report: (error: unknown) => void): Response {
  if (!SteplineError.isInstance(error)) {
    report(error);
    return routeError(502, 'http', 'Mastra could not be asked.');
  }
  switch (error.code) {
    case 'not-found':
      return notFound(match);
    case 'conflict':
      return routeError(409, 'conflict', `The run is not in a state to ${match.action}.`);
    case 'aborted':
      // The browser went away; nobody reads this answer.
      return routeError(499, 'aborted', 'The request was aborted.');
    case 'network':
      report(error);
      return routeError(502, 'network', 'Mastra cannot be reached from the server.');
    default:
      report(error);
      // Mastra refusing the route's own credentials is the server's problem, not the browser's: a 502.
      if (
        error.status !== undefined &&
        error.status >= 400 &&
        error.status < 500 &&
        error.status !== 401 &&
        error.status !== 403
      ) {
        return routeError(error.status, 'http', `Mastra refused the request (${error.status}).`);
      }
      return routeError(502, 'http', `Mastra answered ${error.status ?? 'with an error'}.`);
  }
}

/** The request's JSON body, bounded; a `Response` when it is too large or not JSON. */
async function readJsonBody(request: Request, maxBytes: number): Promise<unknown> {
  if (!request.body) return undefined;
  const reader = request.body.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      return routeError(413, 'http', `The request body is larger than ${maxBytes} bytes.`);
    }
    parts.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.byteLength;
  }
  const text = new TextDecoder().decode(bytes);
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return routeError(400, 'http', 'The request body is not JSON.');
  }
}

function assertNever(value: never): never {
  throw new Error(`Unexpected route ${String(value)}`);
}

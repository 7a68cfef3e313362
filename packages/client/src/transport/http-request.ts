import { excerpt, SteplineError } from '../util/stepline-error';
import { omitUndefined } from '../wire/wire-values';
import { collectSecrets, readTextPrefix, redact } from './error-body';
import type { HeadersInput } from './run-transport';

export interface HttpClientOptions {
  /** The server's root, e.g. `http://localhost:4111`. */
  readonly baseUrl: string;
  /** Mastra serves its API under `/api` unless configured otherwise. */
  readonly apiPrefix?: string;
  readonly headers?: HeadersInput;
  /** Injectable for tests, proxies and runtimes without a global fetch. */
  readonly fetch?: typeof fetch;
}

export interface HttpRequest {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly query?: Record<string, string | number | undefined>;
  readonly body?: unknown;
  readonly signal?: AbortSignal;
  readonly accept?: string;
  /** Names the run and step in errors. */
  readonly runId?: string;
  readonly stepId?: string;
}

/**
 * Sends one request and returns the 2xx response, or throws a `SteplineError` whose `code` says what went
 * wrong. When `headers` is a function, a 401 or 403 asks it for fresh headers once and retries. Header
 * values never appear in URLs or error messages.
 *
 * @example
 * const response = await sendHttpRequest({ baseUrl }, { method: 'GET', path: '/workflows/w/runs/r1' });
 */
export async function sendHttpRequest(client: HttpClientOptions, request: HttpRequest): Promise<Response> {
  const url = buildUrl(client, request);
  const doFetch = client.fetch ?? globalThis.fetch;
  const context = { runId: request.runId, stepId: request.stepId };
  const secrets = new Set<string>();
  for (let attempt = 1; ; attempt++) {
    const custom = await resolveHeaders(client.headers, attempt, url);
    collectSecrets(custom, secrets);
    const headers: Record<string, string> = { ...custom };
    if (request.accept) headers.Accept = request.accept;
    if (request.body !== undefined) headers['Content-Type'] = 'application/json';
    let response: Response;
    try {
      response = await doFetch(url, {
        method: request.method,
        headers,
        ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
        ...(request.signal ? { signal: request.signal } : {}),
      });
    } catch (cause) {
      throw networkError(cause, request, context);
    }
    if (response.ok) return response;
    const retryAuth =
      (response.status === 401 || response.status === 403) &&
      typeof client.headers === 'function' &&
      attempt === 1;
    if (retryAuth) {
      await response.body?.cancel().catch(() => {});
      continue;
    }
    throw await httpError(response, request, context, secrets);
  }
}

function buildUrl(client: HttpClientOptions, request: HttpRequest): string {
  const base = client.baseUrl.replace(/\/+$/, '');
  const prefix = client.apiPrefix ?? '/api';
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(request.query ?? {})) {
    if (value !== undefined) query.set(key, String(value));
  }
  const search = query.size > 0 ? `?${query}` : '';
  return `${base}${prefix}${request.path}${search}`;
}

async function resolveHeaders(input: HeadersInput | undefined, attempt: number, url: string) {
  if (!input) return {};
  if (typeof input !== 'function') return input;
  try {
    return await input({ attempt, url });
  } catch (cause) {
    throw new SteplineError('auth', `The headers function failed (attempt ${attempt}).`, { cause });
  }
}

function describe(request: HttpRequest): string {
  return `${request.method} ${request.path}`;
}

function networkError(cause: unknown, request: HttpRequest, context: { runId?: string; stepId?: string }) {
  const aborted = request.signal?.aborted || (cause instanceof Error && cause.name === 'AbortError');
  if (aborted)
    return new SteplineError('aborted', `${describe(request)} was aborted.`, {
      cause,
      ...omitUndefined(context),
    });
  return new SteplineError(
    'network',
    `${describe(request)} could not reach the server: ${(cause as Error)?.message ?? String(cause)}`,
    { cause, ...omitUndefined(context) },
  );
}

async function httpError(
  response: Response,
  request: HttpRequest,
  context: { runId?: string; stepId?: string },
  secrets: ReadonlySet<string>,
) {
  // A bounded read with the sent header values blanked out: the body only explains the status.
  const text = redact(await readTextPrefix(response), secrets);
  let detail = text;
  try {
    const body = JSON.parse(text) as Record<string, unknown>;
    detail = String(body.error ?? body.message ?? text);
  } catch {}
  const status = response.status;
  const code =
    status === 401 || status === 403
      ? 'auth'
      : status === 404
        ? 'not-found'
        : status === 409
          ? 'conflict'
          : 'http';
  const hint =
    code === 'auth'
      ? ' Check the headers given to Stepline (a header function is asked once more before this error).'
      : '';
  return new SteplineError(
    code,
    `${describe(request)} answered ${status}: ${excerpt(detail || redact(response.statusText, secrets))}.${hint}`,
    {
      status,
      ...omitUndefined(context),
    },
  );
}

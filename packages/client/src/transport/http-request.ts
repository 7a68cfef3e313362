import type { HeadersInput } from './run-transport';
import { sendRequest } from './send-request';

export interface HttpClientOptions {
  /** The server's root, e.g. `http://localhost:4111`. */
  readonly baseUrl: string;
  /** Mastra serves its API under `/api` unless configured otherwise. */
  readonly apiPrefix?: string;
  readonly headers?: HeadersInput;
  /** Injectable for tests, proxies and runtimes without a global fetch. */
  readonly fetch?: typeof fetch;
  /**
   * Stream records longer than this (in characters) are reported (`parse`) and skipped instead of being
   * buffered. Default: 64 Mi characters.
   */
  readonly maxRecordLength?: number;
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
 * Sends one request to Mastra's API and returns the 2xx response, or throws a `SteplineError` whose
 * `code` says what went wrong. When `headers` is a function, a 401 or 403 asks it for fresh headers once
 * and retries. Header values never appear in URLs or error messages.
 *
 * @example
 * const response = await sendHttpRequest({ baseUrl }, { method: 'GET', path: '/workflows/w/runs/r1' });
 */
export function sendHttpRequest(client: HttpClientOptions, request: HttpRequest): Promise<Response> {
  return sendRequest({
    url: buildUrl(client, request),
    label: `${request.method} ${request.path}`,
    method: request.method,
    headers: client.headers,
    ...(request.accept ? { protocolHeaders: { Accept: request.accept } } : {}),
    body: request.body === undefined ? undefined : JSON.stringify(request.body),
    signal: request.signal,
    fetch: client.fetch,
    runId: request.runId,
    stepId: request.stepId,
    authHint: 'Check the headers given to Stepline (a header function is asked once more before this error).',
  });
}

function buildUrl(client: HttpClientOptions, request: HttpRequest): string {
  const baseUrl = client.baseUrl;
  const base = baseUrl.endsWith('/') ? baseUrl.replace(/\/+$/, '') : baseUrl;
  const prefix = client.apiPrefix ?? '/api';
  return `${base}${prefix}${request.path}${searchOf(request.query)}`;
}

/** Query values that form encoding leaves as they are (what a run id, a page number or a status is). */
const formSafe = /^[\w.*-]*$/;

/**
 * `?` and the query as `URLSearchParams` writes it, or nothing. Built by hand when every value is
 * form-safe (the same text, without a `URLSearchParams` and an entries array per request: three
 * requests per run attached); any other value goes through `URLSearchParams`, which encodes it.
 */
function searchOf(query: HttpRequest['query']): string {
  let search = '';
  for (const key in query) {
    const value = query[key];
    if (value === undefined) continue;
    const text = String(value);
    if (!formSafe.test(key) || !formSafe.test(text)) return encodedSearchOf(query);
    search += `${search === '' ? '?' : '&'}${key}=${text}`;
  }
  return search;
}

function encodedSearchOf(query: NonNullable<HttpRequest['query']>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) params.set(key, String(value));
  }
  return params.size > 0 ? `?${params}` : '';
}

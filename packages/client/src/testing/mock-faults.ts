/**
 * Faults a mock response can be told to have. Byte counts refer to the encoded body (after framing and
 * after the record faults below), so `cutAfterBytes: 10` always delivers exactly 10 bytes.
 */
export interface StreamFaults {
  /**
   * Once this many body bytes are sent, the body errors with `TypeError('network error')`, as a dropped
   * TCP connection does in `fetch`. `0` errors before the first byte; a body shorter than this ends normally.
   */
  readonly cutAfterBytes?: number;
  /**
   * Once this many body bytes are sent, the body ends normally, although the run goes on: what a proxy
   * or another server instance does when it ends a history replay.
   */
  readonly endAfterBytes?: number;
  /** After `afterBytes` bytes, send nothing for `ms` milliseconds, then go on. Honours the request's signal. */
  readonly stall?: { readonly afterBytes: number; readonly ms: number };
  /** Insert a record that is not valid JSON before record `k` (0-based; at the end when fewer records come). */
  readonly malformedRecordAt?: number;
  /** The last record is cut in half and loses its separator, as when a server dies mid-write. */
  readonly truncateLastRecord?: boolean;
}

export interface HttpFaults {
  /** Answer with this status and a Mastra-like `{"error": message}` JSON body instead. */
  readonly status?: number;
  /** The `error` of that body. Default: what Mastra says for the status. */
  readonly errorMessage?: string;
}

export interface MockFaults extends StreamFaults, HttpFaults {
  /** `fetch` itself rejects with `TypeError('fetch failed')`, as when the server is down. Mock fetch only. */
  readonly refuse?: boolean;
  /**
   * The answer starts (status 200, headers, the first bytes of a JSON body) and never completes: a
   * stalled proxy. Only the request's signal ends it. Mock fetch only.
   */
  readonly hang?: boolean;
}

/** What Mastra 1.x answers with for each status (its auth layer, its handlers, hono's fallbacks). */
const defaultMessages: Readonly<Record<number, string>> = {
  400: 'Invalid request body',
  401: 'Invalid or expired token',
  403: 'Access denied',
  404: 'Workflow run not found',
  409: 'Workflow run is not in a state that allows this action',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

/** Headers the real server (hono with Mastra's CORS defaults) puts on every answer. */
export const corsHeaders: Readonly<Record<string, string>> = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Expose-Headers': '*',
};

/**
 * A Mastra-like JSON error answer: `{"error": message}` with `Content-Type: application/json`.
 * @example
 * const response = mastraErrorResponse(409, 'Workflow run r1 already finished with status "success".');
 */
export function mastraErrorResponse(
  status: number,
  message?: string,
  extra?: Record<string, unknown>,
): Response {
  return jsonResponse(status, { error: message ?? defaultMessages[status] ?? `HTTP ${status}`, ...extra });
}

/**
 * A JSON answer as the real server sends it.
 * @example
 * const response = jsonResponse(200, { runId: 'run-1' });
 */
export function jsonResponse(status: number, body: unknown): Response {
  // Statuses that may not carry a body would make the Response constructor throw.
  const nullBody = status === 204 || status === 205 || status === 304;
  return new Response(nullBody ? null : JSON.stringify(body), {
    status,
    headers: { ...corsHeaders, 'Content-Type': 'application/json' },
  });
}

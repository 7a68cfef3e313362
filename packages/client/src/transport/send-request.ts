import { corsMessage, crossOriginOf } from '../util/diagnosis';
import { SteplineError } from '../util/stepline-error';
import { collectSecrets, collectUrlSecrets, safeMessage } from './error-body';
import { httpErrorOf } from './http-error';
import type { HeadersInput } from './run-transport';

export interface SendRequestOptions {
  readonly url: string;
  /** The request as an error may show it: method and path, never a query string or credentials. */
  readonly label: string;
  readonly method: 'GET' | 'POST';
  /** The caller's headers: a value, or a function asked before each attempt (to refresh a token). */
  readonly headers?: HeadersInput | undefined;
  /** Headers of the protocol (`Accept`, `Last-Event-ID`): set over the caller's. */
  readonly protocolHeaders?: Readonly<Record<string, string>>;
  /** A JSON body, already serialized; sent with `Content-Type: application/json` unless one was given. */
  readonly body?: string | undefined;
  readonly signal?: AbortSignal | undefined;
  readonly fetch?: typeof fetch | undefined;
  readonly runId?: string | undefined;
  readonly stepId?: string | undefined;
  /** Added to an `auth` error's message. */
  readonly authHint?: string;
  /** The error for a request that never got an answer. Default: `aborted` or `network`. */
  readonly unreachable?: (cause: unknown) => SteplineError;
}

/**
 * The one request helper of the transports: sends a request and returns the 2xx response, or throws a
 * `SteplineError` whose `code` says what went wrong (`errorCodeOfStatus`). When `headers` is a function,
 * a 401 or 403 asks it once more (`attempt: 2`) and retries; after that the answer stands. Error bodies
 * are read bounded and with every sent header value blanked out.
 *
 * @example
 * const response = await sendRequest({ url, label: 'GET /workflows/w', method: 'GET', headers });
 */
export async function sendRequest(options: SendRequestOptions): Promise<Response> {
  // Called detached: a browser's fetch throws "Illegal invocation" when `this` is another object.
  const send = options.fetch ?? globalThis.fetch;
  // Filled in rather than spread: three requests per run attached.
  const context: { runId?: string; stepId?: string } = {};
  if (options.runId !== undefined) context.runId = options.runId;
  if (options.stepId !== undefined) context.stepId = options.stepId;
  // What an error must blank out: gathered only when there is an error to say. Parsing the URL on every
  // request was a measurable share of attaching to a run (three requests each).
  const sentHeaders: Record<string, string>[] = [];
  const secretsOf = (): Set<string> => {
    const secrets = new Set<string>();
    collectUrlSecrets(options.url, secrets);
    for (const custom of sentHeaders) collectSecrets(custom, secrets);
    return secrets;
  };
  for (let attempt = 1; ; attempt++) {
    const custom = await resolveHeaders(options.headers, attempt, options.url, context);
    sentHeaders.push(custom);
    const headers = headersOf(custom, options.label, context);
    const protocolHeaders = options.protocolHeaders;
    if (protocolHeaders)
      for (const [name, value] of Object.entries(protocolHeaders)) headers.set(name, value);
    if (options.body !== undefined && !headers.has('Content-Type')) {
      headers.set('Content-Type', 'application/json');
    }
    let response: Response;
    try {
      response = await sendFollowingSameOrigin(send, options, headers, context);
    } catch (cause) {
      if (SteplineError.isInstance(cause)) throw cause;
      // A browser tells a blocked cross-origin request from a dead server only in its console. An opaque
      // `no-cors` request tells them apart: it succeeds when the server answered and CORS hid the answer.
      const pageOrigin = options.signal?.aborted ? undefined : crossOriginOf(options.url);
      if (pageOrigin !== undefined && cause instanceof TypeError && (await answersOpaquely(send, options))) {
        throw new SteplineError('network', `${options.label}: ${corsMessage(pageOrigin, options.url)}`, {
          cause,
          ...context,
          diagnosis: 'cors',
        });
      }
      throw options.unreachable?.(cause) ?? unreachable(cause, options, context, secretsOf());
    }
    if (response.ok) return response;
    const authFailure = response.status === 401 || response.status === 403;
    if (authFailure && attempt === 1 && typeof options.headers === 'function') {
      await response.body?.cancel().catch(() => {});
      continue;
    }
    throw await httpErrorOf(response, {
      label: options.label,
      secrets: secretsOf(),
      ...context,
      ...(options.authHint === undefined ? {} : { authHint: options.authHint }),
    });
  }
}

/** How many same-origin redirects one request follows. */
const maxRedirects = 5;

/**
 * Sends without letting fetch follow redirects: a redirect to another origin would carry the caller's
 * headers (tokens) and a resume body to a server they were not meant for. A redirect on the same origin
 * is followed (a 303, or a 301/302 of a POST, becomes a GET without a body, as fetch does); one to
 * another origin, or one a browser hides (`opaqueredirect`: the target is not known), is an `http` error.
 */
async function sendFollowingSameOrigin(
  send: typeof fetch,
  options: SendRequestOptions,
  headers: Headers,
  context: { runId?: string; stepId?: string },
): Promise<Response> {
  let url = options.url;
  let method: string = options.method;
  let body = options.body;
  for (let redirects = 0; ; redirects++) {
    const init: RequestInit = { method, headers, redirect: 'manual' };
    if (body !== undefined) init.body = body;
    if (options.signal) init.signal = options.signal;
    const response = await send(url, init);
    const isRedirect =
      response.type === 'opaqueredirect' ||
      (response.status >= 300 && response.status < 400 && response.status !== 304);
    if (!isRedirect) return response;
    await response.body?.cancel().catch(() => {});
    const location = response.headers.get('Location');
    let target: URL | undefined;
    try {
      target = location === null ? undefined : new URL(location, url);
    } catch {}
    const from = new URL(url).origin;
    if (target === undefined || target.origin !== from || redirects >= maxRedirects) {
      const where =
        target === undefined
          ? 'a place the browser does not show'
          : target.origin === from
            ? 'too many places'
            : target.origin;
      throw new SteplineError(
        'http',
        `${options.label} was redirected (${response.status || 'opaque'}) to ${where}; Stepline does not follow redirects of API requests to another origin, so headers and bodies stay with the server they were meant for. Point baseUrl at the final address.`,
        { ...(response.status ? { status: response.status } : {}), ...context },
      );
    }
    if (
      response.status === 303 ||
      ((response.status === 301 || response.status === 302) && method === 'POST')
    ) {
      method = 'GET';
      body = undefined;
      headers.delete('Content-Type');
    }
    url = target.href;
  }
}

async function answersOpaquely(send: typeof fetch, options: SendRequestOptions): Promise<boolean> {
  try {
    await send(options.url, {
      method: 'GET',
      mode: 'no-cors',
      ...(options.signal ? { signal: options.signal } : {}),
    });
    return true;
  } catch {
    return false;
  }
}

async function resolveHeaders(
  input: HeadersInput | undefined,
  attempt: number,
  url: string,
  context: { runId?: string; stepId?: string },
): Promise<Record<string, string>> {
  if (!input) return {};
  if (typeof input !== 'function') return input;
  try {
    return await input({ attempt, url });
  } catch (cause) {
    throw new SteplineError('auth', `The headers function failed (attempt ${attempt}).`, {
      cause,
      ...context,
    });
  }
}

/**
 * The caller's headers as `Headers`. A value fetch refuses (a line break, a character outside Latin-1)
 * makes `Headers` throw a `TypeError` that quotes the value whole: a token would end up in an error
 * message, so the header is named instead, and nothing is sent.
 */
function headersOf(
  custom: Record<string, string>,
  label: string,
  context: { runId?: string; stepId?: string },
): Headers {
  try {
    return new Headers(custom);
  } catch {
    const bad = Object.keys(custom).filter((name) => {
      try {
        new Headers({ [name]: custom[name]! });
        return false;
      } catch {
        return true;
      }
    });
    throw new SteplineError(
      'auth',
      `${label} was not sent: the value of header ${bad.map((name) => `\`${name}\``).join(', ') || '(unknown)'} is not a valid header value (a line break or a character outside Latin-1). Check the headers given to Stepline.`,
      context,
    );
  }
}

function unreachable(
  cause: unknown,
  options: SendRequestOptions,
  context: { runId?: string; stepId?: string },
  secrets: ReadonlySet<string>,
): SteplineError {
  const aborted = options.signal?.aborted || (cause instanceof Error && cause.name === 'AbortError');
  if (aborted) return new SteplineError('aborted', `${options.label} was aborted.`, { cause, ...context });
  return new SteplineError(
    'network',
    // The runtime's words may quote the URL (credentials, a token in the query) or a header value.
    `${options.label} could not reach the server: ${safeMessage((cause as Error)?.message ?? String(cause), secrets)}`,
    { cause, ...context },
  );
}

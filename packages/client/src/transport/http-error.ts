import { wrongPathMessage } from '../util/diagnosis';
import { excerpt, SteplineError, type SteplineErrorCode } from '../util/stepline-error';
import { readTextPrefix, redact } from './error-body';

/**
 * The one HTTP status -> error code mapping, for every transport and the relay: a caller switching on
 * `code` gets the same answer whichever way the run was reached.
 *
 * @example
 * errorCodeOfStatus(404); // 'not-found'
 */
export function errorCodeOfStatus(
  status: number,
): Extract<SteplineErrorCode, 'auth' | 'not-found' | 'conflict' | 'http'> {
  if (status === 401 || status === 403) return 'auth';
  if (status === 404) return 'not-found';
  if (status === 409) return 'conflict';
  return 'http';
}

export interface HttpErrorContext {
  /** The request as an error may show it: method and path, never a query string or credentials. */
  readonly label: string;
  /** Header values sent with the request: blanked out of anything the server echoes back. */
  readonly secrets?: ReadonlySet<string>;
  readonly runId?: string | undefined;
  readonly stepId?: string | undefined;
  /** Added to an `auth` error's message: what the caller can check. */
  readonly authHint?: string;
}

/**
 * The error for a non-2xx answer. The body is read only up to a limit in size and time, and every header
 * value Stepline sent is blanked out of it, so it explains the status without leaking or hanging.
 *
 * @example
 * if (!response.ok) throw await httpErrorOf(response, { label: 'GET /workflows/w/runs/r1' });
 */
export async function httpErrorOf(response: Response, context: HttpErrorContext): Promise<SteplineError> {
  const secrets = context.secrets ?? new Set<string>();
  const raw = await readTextPrefix(response);
  let text = redact(raw, secrets);
  let detail = text;
  let json = false;
  let routeMissing = false;
  try {
    // Decoded first, redacted after: an echoed secret written with JSON escapes (`\/`, `\u00XX`) is
    // only recognisable once decoded.
    const body = JSON.parse(raw) as Record<string, unknown>;
    json = typeof body === 'object' && body !== null;
    detail = redact(String(body.error ?? body.message ?? raw), secrets);
    text = redact(JSON.stringify(body) ?? '', secrets);
    routeMissing = body.diagnosis === 'wrong-path';
  } catch {}
  const { status } = response;
  // Mastra and the Stepline route answer an unknown run or workflow with JSON; a page (a framework's
  // 404, Hono's "404 Not Found") means the request went to a path nothing serves.
  if (status === 404 && (!json || routeMissing)) {
    return new SteplineError('not-found', wrongPathMessage(context.label), {
      status,
      diagnosis: 'wrong-path',
      ...(context.runId === undefined ? {} : { runId: context.runId }),
      ...(text ? { input: text } : {}),
    });
  }
  const code = errorCodeOfStatus(status);
  const statusText = response.statusText ? ` ${redact(response.statusText, secrets)}` : '';
  const hint = code === 'auth' && context.authHint ? ` ${context.authHint}` : '';
  return new SteplineError(
    code,
    `${context.label} answered ${status}${statusText}${detail ? `: ${excerpt(detail)}` : ''}.${hint}`,
    {
      status,
      ...(context.runId === undefined ? {} : { runId: context.runId }),
      ...(context.stepId === undefined ? {} : { stepId: context.stepId }),
      ...(text ? { input: text } : {}),
    },
  );
}

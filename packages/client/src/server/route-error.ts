import type { DiagnosisCode } from '../util/diagnosis';
import type { SteplineErrorCode } from '../util/stepline-error';

/**
 * An error answer of the Stepline route: JSON `{ error, code }` with the client's error codes, so the
 * browser's transport (which maps the status) and a person reading the network tab see the same thing.
 * Never a stack or an upstream body: those stay in the server log.
 *
 * @example
 * return routeError(404, 'not-found', 'No run r1 of workflow content-brief.');
 */
export function routeError(
  status: number,
  code: SteplineErrorCode,
  message: string,
  headers?: Readonly<Record<string, string>>,
  diagnosis?: DiagnosisCode,
): Response {
  return new Response(JSON.stringify({ error: message, code, ...(diagnosis ? { diagnosis } : {}) }), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...headers },
  });
}

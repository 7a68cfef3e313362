/**
 * A misconfiguration Stepline recognised, with words that name the fix. It is not an error of the run:
 * the view goes on as best it can (retrying, polling) and a UI or the console says what to change.
 * - `cors`: the browser blocked a request to another origin.
 * - `wrong-path`: a 404 that is a page, not an answer about a run: the base URL or route is wrong.
 * - `buffered-stream`: the live stream delivered nothing while the stored run moved on: something
 *   between Mastra and the browser (compression, a proxy) holds the stream back.
 */
export type DiagnosisCode = 'cors' | 'wrong-path' | 'buffered-stream';

export interface Diagnosis {
  readonly code: DiagnosisCode;
  readonly message: string;
}

const routeFix =
  'Fix: mount createSteplineRoute in your app and use <SteplineProvider route="/api/stepline">.';

/**
 * The origin of the page when running in a browser and `url` points elsewhere; undefined otherwise.
 *
 * @example
 * crossOriginOf('http://localhost:4111/api/workflows'); // 'http://localhost:3000' on a page served there
 */
export function crossOriginOf(url: string): string | undefined {
  const page = globalThis as { location?: { origin?: string; href?: string }; document?: unknown };
  const location = page.location;
  if (typeof location?.origin !== 'string' || page.document === undefined) return undefined;
  try {
    return new URL(url, location.href).origin === location.origin ? undefined : location.origin;
  } catch {
    return undefined;
  }
}

/** @example corsMessage('http://localhost:3000', 'http://localhost:4111/api/workflows/w') */
export function corsMessage(pageOrigin: string, url: string): string {
  let target = url;
  try {
    target = new URL(url).origin;
  } catch {}
  return `The browser blocked the answer of ${target} to ${pageOrigin} (CORS). ${routeFix} Or allow ${pageOrigin} in Mastra's server.cors.`;
}

/** @example wrongPathMessage('GET /api/workflows/w/runs/r1') */
export function wrongPathMessage(label: string): string {
  return `${label} answered a 404 page: nothing serves this path. baseUrl is Mastra's root (without /api); route is where createSteplineRoute is mounted.`;
}

/** @example bufferedStreamMessage(4000) */
export function bufferedStreamMessage(silentMs: number): string {
  return `The live stream was silent for ${Math.round(silentMs / 1000)} s while the run moved on: compression or a proxy holds it back (the stored run is read meanwhile). ${routeFix} (its streams are sent with Cache-Control: no-transform).`;
}

import type { DiagnosisCode } from './diagnosis';

/**
 * Every error Stepline reports. One class with a discriminating `code`, so callers can `switch` on it, and
 * a marker symbol so `SteplineError.isInstance` still works when two copies of the package are bundled
 * (instanceof does not).
 */
export type SteplineErrorCode =
  /** A frame that is not valid JSON, or a record larger than the configured limit. */
  | 'parse'
  /** A JSON record whose shape cannot be a Mastra event (no type, a step event without an id). */
  | 'invalid-event'
  /** A snapshot whose shape cannot be read. */
  | 'invalid-snapshot'
  /** A non-2xx HTTP answer. */
  | 'http'
  /** 404: the workflow or run does not exist on this server. */
  | 'not-found'
  /** 401 or 403, after the header function (if any) was asked for fresh headers once. */
  | 'auth'
  /** The run is not in the state the action needs (a resume of a step that is no longer suspended). */
  | 'conflict'
  /** Resume data that fails the step's resume schema; nothing was sent. */
  | 'validation'
  | 'network'
  | 'aborted';

const marker = Symbol.for('stepline.error');

export interface SteplineErrorOptions {
  readonly cause?: unknown;
  readonly status?: number;
  readonly runId?: string;
  readonly stepId?: string;
  /** The offending input, cut to a readable length (never a whole 10 MB record). */
  readonly input?: string;
  /** For `validation`: every problem, with where it is, so a form can mark each field. */
  readonly issues?: readonly { readonly path: readonly (string | number)[]; readonly message: string }[];
  /** A misconfiguration recognised behind this error (CORS, a wrong base path); the message names the fix. */
  readonly diagnosis?: DiagnosisCode;
}

export class SteplineError extends Error {
  readonly [marker] = true;
  readonly code: SteplineErrorCode;
  readonly status: number | undefined;
  readonly runId: string | undefined;
  readonly stepId: string | undefined;
  readonly input: string | undefined;
  readonly issues: SteplineErrorOptions['issues'];
  readonly diagnosis: DiagnosisCode | undefined;

  constructor(code: SteplineErrorCode, message: string, options: SteplineErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'SteplineError';
    this.code = code;
    this.status = options.status;
    this.runId = options.runId;
    this.stepId = options.stepId;
    this.input = options.input === undefined ? undefined : excerpt(options.input);
    this.issues = options.issues;
    this.diagnosis = options.diagnosis;
  }

  /**
   * True for any Stepline error, from this copy of the package or another.
   * @example
   * if (SteplineError.isInstance(error) && error.code === 'conflict') showAlreadyResumed();
   */
  static isInstance(value: unknown): value is SteplineError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[marker] === true;
  }
}

const excerptLength = 200;

/** Keeps error messages and logs readable when the input was huge. */
export function excerpt(text: string, length = excerptLength): string {
  return text.length <= length ? text : `${text.slice(0, length)}… (${text.length} characters)`;
}

/** An error for input that cannot be read, quoting (an excerpt of) the input as JSON. */
export function invalidInput(
  code: 'invalid-event' | 'invalid-snapshot',
  message: string,
  input: unknown,
  stepId?: string,
): SteplineError {
  let text: string;
  try {
    text = JSON.stringify(input) ?? String(input);
  } catch {
    text = String(input);
  }
  return new SteplineError(code, message, stepId ? { input: text, stepId } : { input: text });
}

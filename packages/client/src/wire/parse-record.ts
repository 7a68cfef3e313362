import { err, ok, type Result } from '../util/result';
import { excerpt, SteplineError } from '../util/stepline-error';

/**
 * Parses one record's text as JSON. Invalid JSON is an error value, not a throw, so the stream goes on.
 * @example
 * const parsed = parseRecord('{"type":"workflow-start"}');
 * if (parsed.ok) console.log(parsed.value);
 */
export function parseRecord(text: string): Result<unknown, SteplineError> {
  try {
    return ok(JSON.parse(text));
  } catch (cause) {
    return err(
      new SteplineError('parse', `A stream record is not valid JSON: ${(cause as Error).message}`, {
        cause,
        input: excerpt(text),
      }),
    );
  }
}

/**
 * The fast path of `parseRecord`, for every record of a stream: no result object per record; only a
 * record that fails is parsed again, to say why. The parsed value is appended to `into`.
 *
 * @example
 * const chunks: unknown[] = [];
 * parseRecordInto('{"type":"workflow-start"}', chunks, console.warn);
 */
export function parseRecordInto(
  text: string,
  into: unknown[],
  onError: (error: SteplineError) => void,
): void {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    const parsed = parseRecord(text);
    if (!parsed.ok) onError(parsed.error);
    return;
  }
  into.push(value);
}

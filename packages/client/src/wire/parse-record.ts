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

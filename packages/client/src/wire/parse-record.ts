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

/**
 * Parses the records one piece completed, in order. All of them go through ONE `JSON.parse` of the
 * records joined as an array: a call per record costs more than the parsing of a typical 300-byte record.
 * When that throws (a record that is not JSON, or only whitespace), they are parsed one by one, so the
 * bad record is reported and skipped and every other one is kept, in order.
 *
 * The array is taken only when it has exactly one value per record. The records are joined with a raw
 * newline before the comma, which JSON does not allow inside a string, so no string can run from one
 * record into the next; a record with a top-level comma (`{},{}`) gives more values than records.
 *
 * @example
 * const chunks = parseRecords(['{"type":"workflow-start"}', '{"type":"workflow-finish"}'], console.warn);
 */
export function parseRecords(texts: readonly string[], onError: (error: SteplineError) => void): unknown[] {
  try {
    // One record (a server that flushes every event): parsed as it is, not joined into an array's text.
    // The same values as the array: `{},{}` or blank text throws here as it gives 2 or 0 values there.
    if (texts.length === 1) return [JSON.parse(texts[0]!)];
    if (texts.length === 0) return [];
    const values = parseAsArray(texts);
    if (values.length === texts.length) return values;
  } catch {
    // A bad record among them: read one by one below.
  }
  const values: unknown[] = [];
  for (const text of texts) if (text.trim() !== '') parseRecordInto(text, values, onError);
  return values;
}

/**
 * `JSON.parse(`[${texts.join('\n,')}]`)` in one copy of the text: brackets put around the joined text
 * make a rope that `JSON.parse` flattens into a second copy of the whole read (a quarter of what reading
 * a stream allocated), and brackets put on the first and last record make the join take its slow path.
 * So the join takes two flat markers, `[0` and `0]`, as records of their own, and their two zeros are
 * dropped from the values.
 */
function parseAsArray(texts: readonly string[]): unknown[] {
  // The caller's array, put back as it was before anything else sees it: no copy of it per read.
  const parts = texts as string[];
  parts.unshift('[0');
  parts.push('0]');
  let text: string;
  try {
    text = parts.join('\n,');
  } finally {
    parts.shift();
    parts.pop();
  }
  const values = JSON.parse(text) as unknown[];
  values.shift();
  values.pop();
  return values;
}

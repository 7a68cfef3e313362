import type { SerializedError } from '../model/run-event';

/** Mastra sends epoch milliseconds; older servers and some stores send ISO strings. Anything else is dropped. */
export function toTimestamp(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && value !== '') {
    const parsed = Date.parse(value);
    return Number.isNaN(parsed) ? undefined : parsed;
  }
  if (value instanceof Date) return toTimestamp(value.getTime());
  return undefined;
}

export function toOptionalString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * How far `toSerializedError` follows `error.error.error…` for a message. Servers nest a cause or two; a
 * hostile or broken record can nest thousands, and a recursive reader would overflow the stack.
 */
const errorChainLimit = 32;

/**
 * Errors arrive as `{message, name}`, as strings (older snapshots), or as `{error, errorMessage}` metadata.
 * Iterative and depth-capped: an `error` nested 100,000 levels deep is read like any other.
 */
export function toSerializedError(value: unknown): SerializedError | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return { message: value };
  if (typeof value !== 'object') return { message: String(value) };
  const record = value as Record<string, unknown>;
  const message = messageOf(record) ?? 'Unknown error';
  const error: { -readonly [K in keyof SerializedError]: SerializedError[K] } = { message };
  const name = toOptionalString(record.name);
  if (name) error.name = name;
  const stack = toOptionalString(record.stack);
  if (stack) error.stack = stack;
  const code =
    toOptionalString(record.code) ??
    (typeof record.error === 'object' && record.error !== null
      ? toOptionalString((record.error as Record<string, unknown>).code)
      : undefined);
  if (code) error.code = code;
  if (record.details !== undefined) error.details = record.details;
  return error;
}

/** The first message down the `error` chain, looking at most `errorChainLimit` levels deep. */
function messageOf(record: Record<string, unknown>): string | undefined {
  let current: Record<string, unknown> = record;
  for (let depth = 0; depth < errorChainLimit; depth++) {
    const message =
      toOptionalString(current.message) ??
      toOptionalString(current.errorMessage) ??
      (typeof current.error === 'string' ? current.error : undefined);
    if (message !== undefined) return message;
    if (typeof current.error !== 'object' || current.error === null) return undefined;
    current = current.error as Record<string, unknown>;
  }
  return undefined;
}

/** The value as a plain record, or undefined for arrays, null and primitives. */
export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** A copy without the undefined fields: request bodies stay minimal and equal values compare equal. */
export function omitUndefined<T extends Record<string, unknown>>(record: T): Partial<T> {
  const result: Partial<T> = {};
  for (const [key, value] of Object.entries(record)) {
    if (value !== undefined) (result as Record<string, unknown>)[key] = value;
  }
  return result;
}

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

/** Errors arrive as `{message, name}`, as strings (older snapshots), or as `{error, errorMessage}` metadata. */
export function toSerializedError(value: unknown): SerializedError | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return { message: value };
  if (typeof value !== 'object') return { message: String(value) };
  const record = value as Record<string, unknown>;
  const message =
    toOptionalString(record.message) ??
    toOptionalString(record.errorMessage) ??
    (typeof record.error === 'string' ? record.error : undefined) ??
    (typeof record.error === 'object' && record.error !== null
      ? toSerializedError(record.error)?.message
      : undefined) ??
    'Unknown error';
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

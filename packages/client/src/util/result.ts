/**
 * The outcome of a step that can fail on bad input without stopping the stream it belongs to.
 * Stream stages return these instead of throwing, so one malformed frame is reported and skipped.
 */
export type Result<T, E> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: E };

export function ok<T>(value: T): { readonly ok: true; readonly value: T } {
  return { ok: true, value };
}

export function err<E>(error: E): { readonly ok: false; readonly error: E } {
  return { ok: false, error };
}

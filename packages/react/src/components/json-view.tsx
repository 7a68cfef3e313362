import { useId, useMemo, useState } from 'react';

export interface JsonViewProps {
  /** Any value: an output, an error, a payload. Shown as text, never as HTML. */
  readonly value: unknown;
  /** A visible caption above the value. */
  readonly label?: string;
  /** Longer text is cut here, with a "Show all" button. Default 20 000 characters. */
  readonly maxLength?: number;
  readonly className?: string;
}

/** Default limit of `JsonView` before it truncates. */
export const jsonViewMaxLength = 20_000;

/**
 * A value as indented JSON text in a `<pre>`. Whatever the value holds (markup, scripts, huge strings) it is
 * text; values longer than `maxLength` are cut, with a button to show the rest.
 *
 * @example
 * <JsonView label="Output" value={step.output} />
 */
export function JsonView({ value, label, maxLength = jsonViewMaxLength, className }: JsonViewProps) {
  const text = useMemo(() => toJsonText(value), [value]);
  const [showAll, setShowAll] = useState(false);
  const labelId = useId();
  const truncated = !showAll && text.length > maxLength;
  const shown = truncated ? `${text.slice(0, maxLength)}…` : text;
  return (
    <div
      className={className ? `stepline-json ${className}` : 'stepline-json'}
      data-truncated={truncated ? 'true' : undefined}
    >
      {label !== undefined && (
        <div className="stepline-json__label" id={labelId}>
          {label}
        </div>
      )}
      {/* Focusable so a long value can be scrolled with the keyboard. */}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard */}
      <pre className="stepline-json__value" tabIndex={0}>
        <code>{shown}</code>
      </pre>
      {truncated && (
        <button
          type="button"
          className="stepline-button stepline-json__show-all"
          onClick={() => setShowAll(true)}
          aria-describedby={label !== undefined ? labelId : undefined}
        >
          Show all ({formatSize(text.length)})
        </button>
      )}
    </div>
  );
}

/**
 * How deep `toJsonText` writes before it cuts: deeper objects and arrays show as `"{…}"` / `"[…]"`. A
 * server can send an error nested thousands of levels deep; `JSON.stringify` would overflow the stack on it,
 * and nobody reads level 60 of anything.
 */
export const jsonViewMaxDepth = 50;

/**
 * `JSON.stringify` with a 2-space indent that never throws: a cycle becomes `"[Circular]"`, a bigint
 * `"12n"`, `undefined` the word, and anything nested deeper than `jsonViewMaxDepth` `"{…}"` or `"[…]"`.
 * @example toJsonText({ a: 1 }) // '{\n  "a": 1\n}'
 */
export function toJsonText(value: unknown, indent = 2): string {
  if (value === undefined) return 'undefined';
  try {
    return JSON.stringify(toPlain(value, new Set(), 0), null, indent) ?? String(value);
  } catch {
    return String(value);
  }
}

/** `value` as plain JSON data (what `toJsonText` writes), for viewers that walk it. */
export function toPlainJson(value: unknown): unknown {
  try {
    return toPlain(value, new Set(), 0);
  } catch {
    return String(value);
  }
}

/** A copy JSON can always write; shared (non-cyclic) references are written each time, as JSON does. */
function toPlain(value: unknown, ancestors: Set<object>, depth: number): unknown {
  if (typeof value === 'bigint') return `${value.toString()}n`;
  if (typeof value === 'function' || typeof value === 'symbol') return undefined;
  if (typeof value !== 'object' || value === null) return value;
  if (ancestors.has(value)) return '[Circular]';
  if (depth >= jsonViewMaxDepth) return Array.isArray(value) ? '[…]' : '{…}';
  const withToJson = value as { toJSON?: () => unknown };
  if (typeof withToJson.toJSON === 'function') return toPlain(withToJson.toJSON(), ancestors, depth);
  ancestors.add(value);
  const next = depth + 1;
  try {
    if (value instanceof Error) {
      const own: Record<string, unknown> = { name: value.name, message: value.message };
      for (const [key, item] of Object.entries(value)) own[key] = toPlain(item, ancestors, next);
      return own;
    }
    if (Array.isArray(value)) return value.map((item) => toPlain(item, ancestors, next) ?? null);
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) copy[key] = toPlain(item, ancestors, next);
    return copy;
  } finally {
    ancestors.delete(value);
  }
}

function formatSize(characters: number): string {
  if (characters < 1024) return `${characters} characters`;
  if (characters < 1024 * 1024) return `${Math.round(characters / 1024)} kB`;
  return `${(characters / (1024 * 1024)).toFixed(1)} MB`;
}

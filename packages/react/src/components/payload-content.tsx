import type { JsonSchema } from '@stepline/client';
import type { ReactNode } from 'react';
import { schemaProperties } from '../schema-form/field-kind';
import { isPlainObject } from '../schema-form/field-path';
import { fieldTitle } from '../schema-form/field-title';
import { JsonView } from './json-view';

export interface PayloadContentProps {
  /** A suspend payload (or any record a person should read). */
  readonly value: unknown;
  /** Its schema (a step's `suspendSchema`): titles and descriptions for the fields, and their order. */
  readonly schema?: JsonSchema | undefined;
  readonly className?: string;
}

/** Text longer than this, or with a line break, reads as a paragraph rather than a value. */
const proseLength = 80;

/**
 * A record as content, not as a JSON dump: each field under its title (the schema's `title`, else the
 * humanized name), text as text (long text as a paragraph that keeps its line breaks), numbers and
 * yes/no as words, short lists of words joined. Only what has no reading (nested records, lists of
 * records) falls back to JSON.
 *
 * @example
 * <PayloadContent value={step.suspendPayload} schema={details.steps.review.suspendSchema} />
 * // Draft: "Draft on Solar microgrids: 2 sources, 2 competitors."  Revision: 1
 */
export function PayloadContent({ value, schema, className }: PayloadContentProps): ReactNode {
  if (value === undefined) return null;
  const classes = className ? `stepline-payload ${className}` : 'stepline-payload';
  if (!isPlainObject(value)) {
    const text = readable(value);
    return text === undefined ? (
      <JsonView className={classes} value={value} />
    ) : (
      <p className={classes}>{text}</p>
    );
  }
  const entries = orderedEntries(value, schema);
  if (entries.length === 0) return null;
  return (
    <dl className={classes}>
      {entries.map(([key, field, property]) => {
        const text = readable(field);
        const prose = typeof field === 'string' && (field.length > proseLength || field.includes('\n'));
        return (
          <div
            key={key}
            className="stepline-payload__field"
            data-kind={text === undefined ? 'json' : prose ? 'prose' : 'value'}
          >
            <dt className="stepline-payload__name">{fieldTitle(property, key)}</dt>
            <dd className="stepline-payload__value">
              {text === undefined ? <JsonView value={field} /> : text}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}

/** The schema's order first, then whatever else the payload holds. */
function orderedEntries(
  value: Readonly<Record<string, unknown>>,
  schema: JsonSchema | undefined,
): [string, unknown, JsonSchema | undefined][] {
  const entries: [string, unknown, JsonSchema | undefined][] = [];
  const seen = new Set<string>();
  for (const [key, property] of schemaProperties(schema)) {
    if (value[key] === undefined) continue;
    seen.add(key);
    entries.push([key, value[key], property]);
  }
  for (const [key, field] of Object.entries(value)) {
    if (seen.has(key) || field === undefined || key.startsWith('__')) continue;
    entries.push([key, field, undefined]);
  }
  return entries;
}

/** A value as words, or `undefined` when it has none and is better shown as JSON. */
function readable(value: unknown): string | undefined {
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
      return Number.isFinite(value) ? value.toLocaleString('en-US') : String(value);
    case 'boolean':
      return value ? 'Yes' : 'No';
    default:
      if (value === null) return '—';
      if (Array.isArray(value) && value.length <= 12 && value.every((item) => typeof item === 'string')) {
        return value.length === 0 ? '—' : value.join(', ');
      }
      return undefined;
  }
}

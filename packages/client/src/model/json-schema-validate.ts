import { schemaPattern } from './schema-pattern';

/** A JSON Schema as Mastra describes a step's input, output, suspend and resume data. */
export type JsonSchema = { readonly [key: string]: unknown };

export interface SchemaIssue {
  /** Where in the value, e.g. `['notes']` or `['items', 2]`; empty for the value itself. */
  readonly path: readonly (string | number)[];
  readonly message: string;
}

/**
 * Checks a value against the JSON Schema subset that Mastra emits for zod schemas (draft-07: `type`,
 * `properties`, `required`, `additionalProperties`, `enum`, `const`, `items`, `anyOf`/`oneOf`/`allOf`,
 * number and string bounds, `pattern` (see `schemaPattern`), `format` is ignored). Returns every issue, not just the first, so a
 * form can mark every field. Keywords it does not know are ignored rather than failing the value: the
 * server validates again.
 *
 * @example
 * validateJsonSchema({ decision: 'maybe' }, resumeSchema);
 * // [{ path: ['decision'], message: 'must be one of "approve", "request-changes", "reject"' }]
 */
export function validateJsonSchema(value: unknown, schema: JsonSchema | boolean | undefined): SchemaIssue[] {
  const issues: SchemaIssue[] = [];
  check(value, schema, [], issues);
  return issues;
}

type Path = (string | number)[];

function check(
  value: unknown,
  schema: JsonSchema | boolean | undefined,
  path: Path,
  issues: SchemaIssue[],
): void {
  if (schema === undefined || schema === true) return;
  if (schema === false) {
    issues.push({ path, message: 'is not allowed' });
    return;
  }
  const add = (message: string) => issues.push({ path, message });

  if (Array.isArray(schema.allOf))
    for (const part of schema.allOf) check(value, part as JsonSchema, path, issues);
  const alternatives = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (Array.isArray(alternatives)) {
    const matches = alternatives.some((part) => validateJsonSchema(value, part).length === 0);
    if (!matches) add('matches none of the allowed shapes');
  }
  if ('const' in schema && !sameJson(value, schema.const)) add(`must be ${JSON.stringify(schema.const)}`);
  if (Array.isArray(schema.enum) && !schema.enum.some((option) => sameJson(value, option))) {
    add(`must be one of ${schema.enum.map((option) => JSON.stringify(option)).join(', ')}`);
  }

  const types = schema.type === undefined ? undefined : ([] as unknown[]).concat(schema.type);
  if (types && !types.some((type) => hasType(value, type as string))) {
    add(value === undefined ? 'is required' : `must be ${types.join(' or ')}`);
    return;
  }

  if (typeof value === 'string') {
    if (typeof schema.minLength === 'number' && value.length < schema.minLength) {
      add(schema.minLength === 1 ? 'must not be empty' : `must have at least ${schema.minLength} characters`);
    }
    if (typeof schema.maxLength === 'number' && value.length > schema.maxLength) {
      add(`must have at most ${schema.maxLength} characters`);
    }
    // Compiled once, safely; a pattern the client cannot check (invalid here, or one that backtracks
    // exponentially) is left to the server.
    const pattern = typeof schema.pattern === 'string' ? schemaPattern(schema.pattern) : undefined;
    if (pattern !== undefined && !pattern.test(value)) add(`must match ${schema.pattern}`);
  }
  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number' && value < schema.minimum)
      add(`must be at least ${schema.minimum}`);
    if (typeof schema.maximum === 'number' && value > schema.maximum)
      add(`must be at most ${schema.maximum}`);
    if (typeof schema.exclusiveMinimum === 'number' && value <= schema.exclusiveMinimum) {
      add(`must be more than ${schema.exclusiveMinimum}`);
    }
    if (typeof schema.exclusiveMaximum === 'number' && value >= schema.exclusiveMaximum) {
      add(`must be less than ${schema.exclusiveMaximum}`);
    }
  }
  if (Array.isArray(value)) {
    if (typeof schema.minItems === 'number' && value.length < schema.minItems) {
      add(`must have at least ${schema.minItems} items`);
    }
    if (typeof schema.maxItems === 'number' && value.length > schema.maxItems) {
      add(`must have at most ${schema.maxItems} items`);
    }
    if (schema.items !== undefined && !Array.isArray(schema.items)) {
      value.forEach((item, index) => {
        check(item, schema.items as JsonSchema, [...path, index], issues);
      });
    }
  }
  if (isPlainObject(value)) {
    const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
    const required = Array.isArray(schema.required) ? (schema.required as string[]) : [];
    for (const key of required) {
      if (value[key] === undefined) issues.push({ path: [...path, key], message: 'is required' });
    }
    for (const [key, property] of Object.entries(value)) {
      if (property === undefined) continue;
      if (key in properties) check(property, properties[key], [...path, key], issues);
      else if (schema.additionalProperties === false)
        issues.push({ path: [...path, key], message: 'is not allowed' });
      else if (typeof schema.additionalProperties === 'object') {
        check(property, schema.additionalProperties as JsonSchema, [...path, key], issues);
      }
    }
  }
}

function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'array':
      return Array.isArray(value);
    case 'object':
      return isPlainObject(value);
    case 'null':
      return value === null;
    default:
      return true;
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

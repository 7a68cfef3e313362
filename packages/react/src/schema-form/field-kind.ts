import type { JsonSchema } from '@stepline/client';
import { isPlainObject } from './field-path';

/** Which control renders a schema. `json` is the fallback for everything the form does not model. */
export type FieldKind = 'string' | 'number' | 'integer' | 'boolean' | 'enum' | 'array' | 'object' | 'json';

export type EnumOption = string | number | boolean;

/** Up to this many options are radio buttons (all visible, one key press each); more are a select. */
export const maxRadioOptions = 4;

/**
 * Keywords that make a schema more than one plain type. Rather than guess which alternative the user
 * means, such a field is edited as JSON; the validator still checks it.
 */
const compositeKeywords = ['anyOf', 'oneOf', 'allOf', 'not', 'if', '$ref', 'const', 'patternProperties'];

/**
 * Decides how a schema is edited:
 * - `enum` of strings, numbers or booleans (at least one option) → `enum`;
 * - `type` `string`, `number`, `integer`, `boolean` → that kind;
 * - `type: 'array'` with one `items` schema → `array` (tuple `items` → `json`);
 * - `type: 'object'` (or no type) with `properties` → `object` (maps without `properties` → `json`);
 * - anything else (no schema, `anyOf`/`oneOf`/`allOf`/`not`/`$ref`/`const`, a list of types, `null`)
 *   → `json`.
 *
 * @example
 * fieldKind({ type: 'string', enum: ['approve', 'reject'] }); // 'enum'
 * fieldKind({ anyOf: [{ type: 'string' }, { type: 'null' }] }); // 'json'
 */
export function fieldKind(schema: JsonSchema | undefined): FieldKind {
  if (!isPlainObject(schema)) return 'json';
  if (compositeKeywords.some((keyword) => keyword in schema)) return 'json';
  if (schema.enum !== undefined) return enumOptions(schema) === undefined ? 'json' : 'enum';
  const type = schema.type;
  switch (type) {
    case 'string':
    case 'number':
    case 'integer':
    case 'boolean':
      return type;
    case 'array':
      return isPlainObject(schema.items) ? 'array' : 'json';
    case 'object':
    case undefined:
      return isPlainObject(schema.properties) ? 'object' : 'json';
    default:
      return 'json';
  }
}

/**
 * The options of an `enum` the form can offer, or `undefined` when it holds objects, arrays or null.
 *
 * @example
 * enumOptions({ enum: ['approve', 'reject'] }); // ['approve', 'reject']
 */
export function enumOptions(schema: JsonSchema): readonly EnumOption[] | undefined {
  const options = schema.enum;
  if (!Array.isArray(options) || options.length === 0) return undefined;
  const primitive = options.every(
    (option) => typeof option === 'string' || typeof option === 'number' || typeof option === 'boolean',
  );
  return primitive ? (options as EnumOption[]) : undefined;
}

/**
 * An object schema's properties, in the schema's order (empty for anything else).
 *
 * @example
 * schemaProperties({ properties: { decision: { type: 'string' } } }); // [['decision', { type: 'string' }]]
 */
export function schemaProperties(schema: JsonSchema | undefined): [string, JsonSchema][] {
  if (!isPlainObject(schema) || !isPlainObject(schema.properties)) return [];
  return Object.entries(schema.properties).filter((entry): entry is [string, JsonSchema] =>
    isPlainObject(entry[1]),
  );
}

/**
 * @example
 * requiredKeys({ required: ['decision'] }).has('decision'); // true
 */
export function requiredKeys(schema: JsonSchema | undefined): ReadonlySet<string> {
  const required = schema?.required;
  return new Set(Array.isArray(required) ? required.filter((key) => typeof key === 'string') : []);
}

/**
 * The schema of an array's entries (only the single-schema form of `items`).
 *
 * @example
 * itemSchema({ type: 'array', items: { type: 'string' } }); // { type: 'string' }
 */
export function itemSchema(schema: JsonSchema): JsonSchema | undefined {
  return isPlainObject(schema.items) ? schema.items : undefined;
}

import type { JsonSchema } from '@stepline/client';
import { fieldKind, itemSchema, requiredKeys, schemaProperties } from './field-kind';
import { isPlainObject } from './field-path';

export interface SchemaDefaultsOptions {
  /**
   * Also fill values a form implies without the schema saying so: `false` for a required boolean (an
   * unticked checkbox means no) and `[]` for a required list. Off, only `default` keywords count. On by
   * default.
   */
  readonly implied?: boolean;
}

/**
 * The value a form starts from: `base` (when given) with every missing property that has a `default`
 * filled in, recursively. Required nested objects are created so their own defaults apply; optional ones
 * stay absent until the user fills them in. Without a schema the start is `{}`.
 *
 * Use it to seed a controlled `SchemaForm` the same way an uncontrolled one seeds itself.
 *
 * @example
 * schemaDefaults({ type: 'object', properties: { priority: { type: 'string', default: 'normal' } } });
 * // { priority: 'normal' }
 * const [value, setValue] = useState(() => schemaDefaults(resumeSchema, { approver: user.name }));
 */
export function schemaDefaults(
  schema: JsonSchema | undefined,
  base?: unknown,
  options: SchemaDefaultsOptions = {},
): unknown {
  if (schema === undefined) return base === undefined ? {} : base;
  const value = defaultFor(schema, base, true, options.implied ?? true);
  return value === undefined && schema.type === 'object' ? {} : value;
}

function defaultFor(schema: JsonSchema, base: unknown, required: boolean, implied: boolean): unknown {
  const own = base !== undefined ? base : 'default' in schema ? structuredClone(schema.default) : undefined;
  const kind = fieldKind(schema);
  if (kind === 'object') {
    if (own === undefined && !required) return undefined;
    if (own !== undefined && !isPlainObject(own)) return own;
    const result: Record<string, unknown> = { ...(own ?? {}) };
    const requiredHere = requiredKeys(schema);
    for (const [key, property] of schemaProperties(schema)) {
      const child = defaultFor(property, result[key], requiredHere.has(key), implied);
      if (child !== undefined) result[key] = child;
    }
    return result;
  }
  if (own !== undefined || !required || !implied) return own;
  if (kind === 'boolean') return false;
  if (kind === 'array') return [];
  return undefined;
}

/**
 * The default for a new entry of a list: like a required field, so an object entry gets its defaults.
 *
 * @example
 * newItemValue({ type: 'array', items: { type: 'object', properties: { role: { default: 'editor' } } } });
 * // { role: 'editor' }
 */
export function newItemValue(arraySchema: JsonSchema): unknown {
  const items = itemSchema(arraySchema);
  return items === undefined ? undefined : defaultFor(items, undefined, true, true);
}

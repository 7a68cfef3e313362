import type { JsonSchema } from '@stepline/client';
import type { ReactNode } from 'react';
import { FieldGroup, useFieldChrome } from './field-chrome';
import { requiredKeys, schemaProperties } from './field-kind';
import { type FieldPath, isPlainObject, pathKey } from './field-path';
import type { FieldProps } from './field-props';
import { fieldTitle } from './field-title';
import { SchemaField } from './schema-field';

/**
 * A nested object: its properties in a fieldset whose legend names the object.
 *
 * @example
 * <ObjectField schema={addressSchema} path={['address']} value={{}} label="Address" required />
 */
export function ObjectField({ schema, path, value, label, required }: FieldProps): ReactNode {
  const chrome = useFieldChrome(schema, path, 'object');
  return (
    <FieldGroup chrome={chrome} kind="object" label={label} required={required}>
      <ObjectProperties schema={schema} path={path} value={value} />
    </FieldGroup>
  );
}

/**
 * One field per property, in the schema's order. The root object uses this without a fieldset.
 *
 * @example
 * <ObjectProperties schema={resumeSchema} path={[]} value={value} />
 */
export function ObjectProperties({
  schema,
  path,
  value,
  omit,
}: {
  readonly schema: JsonSchema | undefined;
  readonly path: FieldPath;
  readonly value: unknown;
  /** A property drawn elsewhere (the form's decision buttons). */
  readonly omit?: string | undefined;
}): ReactNode {
  const record = isPlainObject(value) ? value : {};
  const required = requiredKeys(schema);
  return (
    <div className="stepline-form__properties">
      {schemaProperties(schema).map(([key, property]) => {
        if (key === omit) return null;
        const childPath = [...path, key];
        return (
          <SchemaField
            key={pathKey(childPath)}
            schema={property}
            path={childPath}
            value={record[key]}
            label={fieldTitle(property, key)}
            required={required.has(key)}
            name={key}
          />
        );
      })}
    </div>
  );
}

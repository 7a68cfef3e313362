import type { ReactNode } from 'react';
import { ArrayField } from './array-field';
import { BooleanField } from './boolean-field';
import { EnumField } from './enum-field';
import { fieldKind } from './field-kind';
import type { FieldProps } from './field-props';
import { JsonField } from './json-field';
import { NumberField } from './number-field';
import { ObjectField } from './object-field';
import { StringField } from './string-field';

/**
 * The control for a schema, chosen by `fieldKind`.
 *
 * @example
 * <SchemaField schema={{ type: 'string' }} path={['approver']} value="Ada" label="Approver" required />
 */
export function SchemaField(props: FieldProps): ReactNode {
  switch (fieldKind(props.schema)) {
    case 'string':
      return <StringField {...props} />;
    case 'number':
    case 'integer':
      return <NumberField {...props} />;
    case 'boolean':
      return <BooleanField {...props} />;
    case 'enum':
      return <EnumField {...props} />;
    case 'array':
      return <ArrayField {...props} />;
    case 'object':
      return <ObjectField {...props} />;
    case 'json':
      return <JsonField {...props} />;
  }
}

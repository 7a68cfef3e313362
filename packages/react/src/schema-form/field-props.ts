import type { JsonSchema } from '@stepline/client';
import type { FieldPath } from './field-path';

/** What the form passes to every field, whatever its kind. */
export interface FieldProps {
  readonly schema: JsonSchema | undefined;
  readonly path: FieldPath;
  readonly value: unknown;
  /** The visible label: the schema's title or the humanized property name. */
  readonly label: string;
  readonly required: boolean;
  /** The property name, when the field is a property (the multi-line rule looks at it). */
  readonly name?: string;
}

import { createContext, useContext } from 'react';
import type { FieldPath } from './field-path';

/** What every field needs from the form around it. */
export interface SchemaFormContextValue {
  readonly idPrefix: string;
  readonly disabled: boolean;
  /** Replaces the value at `path`; `undefined` removes a property. */
  update(path: FieldPath, value: unknown): void;
  /** The messages to show on the field at `path` (validation, server issues). */
  errorsAt(path: FieldPath): readonly string[];
  /**
   * A JSON field says whether its text parses (`message` undefined when it does). The form cannot submit
   * while one does not. `owner` is the reporting field's own id, so a field that moves keeps its report.
   */
  setParseError(owner: string, message: string | undefined): void;
}

export const SchemaFormContext = /* @__PURE__ */ createContext<SchemaFormContextValue | null>(null);

/**
 * @example
 * const { update, errorsAt } = useSchemaFormContext();
 */
export function useSchemaFormContext(): SchemaFormContextValue {
  const context = useContext(SchemaFormContext);
  if (context === null) throw new Error('A schema form field must be rendered inside <SchemaForm>.');
  return context;
}

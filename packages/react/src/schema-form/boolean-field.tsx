import type { ReactNode } from 'react';
import { FieldDescription, FieldErrors, useFieldChrome } from './field-chrome';
import type { FieldProps } from './field-props';
import { useSchemaFormContext } from './schema-form-context';

/**
 * A checkbox. It has no "required" marker or attribute: for a checkbox `required` means "must be ticked",
 * while a required boolean may well be `false` (the form starts it at `false`, see `schemaDefaults`).
 *
 * @example
 * <BooleanField schema={{ type: 'boolean' }} path={['approved']} value={false} label="Approved" required />
 */
export function BooleanField({ schema, path, value, label }: FieldProps): ReactNode {
  const { update } = useSchemaFormContext();
  const chrome = useFieldChrome(schema, path, 'boolean');
  return (
    <div className="stepline-form__field stepline-form__field--checkbox" {...chrome.dataAttributes}>
      <input
        id={chrome.id}
        className="stepline-form__checkbox"
        type="checkbox"
        checked={value === true}
        disabled={chrome.disabled}
        aria-invalid={chrome.invalid || undefined}
        aria-describedby={chrome.describedBy}
        onChange={(event) => update(path, event.currentTarget.checked)}
      />
      <label htmlFor={chrome.id} className="stepline-form__label">
        {label}
      </label>
      <FieldDescription chrome={chrome} />
      <FieldErrors chrome={chrome} />
    </div>
  );
}

import { type ReactNode, useState } from 'react';
import { FieldDescription, FieldErrors, RequiredMarker, useFieldChrome } from './field-chrome';
import type { FieldProps } from './field-props';
import { useSchemaFormContext } from './schema-form-context';
import { inputTypeForFormat, isMultilineString } from './string-widget';

/**
 * A text input, or a textarea for prose (see `isMultilineString`). An emptied box removes the value, so an
 * empty required field reports "is required" rather than sending `""`.
 *
 * @example
 * <StringField schema={{ type: 'string' }} path={['notes']} value="" label="Notes" required={false} name="notes" />
 */
export function StringField({ schema = {}, path, value, label, required, name }: FieldProps): ReactNode {
  const { update } = useSchemaFormContext();
  const chrome = useFieldChrome(schema, path, 'string');
  // Decided once: switching between input and textarea while typing would drop focus.
  const [multiline] = useState(() => isMultilineString(name, schema, value));
  const control = {
    id: chrome.id,
    className: 'stepline-form__control',
    value: typeof value === 'string' ? value : '',
    disabled: chrome.disabled,
    required,
    maxLength: typeof schema.maxLength === 'number' ? schema.maxLength : undefined,
    'aria-invalid': chrome.invalid || undefined,
    'aria-describedby': chrome.describedBy,
    onChange: (event: { currentTarget: { value: string } }) => {
      const text = event.currentTarget.value;
      update(path, text === '' ? undefined : text);
    },
  };
  return (
    <div className="stepline-form__field" {...chrome.dataAttributes}>
      <label htmlFor={chrome.id} className="stepline-form__label">
        {label}
        <RequiredMarker required={required} />
      </label>
      <FieldDescription chrome={chrome} />
      {multiline ? (
        <textarea {...control} rows={4} />
      ) : (
        <input {...control} type={inputTypeForFormat(schema.format)} />
      )}
      <FieldErrors chrome={chrome} />
    </div>
  );
}

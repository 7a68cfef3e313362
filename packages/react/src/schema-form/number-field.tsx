import { type ReactNode, useState } from 'react';
import { FieldDescription, FieldErrors, RequiredMarker, useFieldChrome } from './field-chrome';
import type { FieldProps } from './field-props';
import { useSchemaFormContext } from './schema-form-context';

/**
 * A number input for `number` and `integer` (step 1, so arrows move by whole numbers). An empty box is
 * `undefined`, never `0`. The text is kept as typed and only replaced when the value changes from outside,
 * so `1.` or `-` mid-typing is not rewritten under the cursor.
 *
 * @example
 * <NumberField schema={{ type: 'integer', minimum: 1 }} path={['count']} value={3} label="Count" required />
 */
export function NumberField({ schema = {}, path, value, label, required }: FieldProps): ReactNode {
  const { update } = useSchemaFormContext();
  const integer = schema.type === 'integer';
  const chrome = useFieldChrome(schema, path, integer ? 'integer' : 'number');
  const [text, setText] = useState(() => formatNumber(value));
  const [shown, setShown] = useState(value);
  if (!Object.is(value, shown)) {
    // Set from outside (a reset, a controlled parent): show the new value.
    setShown(value);
    if (!Object.is(parseNumber(text), value)) setText(formatNumber(value));
  }
  const step = typeof schema.multipleOf === 'number' ? schema.multipleOf : integer ? 1 : 'any';
  return (
    <div className="stepline-form__field" {...chrome.dataAttributes}>
      <label htmlFor={chrome.id} className="stepline-form__label">
        {label}
        <RequiredMarker required={required} />
      </label>
      <FieldDescription chrome={chrome} />
      <input
        id={chrome.id}
        className="stepline-form__control"
        type="number"
        inputMode={integer ? 'numeric' : 'decimal'}
        step={step}
        min={typeof schema.minimum === 'number' ? schema.minimum : undefined}
        max={typeof schema.maximum === 'number' ? schema.maximum : undefined}
        value={text}
        disabled={chrome.disabled}
        required={required}
        aria-invalid={chrome.invalid || undefined}
        aria-describedby={chrome.describedBy}
        onChange={(event) => {
          const next = event.currentTarget.value;
          const parsed = parseNumber(next);
          setText(next);
          setShown(parsed);
          update(path, parsed);
        }}
      />
      <FieldErrors chrome={chrome} />
    </div>
  );
}

function formatNumber(value: unknown): string {
  return typeof value === 'number' && Number.isFinite(value) ? String(value) : '';
}

function parseNumber(text: string): number | undefined {
  if (text.trim() === '') return undefined;
  const parsed = Number(text);
  return Number.isFinite(parsed) ? parsed : undefined;
}

import { type ReactNode, useEffect, useId, useState } from 'react';
import { FieldDescription, FieldErrors, RequiredMarker, useFieldChrome } from './field-chrome';
import type { FieldProps } from './field-props';
import { useSchemaFormContext } from './schema-form-context';

/**
 * The fallback for schemas the form does not model (`anyOf`, maps, tuples, no schema): the value as JSON
 * in a textarea. Text that does not parse is reported on the field as it is typed and blocks submitting;
 * the value keeps its last parsed state meanwhile. An empty box is `undefined`.
 *
 * @example
 * <JsonField schema={{ anyOf: [{ type: 'object' }] }} path={['meta']} value={{}} label="Meta" required={false} />
 */
export function JsonField({ schema, path, value, label, required }: FieldProps): ReactNode {
  const { update, setParseError } = useSchemaFormContext();
  const owner = useId();
  const [text, setText] = useState(() => toJsonText(value));
  const [shown, setShown] = useState(value);
  const [parseError, setLocalParseError] = useState<string | undefined>(undefined);
  if (value !== shown && JSON.stringify(value) !== JSON.stringify(shown)) {
    // Set from outside (a copy of what was typed does not count): the text follows and any half-typed
    // JSON is replaced.
    setShown(value);
    setText(toJsonText(value));
    setLocalParseError(undefined);
  }
  const chrome = useFieldChrome(schema, path, 'json', parseError === undefined ? [] : [parseError]);

  useEffect(() => setParseError(owner, parseError), [owner, parseError, setParseError]);
  useEffect(() => () => setParseError(owner, undefined), [owner, setParseError]);

  const onChange = (next: string) => {
    setText(next);
    if (next.trim() === '') {
      setLocalParseError(undefined);
      setShown(undefined);
      update(path, undefined);
      return;
    }
    try {
      const parsed: unknown = JSON.parse(next);
      setLocalParseError(undefined);
      setShown(parsed);
      update(path, parsed);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      setLocalParseError(`${label} is not valid JSON: ${reason}`);
    }
  };

  return (
    <div className="stepline-form__field" {...chrome.dataAttributes}>
      <label htmlFor={chrome.id} className="stepline-form__label">
        {label} (JSON)
        <RequiredMarker required={required} />
      </label>
      <FieldDescription chrome={chrome} />
      <textarea
        id={chrome.id}
        className="stepline-form__control stepline-form__json"
        rows={Math.min(12, Math.max(3, text.split('\n').length))}
        spellCheck={false}
        autoCapitalize="off"
        autoCorrect="off"
        value={text}
        disabled={chrome.disabled}
        required={required}
        aria-invalid={chrome.invalid || undefined}
        aria-describedby={chrome.describedBy}
        onChange={(event) => onChange(event.currentTarget.value)}
      />
      <FieldErrors chrome={chrome} />
    </div>
  );
}

function toJsonText(value: unknown): string {
  return value === undefined ? '' : JSON.stringify(value, null, 2);
}

import type { JsonSchema } from '@stepline/client';
import type { ReactNode } from 'react';
import { describedBy, descriptionId, errorId, fieldId } from './field-ids';
import type { FieldPath } from './field-path';
import { useSchemaFormContext } from './schema-form-context';

/** The parts every field shares: its id, help text, error messages and how they are linked. */
export interface FieldChrome {
  readonly id: string;
  readonly disabled: boolean;
  readonly description: string | undefined;
  readonly errors: readonly string[];
  readonly invalid: boolean;
  /** For the control (or the group): description and errors, when present. */
  readonly describedBy: string | undefined;
  /** `data-*` attributes for the field's wrapper, for styling and for finding the first invalid field. */
  readonly dataAttributes: { readonly 'data-kind': string; readonly 'data-invalid'?: true };
}

/**
 * @example
 * const chrome = useFieldChrome(schema, path, 'string');
 * <input id={chrome.id} aria-describedby={chrome.describedBy} aria-invalid={chrome.invalid || undefined} />
 */
export function useFieldChrome(
  schema: JsonSchema | undefined,
  path: FieldPath,
  kind: string,
  extraErrors: readonly string[] = [],
): FieldChrome {
  const context = useSchemaFormContext();
  const id = fieldId(context.idPrefix, path);
  const description =
    typeof schema?.description === 'string' && schema.description.trim().length > 0
      ? schema.description
      : undefined;
  const errors = [...extraErrors, ...context.errorsAt(path)];
  const invalid = errors.length > 0;
  return {
    id,
    disabled: context.disabled,
    description,
    errors,
    invalid,
    describedBy: describedBy(description !== undefined && descriptionId(id), invalid && errorId(id)),
    dataAttributes: invalid ? { 'data-kind': kind, 'data-invalid': true } : { 'data-kind': kind },
  };
}

/**
 * "(required)" as words, not only a colour or an asterisk, so it reaches everyone; the control also
 * carries `required` for assistive technology.
 *
 * @example
 * <label htmlFor={id}>{label}<RequiredMarker required={required} /></label>
 */
export function RequiredMarker({ required }: { readonly required: boolean }): ReactNode {
  if (!required) return null;
  return (
    <>
      {' '}
      <span className="stepline-form__required">(required)</span>
    </>
  );
}

/**
 * @example
 * <FieldDescription chrome={chrome} />
 */
export function FieldDescription({ chrome }: { readonly chrome: FieldChrome }): ReactNode {
  if (chrome.description === undefined) return null;
  return (
    <p id={descriptionId(chrome.id)} className="stepline-form__description">
      {chrome.description}
    </p>
  );
}

/**
 * @example
 * <FieldErrors chrome={chrome} />
 */
export function FieldErrors({ chrome }: { readonly chrome: FieldChrome }): ReactNode {
  if (!chrome.invalid) return null;
  return (
    <div id={errorId(chrome.id)} className="stepline-form__error" data-stepline-error="">
      {chrome.errors.map((message) => (
        <p key={message} className="stepline-form__error-message">
          {message}
        </p>
      ))}
    </div>
  );
}

/**
 * A field made of other fields (an object, a list): a fieldset whose legend names it, its description,
 * the parts, then its own errors.
 *
 * @example
 * <FieldGroup chrome={chrome} kind="object" label="Address" required>{properties}</FieldGroup>
 */
export function FieldGroup({
  chrome,
  kind,
  label,
  required,
  children,
}: {
  readonly chrome: FieldChrome;
  readonly kind: 'object' | 'array';
  readonly label: ReactNode;
  readonly required: boolean;
  readonly children?: ReactNode;
}): ReactNode {
  return (
    <fieldset
      className={`stepline-form__field stepline-form__${kind}`}
      aria-describedby={chrome.describedBy}
      {...chrome.dataAttributes}
    >
      <legend className="stepline-form__label">
        {label}
        <RequiredMarker required={required} />
      </legend>
      <FieldDescription chrome={chrome} />
      {children}
      <FieldErrors chrome={chrome} />
    </fieldset>
  );
}

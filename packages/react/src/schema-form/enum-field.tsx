import type { ReactNode } from 'react';
import { FieldDescription, FieldErrors, RequiredMarker, useFieldChrome } from './field-chrome';
import { type EnumOption, enumOptions, maxRadioOptions } from './field-kind';
import type { FieldProps } from './field-props';
import { optionLabel } from './field-title';
import { useSchemaFormContext } from './schema-form-context';

/**
 * A choice from an `enum`: a radio group in a fieldset for up to four options, a select for more. An
 * optional field also offers "Not set", so a choice can be taken back.
 *
 * @example
 * <EnumField schema={{ enum: ['approve', 'reject'] }} path={['decision']} value={undefined} label="Decision" required />
 */
export function EnumField(props: FieldProps): ReactNode {
  const options = (props.schema && enumOptions(props.schema)) ?? [];
  return options.length <= maxRadioOptions ? (
    <RadioGroup {...props} options={options} />
  ) : (
    <SelectField {...props} options={options} />
  );
}

interface ChoiceProps extends FieldProps {
  readonly options: readonly EnumOption[];
}

function RadioGroup({ schema, path, value, label, required, options }: ChoiceProps): ReactNode {
  const { update } = useSchemaFormContext();
  const chrome = useFieldChrome(schema, path, 'enum');
  const choices: { key: string; label: string; value: EnumOption | undefined }[] = options.map(
    (option, index) => ({ key: String(index), label: optionLabel(option), value: option }),
  );
  if (!required) choices.push({ key: 'unset', label: 'Not set', value: undefined });
  return (
    <fieldset
      className="stepline-form__field stepline-form__group"
      aria-describedby={chrome.describedBy}
      {...chrome.dataAttributes}
      data-widget="radio"
    >
      <legend className="stepline-form__label">
        {label}
        <RequiredMarker required={required} />
      </legend>
      <FieldDescription chrome={chrome} />
      <div className="stepline-form__options">
        {choices.map((choice) => (
          <label key={choice.key} className="stepline-form__option">
            <input
              id={`${chrome.id}--${choice.key}`}
              className="stepline-form__radio"
              type="radio"
              name={chrome.id}
              value={choice.key}
              checked={value === choice.value}
              disabled={chrome.disabled}
              required={required}
              aria-invalid={chrome.invalid || undefined}
              onChange={() => update(path, choice.value)}
            />{' '}
            {choice.label}
          </label>
        ))}
      </div>
      <FieldErrors chrome={chrome} />
    </fieldset>
  );
}

function SelectField({ schema, path, value, label, required, options }: ChoiceProps): ReactNode {
  const { update } = useSchemaFormContext();
  const chrome = useFieldChrome(schema, path, 'enum');
  const selected = options.indexOf(value as EnumOption);
  return (
    <div className="stepline-form__field" {...chrome.dataAttributes} data-widget="select">
      <label htmlFor={chrome.id} className="stepline-form__label">
        {label}
        <RequiredMarker required={required} />
      </label>
      <FieldDescription chrome={chrome} />
      <select
        id={chrome.id}
        className="stepline-form__control"
        value={selected === -1 ? '' : String(selected)}
        disabled={chrome.disabled}
        required={required}
        aria-invalid={chrome.invalid || undefined}
        aria-describedby={chrome.describedBy}
        onChange={(event) => {
          const index = event.currentTarget.value;
          update(path, index === '' ? undefined : options[Number(index)]);
        }}
      >
        <option value="">{required ? 'Choose…' : 'Not set'}</option>
        {options.map((option, index) => (
          <option key={String(index)} value={String(index)}>
            {optionLabel(option)}
          </option>
        ))}
      </select>
      <FieldErrors chrome={chrome} />
    </div>
  );
}

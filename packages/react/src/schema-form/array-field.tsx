import { type ReactNode, useEffect, useRef } from 'react';
import { FieldGroup, useFieldChrome } from './field-chrome';
import { itemSchema } from './field-kind';
import type { FieldProps } from './field-props';
import { itemTitle } from './field-title';
import { newItemValue } from './schema-defaults';
import { SchemaField } from './schema-field';
import { useSchemaFormContext } from './schema-form-context';

const focusableSelector = 'input:not([disabled]), select:not([disabled]), textarea:not([disabled]), button';

type FocusRequest = { readonly index: number; readonly target: 'item' | 'remove' } | 'add';

/**
 * A list: each entry is a field of the `items` schema with its own Remove button, and an Add button
 * appends an entry with the item schema's defaults. All are native buttons, so they work from the
 * keyboard; focus moves to the new entry after Add, and to the next Remove button (or Add) after Remove
 * so it is never dropped on the page.
 *
 * @example
 * <ArrayField schema={{ type: 'array', items: { type: 'string' } }} path={['tags']} value={['a']} label="Tags" required={false} />
 */
export function ArrayField({ schema = {}, path, value, label, required }: FieldProps): ReactNode {
  const { update } = useSchemaFormContext();
  const chrome = useFieldChrome(schema, path, 'array');
  const items = Array.isArray(value) ? value : [];
  const entrySchema = itemSchema(schema);
  const canAdd = typeof schema.maxItems !== 'number' || items.length < schema.maxItems;
  const canRemove = typeof schema.minItems !== 'number' || items.length > schema.minItems;

  // Stable keys per entry, so removing one does not hand its neighbour's state (typed text) to another.
  const keys = useRef<number[]>([]);
  const nextKey = useRef(0);
  while (keys.current.length < items.length) keys.current.push(nextKey.current++);
  if (keys.current.length > items.length) keys.current.length = items.length;

  const listRef = useRef<HTMLOListElement>(null);
  const addRef = useRef<HTMLButtonElement>(null);
  const focusRequest = useRef<FocusRequest | null>(null);
  useEffect(() => {
    const request = focusRequest.current;
    if (request === null) return;
    focusRequest.current = null;
    if (request === 'add') {
      addRef.current?.focus();
      return;
    }
    const entry = listRef.current?.children[request.index];
    const target =
      request.target === 'remove'
        ? // `:scope >` so an entry's own button wins over those of a list nested inside it.
          entry?.querySelector<HTMLElement>(':scope > .stepline-form__remove')
        : entry?.querySelector<HTMLElement>(focusableSelector);
    target?.focus();
  });

  const add = () => {
    focusRequest.current = { index: items.length, target: 'item' };
    update(path, [...items, newItemValue(schema)]);
  };
  const remove = (index: number) => {
    keys.current.splice(index, 1);
    const remaining = items.length - 1;
    focusRequest.current =
      remaining === 0 ? 'add' : { index: Math.min(index, remaining - 1), target: 'remove' };
    update(
      path,
      items.filter((_, position) => position !== index),
    );
  };

  return (
    <FieldGroup chrome={chrome} kind="array" label={label} required={required}>
      <ol ref={listRef} className="stepline-form__items">
        {items.map((item, index) => (
          <li key={keys.current[index]} className="stepline-form__item">
            <SchemaField
              schema={entrySchema}
              path={[...path, index]}
              value={item}
              label={itemTitle(index)}
              required={false}
            />
            <button
              type="button"
              className="stepline-form__remove"
              aria-label={`Remove ${itemTitle(index).toLowerCase()} of ${label}`}
              disabled={chrome.disabled || !canRemove}
              onClick={() => remove(index)}
            >
              Remove
            </button>
          </li>
        ))}
      </ol>
      <button
        ref={addRef}
        type="button"
        className="stepline-form__add"
        aria-label={`Add item to ${label}`}
        disabled={chrome.disabled || !canAdd}
        onClick={add}
      >
        Add item
      </button>
    </FieldGroup>
  );
}

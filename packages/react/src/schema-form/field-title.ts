import type { JsonSchema } from '@stepline/client';

/**
 * A property name or enum value as words for a label: `approverName`, `approver_name` and `approver-name`
 * all become `Approver name`.
 *
 * @example
 * humanizeName('request-changes'); // 'Request changes'
 */
export function humanizeName(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_\-.\s]+/g, ' ')
    .trim()
    .toLowerCase();
  return words.length === 0 ? name : words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * The schema's own `title` when it has one, otherwise the humanized property name.
 *
 * @example
 * fieldTitle({ title: 'Deadline' }, 'dueDate'); // 'Deadline'
 * fieldTitle({}, 'dueDate'); // 'Due date'
 */
export function fieldTitle(schema: JsonSchema | undefined, name: string): string {
  const title = schema?.title;
  return typeof title === 'string' && title.trim().length > 0 ? title : humanizeName(name);
}

/**
 * The label of the `index`th entry of a list (counted from 1, as people count).
 *
 * @example
 * itemTitle(0); // 'Item 1'
 */
export function itemTitle(index: number): string {
  return `Item ${index + 1}`;
}

/**
 * The visible text of an enum option. Lower-case machine words (`request-changes`, `needs_review`) read
 * as words; anything else (`USD`, `Q3 report`, numbers) is shown as it is, since case may carry meaning.
 *
 * @example
 * optionLabel('request-changes'); // 'Request changes'
 * optionLabel('USD'); // 'USD'
 */
export function optionLabel(option: string | number | boolean): string {
  if (typeof option === 'boolean') return option ? 'Yes' : 'No';
  if (typeof option === 'number') return String(option);
  return /^[a-z0-9]+([-_ ][a-z0-9]+)*$/u.test(option) ? humanizeName(option) : option;
}

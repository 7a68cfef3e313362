import type { JsonSchema } from '@stepline/client';

/** Longer limits than this are for prose, not a name or an id. */
const multilineMaxLength = 200;

/**
 * Property names that hold prose in approval schemas (`notes`, `reviewComment`, `rejection_reason`). The
 * last word of the name decides, so `reasonCode` stays a one-line input.
 */
const proseWords = new Set([
  'notes',
  'note',
  'comment',
  'comments',
  'reason',
  'feedback',
  'message',
  'description',
  'details',
  'explanation',
  'summary',
  'body',
]);

/**
 * Whether a string field is a `<textarea>`. Mastra's zod schemas carry no widget hint, so the rule is:
 * 1. `maxLength` above 200 → textarea; `maxLength` of 200 or less → one-line input, whatever the name;
 * 2. otherwise, a value that already contains a line break → textarea (an input would flatten it);
 * 3. otherwise, a property whose name ends in a prose word (`notes`, `comment`, `reason`, `feedback`,
 *    `message`, `description`, `details`, `explanation`, `summary`, `body`) → textarea;
 * 4. otherwise a one-line input.
 *
 * @example
 * isMultilineString('notes', { type: 'string' }); // true
 * isMultilineString('approver', { type: 'string' }); // false
 */
export function isMultilineString(name: string | undefined, schema: JsonSchema, value?: unknown): boolean {
  if (typeof schema.maxLength === 'number') return schema.maxLength > multilineMaxLength;
  if (typeof value === 'string' && value.includes('\n')) return true;
  if (name === undefined) return false;
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[_\-.\s]+/)
    .filter((word) => word.length > 0);
  const last = words.at(-1)?.toLowerCase();
  return last !== undefined && proseWords.has(last);
}

/**
 * The `<input type>` for a string `format`, where the browser's control helps (a date picker, the email
 * keyboard on phones). Other formats are plain text; the form turns off browser validation, so the type
 * never blocks a submit on its own.
 *
 * @example
 * inputTypeForFormat('email'); // 'email'
 */
export function inputTypeForFormat(format: unknown): 'text' | 'email' | 'url' | 'date' {
  switch (format) {
    case 'email':
      return 'email';
    case 'uri':
    case 'url':
      return 'url';
    case 'date':
      return 'date';
    default:
      return 'text';
  }
}

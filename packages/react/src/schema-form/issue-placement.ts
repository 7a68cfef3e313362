import type { JsonSchema } from '@stepline/client';
import { fieldKind, itemSchema, schemaProperties } from './field-kind';
import { type FieldPath, pathKey } from './field-path';
import { fieldTitle, itemTitle } from './field-title';

export interface FormIssue {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

export interface PlacedIssues {
  /** Messages for each rendered field, by `pathKey` of the field's path. */
  readonly byField: ReadonlyMap<string, readonly string[]>;
  /** Messages about the value as a whole or about something no field shows. */
  readonly form: readonly string[];
}

/** The field of the form that shows `path`: the deepest rendered field on it. */
export interface IssueTarget {
  readonly fieldPath: FieldPath;
  readonly title: string;
  /** The part of the issue's path inside that field (for a JSON field, or a property no field shows). */
  readonly rest: FieldPath;
}

/** What the form calls its whole value in messages that are not about one field. */
export const rootTitle = 'Value';

/**
 * Finds the field that shows a path by walking the schema the way the form renders it: into properties of
 * object fields and entries of array fields, stopping at a JSON field or at a property the schema does
 * not list (an `additionalProperties` issue lands on the object that holds it).
 *
 * @example
 * issueTarget(schema, ['reviewers', 1, 'name']); // { fieldPath: ['reviewers', 1, 'name'], title: 'Name', rest: [] }
 */
export function issueTarget(schema: JsonSchema | undefined, path: FieldPath): IssueTarget {
  let current = schema;
  let title = typeof schema?.title === 'string' ? schema.title : rootTitle;
  let depth = 0;
  for (const segment of path) {
    const kind = fieldKind(current);
    let next: JsonSchema | undefined;
    if (kind === 'object' && typeof segment === 'string') {
      next = schemaProperties(current).find(([key]) => key === segment)?.[1];
      if (next !== undefined) title = fieldTitle(next, segment);
    } else if (kind === 'array' && typeof segment === 'number' && current !== undefined) {
      next = itemSchema(current);
      if (next !== undefined) title = itemTitle(segment);
    }
    if (next === undefined) break;
    current = next;
    depth += 1;
  }
  return { fieldPath: path.slice(0, depth), title, rest: path.slice(depth) };
}

/**
 * Sorts issues onto the fields that show them. A root object is not a field of its own (its properties
 * are), so what lands on it goes to the form-level list.
 *
 * Validator messages are predicates ("is required", "must be at most 5"), so they are prefixed with what
 * they are about ("Decision is required"); a message that starts with a capital is a sentence of its own
 * (a server's wording) and is shown as it is.
 *
 * @example
 * placeIssues(schema, [{ path: ['decision'], message: 'is required' }]).byField.get('["decision"]');
 * // ['Decision is required']
 */
export function placeIssues(schema: JsonSchema | undefined, issues: readonly FormIssue[]): PlacedIssues {
  const byField = new Map<string, string[]>();
  const form: string[] = [];
  const rootIsGroup = fieldKind(schema) === 'object';
  for (const issue of issues) {
    const target = issueTarget(schema, issue.path);
    const subject = target.rest.length > 0 ? target.rest.join('.') : target.title;
    const message = startsLowercase(issue.message) ? `${subject} ${issue.message}` : issue.message;
    if (target.fieldPath.length === 0 && rootIsGroup) {
      if (!form.includes(message)) form.push(message);
      continue;
    }
    const key = pathKey(target.fieldPath);
    const messages = byField.get(key) ?? [];
    if (!messages.includes(message)) messages.push(message);
    byField.set(key, messages);
  }
  return { byField, form };
}

function startsLowercase(message: string): boolean {
  const first = message.charAt(0);
  return first !== first.toUpperCase();
}

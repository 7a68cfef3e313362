import type { FieldPath } from './field-path';

/**
 * The DOM id of the control at `path`. Segments keep letters, digits, `_` and `-`; anything else is
 * written as its code point, so two different property names never share an id.
 *
 * @example
 * fieldId('approval', ['reviewers', 0, 'name']); // 'approval.reviewers.0.name'
 */
export function fieldId(prefix: string, path: FieldPath): string {
  if (path.length === 0) return `${prefix}.value`;
  const segments = path.map((segment) =>
    String(segment).replace(/[^A-Za-z0-9_-]/gu, (character) => `_${character.codePointAt(0)?.toString(16)}_`),
  );
  return `${prefix}.${segments.join('.')}`;
}

export const descriptionId = (id: string): string => `${id}--description`;
export const errorId = (id: string): string => `${id}--error`;

/**
 * An `aria-describedby` value from the ids that are present, or `undefined` for none.
 *
 * @example
 * describedBy('f.notes--description', false); // 'f.notes--description'
 */
export function describedBy(...ids: (string | false | undefined)[]): string | undefined {
  const present = ids.filter((id): id is string => typeof id === 'string' && id.length > 0);
  return present.length === 0 ? undefined : present.join(' ');
}

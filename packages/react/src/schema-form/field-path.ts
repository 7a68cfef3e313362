/** Where a field's value sits inside the form value: property names and array indexes, outermost first. */
export type FieldPath = readonly (string | number)[];

/**
 * A string that identifies a path, for maps and React keys (`["items",2]`).
 *
 * @example
 * pathKey(['reviewers', 0]); // '["reviewers",0]'
 */
export function pathKey(path: FieldPath): string {
  return JSON.stringify(path);
}

/**
 * True when `prefix` is `path` itself or one of its ancestors.
 *
 * @example
 * isPathPrefix(['reviewers'], ['reviewers', 0, 'name']); // true
 */
export function isPathPrefix(prefix: FieldPath, path: FieldPath): boolean {
  return prefix.length <= path.length && prefix.every((segment, index) => segment === path[index]);
}

/**
 * The value at `path`, or `undefined` when any step on the way is missing.
 *
 * @example
 * getAt({ reviewers: [{ name: 'Ada' }] }, ['reviewers', 0, 'name']); // 'Ada'
 */
export function getAt(value: unknown, path: FieldPath): unknown {
  let current = value;
  for (const segment of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}

/**
 * A copy of `value` with `next` at `path`; only the containers on the path are copied. Setting a property
 * to `undefined` removes it, so an emptied optional field is left out of the submitted value instead of
 * being sent as a key with no value.
 *
 * @example
 * setAt({ decision: 'approve' }, ['notes'], 'Looks good'); // { decision: 'approve', notes: 'Looks good' }
 */
export function setAt(value: unknown, path: FieldPath, next: unknown): unknown {
  const [segment, ...rest] = path;
  if (segment === undefined) return next;
  if (typeof segment === 'number') {
    const copy = Array.isArray(value) ? [...value] : [];
    copy[segment] = setAt(copy[segment], rest, next);
    return copy;
  }
  const copy: Record<string, unknown> = isPlainObject(value) ? { ...value } : {};
  const child = setAt(copy[segment], rest, next);
  if (child === undefined) delete copy[segment];
  else copy[segment] = child;
  return copy;
}

/**
 * @example
 * isPlainObject([]); // false
 */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

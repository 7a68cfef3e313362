/**
 * A resume schema's `pattern`, compiled once and safely. Mastra publishes the patterns of zod schemas as
 * written for JavaScript without flags (`^\d{3}\-\d{4}$`, `^[\w-.]+$`); the `u` flag rejects those escapes,
 * so a pattern is tried with `u` first (it reads astral characters right) and then without. A pattern that
 * compiles neither way, or one that can backtrack exponentially, is not checked here at all: the server
 * validates resume data anyway, and a form must never freeze on a keystroke.
 */

/** Compiled patterns by source; `null` for a pattern this client does not check. Bounded, oldest out. */
const cache = new Map<string, RegExp | null>();
const cacheLimit = 256;

/**
 * The pattern as a `RegExp`, or `undefined` when it is not checked on the client (invalid, or a nested
 * quantifier such as `^(a+)+$` that backtracks exponentially on a near miss).
 *
 * @example
 * schemaPattern('^\\d{3}\\-\\d{4}$')?.test('555-0100'); // true
 * schemaPattern('^(a+)+$'); // undefined: the server checks it
 */
export function schemaPattern(source: string): RegExp | undefined {
  let compiled = cache.get(source);
  if (compiled === undefined) {
    compiled = hasNestedQuantifier(source) ? null : (compile(source, 'u') ?? compile(source, '') ?? null);
    if (cache.size >= cacheLimit) cache.delete(cache.keys().next().value!);
    cache.set(source, compiled);
  }
  return compiled ?? undefined;
}

function compile(source: string, flags: string): RegExp | undefined {
  try {
    return new RegExp(source, flags);
  } catch {
    return undefined;
  }
}

/**
 * True when a repeated group holds a repetition itself (`(a+)+`, `(\w*x)*`, `(?:a|b+){2,}`): the shape
 * behind catastrophic backtracking. A cautious syntactic check: it may skip a harmless pattern (the
 * server still checks it), never the other way round for this shape.
 */
export function hasNestedQuantifier(source: string): boolean {
  // For each open group: whether something inside it repeats.
  const groups: boolean[] = [];
  let repeatsInside = false;
  for (let i = 0; i < source.length; i++) {
    const char = source[i];
    if (char === '\\') {
      i++;
      continue;
    }
    if (char === '[') {
      // A class is one character, whatever it holds; `]` right after `[` or `[^` is literal.
      i++;
      if (source[i] === '^') i++;
      if (source[i] === ']') i++;
      while (i < source.length && source[i] !== ']') {
        if (source[i] === '\\') i++;
        i++;
      }
      continue;
    }
    if (char === '(') {
      groups.push(repeatsInside);
      repeatsInside = false;
      continue;
    }
    if (char === ')') {
      const inner = repeatsInside;
      repeatsInside = groups.pop() ?? false;
      const repeated = repeatAt(source, i + 1);
      if (repeated && inner) return true;
      if (repeated || inner) repeatsInside = true;
      continue;
    }
    if (repeatAt(source, i)) repeatsInside = true;
  }
  return false;
}

/** Whether the quantifier at `index` (if any) repeats: `*`, `+`, or `{n,}` / `{n,m}` with m > 1. */
function repeatAt(source: string, index: number): boolean {
  const char = source[index];
  if (char === '*' || char === '+') return true;
  if (char !== '{') return false;
  const match = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(index, index + 24));
  if (!match) return false;
  if (match[2] === undefined) return Number(match[1]) > 1;
  return match[3] === '' || Number(match[3]) > 1;
}

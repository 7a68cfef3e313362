import { describe, expect, it } from 'vitest';
import { validateJsonSchema } from './json-schema-validate';
import { hasNestedQuantifier, schemaPattern } from './schema-pattern';

describe('resume-schema patterns that zod and the server accept', () => {
  it('`^\\d{3}\\-\\d{4}$` does not throw SyntaxError (the u flag rejects `\\-`) and still checks', () => {
    const schema = { type: 'string', pattern: '^\\d{3}\\-\\d{4}$' };
    expect(validateJsonSchema('555-0100', schema)).toEqual([]);
    expect(validateJsonSchema('5550100', schema)).toEqual([
      { path: [], message: 'must match ^\\d{3}\\-\\d{4}$' },
    ]);
  });

  it('`^[\\w-.]+$` does not throw SyntaxError (the u flag rejects a class range from `\\w`) and still checks', () => {
    const schema = { type: 'object', properties: { slug: { type: 'string', pattern: '^[\\w-.]+$' } } };
    expect(validateJsonSchema({ slug: 'tidal-power.v2' }, schema)).toEqual([]);
    expect(validateJsonSchema({ slug: 'tidal power' }, schema)).toEqual([
      { path: ['slug'], message: 'must match ^[\\w-.]+$' },
    ]);
  });

  it('keeps the u flag where it compiles, so astral characters count as one', () => {
    expect(schemaPattern('^.$')?.test('😀')).toBe(true);
  });

  it('skips a pattern that compiles in no way instead of throwing: the server validates', () => {
    expect(() => validateJsonSchema('x', { type: 'string', pattern: '(' })).not.toThrow();
    expect(validateJsonSchema('x', { type: 'string', pattern: '(' })).toEqual([]);
  });

  it('compiles each pattern once', () => {
    expect(schemaPattern('^[a-z]+$')).toBe(schemaPattern('^[a-z]+$'));
  });
});

describe('a pathological pattern `^(a+)+$` does not freeze validation', () => {
  it('is left to the server: a near miss that backtracks 2^25 times returns at once', {
    timeout: 3_000,
  }, () => {
    const schema = { type: 'string', pattern: '^(a+)+$' };
    expect(validateJsonSchema(`${'a'.repeat(25)}!`, schema)).toEqual([]);
  });

  it.each([
    ['^(a+)+$', true],
    ['^(\\w*x)*$', true],
    ['^(?:a|b+){2,}$', true],
    ['^((ab)*c)+$', true],
    ['^(a{2,5})*$', true],
    ['^\\d{3}\\-\\d{4}$', false],
    ['^[\\w-.]+$', false],
    ['^(a|b)+$', false],
    ['^([(+)])+$', false],
    ['^(\\+)+$', false],
    ['^(ab){1}c+$', false],
  ])('%s has a nested quantifier: %s', (pattern, expected) => {
    expect(hasNestedQuantifier(pattern)).toBe(expected);
  });
});

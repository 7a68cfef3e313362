// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { fieldId } from './field-ids';
import { fieldKind } from './field-kind';
import { getAt, setAt } from './field-path';
import { humanizeName, optionLabel } from './field-title';
import { placeIssues } from './issue-placement';
import { schemaDefaults } from './schema-defaults';
import { isMultilineString } from './string-widget';

describe('humanizeName and optionLabel', () => {
  it('turns property names into words', () => {
    expect(humanizeName('approverName')).toBe('Approver name');
    expect(humanizeName('rejection_reason')).toBe('Rejection reason');
    expect(humanizeName('request-changes')).toBe('Request changes');
  });

  it('keeps enum values whose case may matter', () => {
    expect(optionLabel('request-changes')).toBe('Request changes');
    expect(optionLabel('USD')).toBe('USD');
    expect(optionLabel(3)).toBe('3');
  });
});

describe('fieldKind', () => {
  it('models plain types and falls back to JSON for the rest', () => {
    expect(fieldKind({ type: 'string' })).toBe('string');
    expect(fieldKind({ type: 'integer' })).toBe('integer');
    expect(fieldKind({ type: 'string', enum: ['a'] })).toBe('enum');
    expect(fieldKind({ type: 'array', items: { type: 'string' } })).toBe('array');
    expect(fieldKind({ type: 'object', properties: {} })).toBe('object');
    expect(fieldKind({ type: 'object', additionalProperties: { type: 'string' } })).toBe('json');
    expect(fieldKind({ anyOf: [{ type: 'string' }, { type: 'null' }] })).toBe('json');
    expect(fieldKind({ type: ['string', 'null'] })).toBe('json');
    expect(fieldKind({ type: 'array', items: [{ type: 'string' }] })).toBe('json');
    expect(fieldKind({ enum: [{ a: 1 }] })).toBe('json');
    expect(fieldKind(undefined)).toBe('json');
  });
});

describe('schemaDefaults', () => {
  const schema = {
    type: 'object',
    properties: {
      priority: { type: 'string', default: 'normal' },
      approved: { type: 'boolean' },
      tags: { type: 'array', items: { type: 'string' } },
      address: { type: 'object', properties: { country: { type: 'string', default: 'NL' } } },
      extra: { type: 'object', properties: { note: { type: 'string', default: 'x' } } },
    },
    required: ['approved', 'tags', 'address'],
  };

  it('fills defaults, implied values of required fields, and required nested objects', () => {
    expect(schemaDefaults(schema)).toEqual({
      priority: 'normal',
      approved: false,
      tags: [],
      address: { country: 'NL' },
    });
  });

  it('keeps what the base gives and fills only the gaps', () => {
    expect(schemaDefaults(schema, { priority: 'high', address: {} }, { implied: false })).toEqual({
      priority: 'high',
      address: { country: 'NL' },
    });
  });

  it('starts from {} without a schema', () => {
    expect(schemaDefaults(undefined)).toEqual({});
  });
});

describe('setAt and getAt', () => {
  it('copies only the containers on the path and drops undefined properties', () => {
    const value = { a: { b: 1 }, list: [1, 2], keep: { x: 1 } };
    const next = setAt(value, ['a', 'b'], undefined) as typeof value;
    expect(next).toEqual({ a: {}, list: [1, 2], keep: { x: 1 } });
    expect(next.keep).toBe(value.keep);
    expect(getAt(setAt(value, ['list', 1], 5), ['list', 1])).toBe(5);
    expect(getAt(value, ['missing', 'deeper'])).toBeUndefined();
  });
});

describe('placeIssues', () => {
  const schema = {
    type: 'object',
    properties: {
      decision: { type: 'string', enum: ['approve'] },
      reviewers: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' } } } },
      meta: { anyOf: [{ type: 'object' }] },
    },
    additionalProperties: false,
  };

  it('puts each issue on the deepest field that shows it', () => {
    const placed = placeIssues(schema, [
      { path: ['decision'], message: 'is required' },
      { path: ['reviewers', 1, 'name'], message: 'must be string' },
      { path: ['meta', 'deep'], message: 'is not allowed' },
      { path: ['stray'], message: 'is not allowed' },
      { path: ['decision'], message: 'Pick one, please' },
    ]);
    expect(Object.fromEntries(placed.byField)).toEqual({
      '["decision"]': ['Decision is required', 'Pick one, please'],
      '["reviewers",1,"name"]': ['Name must be string'],
      '["meta"]': ['deep is not allowed'],
    });
    expect(placed.form).toEqual(['stray is not allowed']);
  });
});

describe('isMultilineString', () => {
  it('follows maxLength first, then line breaks, then prose names', () => {
    expect(isMultilineString('title', { type: 'string', maxLength: 500 })).toBe(true);
    expect(isMultilineString('notes', { type: 'string', maxLength: 80 })).toBe(false);
    expect(isMultilineString('title', { type: 'string' }, 'a\nb')).toBe(true);
    expect(isMultilineString('notes', { type: 'string' })).toBe(true);
    expect(isMultilineString('rejectionReason', { type: 'string' })).toBe(true);
    expect(isMultilineString('reasonCode', { type: 'string' })).toBe(false);
    expect(isMultilineString('approver', { type: 'string' })).toBe(false);
  });
});

describe('fieldId', () => {
  it('never gives two paths the same id', () => {
    expect(fieldId('f', ['a', 'b'])).not.toBe(fieldId('f', ['a.b']));
    expect(fieldId('f', ['a b'])).not.toBe(fieldId('f', ['a_b']));
    expect(fieldId('f', [])).toBe('f.value');
  });
});

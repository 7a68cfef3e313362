import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixturesDir } from '@stepline/test-support';
import { describe, expect, it } from 'vitest';
import { readWorkflowDetails } from '../transport/mastra-http-transport';
import { validateJsonSchema } from './json-schema-validate';

// The resume schemas the real server publishes for the example workflows.
const workflow = (id: string) =>
  readWorkflowDetails(id, JSON.parse(readFileSync(join(fixturesDir, 'workflows', `${id}.json`), 'utf8')));

describe('validateJsonSchema on Mastra resume schemas', () => {
  const review = workflow('content-brief').steps['editorial-round.review']!.resumeSchema;

  it('accepts data that fits', () => {
    expect(validateJsonSchema({ decision: 'approve' }, review)).toEqual([]);
    expect(validateJsonSchema({ decision: 'request-changes', notes: 'More data' }, review)).toEqual([]);
  });

  it('names every problem with its path', () => {
    expect(validateJsonSchema({ decision: 'maybe', notes: 3, extra: true }, review)).toEqual([
      { path: ['decision'], message: 'must be one of "approve", "request-changes", "reject"' },
      { path: ['notes'], message: 'must be string' },
      { path: ['extra'], message: 'is not allowed' },
    ]);
    expect(validateJsonSchema({}, review)).toEqual([{ path: ['decision'], message: 'is required' }]);
    expect(validateJsonSchema('approve', review)).toEqual([{ path: [], message: 'must be object' }]);
  });

  it('checks booleans, numbers, arrays and bounds', () => {
    const schema = {
      type: 'object',
      properties: {
        approved: { type: 'boolean' },
        amount: { type: 'integer', minimum: 1, maximum: 10 },
        tags: { type: 'array', items: { type: 'string', minLength: 1 }, maxItems: 2 },
      },
      required: ['approved'],
    };
    expect(validateJsonSchema({ approved: 'yes', amount: 11.5, tags: ['', 'b', 'c'] }, schema)).toEqual([
      { path: ['approved'], message: 'must be boolean' },
      { path: ['amount'], message: 'must be integer' },
      { path: ['tags'], message: 'must have at most 2 items' },
      { path: ['tags', 0], message: 'must not be empty' },
    ]);
  });

  it('lets anything through when there is no schema', () => {
    expect(validateJsonSchema({ whatever: 1 }, undefined)).toEqual([]);
  });
});

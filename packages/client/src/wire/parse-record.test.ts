import { describe, expect, it } from 'vitest';
import { SteplineError } from '../util/stepline-error';
import { parseRecords } from './parse-record';

function parseAll(texts: string[]) {
  const errors: SteplineError[] = [];
  const values = parseRecords(texts, (error) => errors.push(error));
  return { values, errors };
}

describe('parseRecords: the records of one read in one JSON.parse', () => {
  it('gives every record its own value, in order', () => {
    const texts = ['{"type":"a","n":1}', ' {"type":"b","s":"x,y]"} ', '[1,2]', '"text"', '3'];
    expect(parseAll(texts)).toEqual({
      values: [{ type: 'a', n: 1 }, { type: 'b', s: 'x,y]' }, [1, 2], 'text', 3],
      errors: [],
    });
  });

  it('reports a malformed record as a typed error, skips it, and keeps every other record of the read in order', () => {
    const { values, errors } = parseAll([
      '{"type":"a"}',
      '{"type":"b",',
      '{"type":"c"}',
      'nope',
      '{"type":"d"}',
    ]);
    expect(values).toEqual([{ type: 'a' }, { type: 'c' }, { type: 'd' }]);
    expect(errors).toHaveLength(2);
    for (const error of errors) {
      expect(SteplineError.isInstance(error)).toBe(true);
      expect(error.code).toBe('parse');
      expect(error.message).toMatch(/not valid JSON/);
    }
    expect(errors.map((error) => error.input)).toEqual(['{"type":"b",', 'nope']);
  });

  it('does not take a record holding two values as two records', () => {
    const { values, errors } = parseAll(['{"type":"a"}', '{"type":"b"},{"type":"c"}', '{"type":"d"}']);
    expect(values).toEqual([{ type: 'a' }, { type: 'd' }]);
    expect(errors.map((error) => error.input)).toEqual(['{"type":"b"},{"type":"c"}']);
  });

  it('does not let a string left open in one record run on into the next', () => {
    const { values, errors } = parseAll(['{"type":"a","text":"cut', 'off"}', '{"type":"b"}']);
    expect(values).toEqual([{ type: 'b' }]);
    expect(errors.map((error) => error.input)).toEqual(['{"type":"a","text":"cut', 'off"}']);
  });

  it('skips records that are only whitespace without reporting them', () => {
    expect(parseAll(['{"a":1}', ' \n\r\t', '{"b":2}'])).toEqual({ values: [{ a: 1 }, { b: 2 }], errors: [] });
  });

  it('reads a single record, and a single record that is only whitespace', () => {
    expect(parseAll(['{"a":1}'])).toEqual({ values: [{ a: 1 }], errors: [] });
    expect(parseAll(['  '])).toEqual({ values: [], errors: [] });
    expect(parseAll(['{"a":'])).toMatchObject({ values: [], errors: [{ code: 'parse' }] });
  });
});

import { describe, expect, it } from 'vitest';
import type { SteplineError } from '../util/stepline-error';
import { openRecordReader } from './record-reader';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

async function recordsOf(pieces: readonly (Uint8Array | string | object)[], maxRecordLength?: number) {
  const errors: SteplineError[] = [];
  const reader = openRecordReader(
    (async function* () {
      yield* pieces;
    })(),
    { onError: (error) => errors.push(error), ...(maxRecordLength ? { maxRecordLength } : {}) },
  );
  const records: string[] = [];
  for (let next = await reader.read(); !next.done; next = await reader.read()) {
    for (const record of next.records) records.push(decoder.decode(record));
  }
  return { records, errors: errors.map((error) => error.message) };
}

describe('openRecordReader', () => {
  it('splits bytes on \\x1E at any byte, a multibyte character cut in two included, without decoding', async () => {
    const body = encoder.encode('\uFEFF{"a":"🦊"}\x1E \n{"b":2}\x1E\n');
    const pieces = Array.from(body, (byte) => Uint8Array.of(byte));
    expect(await recordsOf(pieces)).toEqual({ records: ['{"a":"🦊"}', ' \n{"b":2}'], errors: [] });
  });

  it('keeps a last record without its separator, and reports one cut off', async () => {
    expect((await recordsOf(['{"a":1}\x1E{"b":2}'])).records).toEqual(['{"a":1}', '{"b":2}']);
    const cut = await recordsOf(['{"a":1}\x1E{"b":']);
    expect(cut.records).toEqual(['{"a":1}']);
    expect(cut.errors).toEqual([
      'The stream ended in the middle of a record; the partial record was skipped.',
    ]);
  });

  it('reports and skips a record that is not an object, and one over maxRecordLength', async () => {
    const { records, errors } = await recordsOf(
      ['{"a":1}\x1Enot json\x1E', `{"long":"${'x'.repeat(50)}"}\x1E`, '{"b":2}\x1E'],
      40,
    );
    expect(records).toEqual(['{"a":1}', '{"b":2}']);
    expect(errors).toEqual([
      'A stream record is not a JSON object; it was skipped.',
      'A stream record is longer than 40 bytes; it was skipped.',
    ]);
  });

  it('says a read holds no line break only when none of its records, nor their earlier pieces, does', async () => {
    const reader = openRecordReader(
      (async function* () {
        yield encoder.encode('{"a":1}\x1E{"b":\n');
        yield encoder.encode('2}\x1E{"c":3}\x1E');
        yield encoder.encode('{"d":4}\x1E');
      })(),
      { onError: () => {} },
    );
    const reads: [string[], boolean][] = [];
    for (let next = await reader.read(); !next.done; next = await reader.read()) {
      reads.push([next.records.map((record) => decoder.decode(record)), next.oneLine]);
    }
    expect(reads).toEqual([
      [['{"a":1}'], false],
      [['{"b":\n2}', '{"c":3}'], false],
      [['{"d":4}'], true],
    ]);
  });

  it('stringifies chunk objects once', async () => {
    expect((await recordsOf([{ type: 'workflow-start' }])).records).toEqual(['{"type":"workflow-start"}']);
  });
});

import { describe, expect, it } from 'vitest';
import type { SteplineError } from '../util/stepline-error';
import { createRecordSplitter } from './record-splitter';

function split(chunks: (string | Uint8Array)[], maxRecordLength?: number) {
  const records: string[] = [];
  const errors: SteplineError[] = [];
  const splitter = createRecordSplitter({
    onRecord: (text) => records.push(text),
    onError: (error) => errors.push(error),
    ...(maxRecordLength === undefined ? {} : { maxRecordLength }),
  });
  for (const chunk of chunks) splitter.push(chunk);
  splitter.end();
  return { records, errors };
}

const encoder = new TextEncoder();

/** Every way of cutting `bytes` into two pieces, plus one byte at a time. */
function everySplit(bytes: Uint8Array): Uint8Array[][] {
  const splits: Uint8Array[][] = [];
  for (let i = 0; i <= bytes.length; i++) splits.push([bytes.slice(0, i), bytes.slice(i)]);
  splits.push(Array.from(bytes, (byte) => Uint8Array.of(byte)));
  return splits;
}

describe('createRecordSplitter', () => {
  const body = '{"type":"a","text":"héllo → 世界 🎉"}\x1E{"type":"b"}\x1E';

  it('yields the same records however the bytes are cut, multibyte characters included', () => {
    const bytes = encoder.encode(body);
    for (const chunks of everySplit(bytes)) {
      const { records, errors } = split(chunks);
      expect(errors).toEqual([]);
      expect(records).toEqual(['{"type":"a","text":"héllo → 世界 🎉"}', '{"type":"b"}']);
    }
  });

  it('drops a byte-order mark and whitespace between records', () => {
    const { records } = split([encoder.encode(`\uFEFF${'{"a":1}\x1E\n\r\n  \x1E{"b":2}\x1E'}`)]);
    expect(records).toEqual(['{"a":1}', '{"b":2}']);
  });

  it('keeps a final complete record that lost its separator', () => {
    expect(split(['{"a":1}\x1E{"b":2}']).records).toEqual(['{"a":1}', '{"b":2}']);
  });

  it('reports a record cut off by the end of the stream, after delivering the ones before it', () => {
    const { records, errors } = split(['{"a":1}\x1E{"type":"workflow-st']);
    expect(records).toEqual(['{"a":1}']);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.code).toBe('parse');
    expect(errors[0]!.input).toContain('workflow-st');
  });

  it('passes a 10 MB record through in 16 kB chunks', () => {
    const big = JSON.stringify({
      type: 'workflow-step-result',
      payload: { output: 'x'.repeat(10 * 1024 * 1024) },
    });
    const bytes = encoder.encode(`${big}\x1E{"after":true}\x1E`);
    const chunks: Uint8Array[] = [];
    for (let i = 0; i < bytes.length; i += 16 * 1024) chunks.push(bytes.slice(i, i + 16 * 1024));
    const { records, errors } = split(chunks);
    expect(errors).toEqual([]);
    expect(records).toHaveLength(2);
    expect(records[0]!.length).toBe(big.length);
    expect(records[1]).toBe('{"after":true}');
  });

  it('skips a record over the limit, says so, and goes on with the next', () => {
    const { records, errors } = split(
      ['{"small":1}\x1E', `{"big":"${'y'.repeat(500)}`, `${'y'.repeat(500)}"}\x1E{"next":2}\x1E`],
      100,
    );
    expect(records).toEqual(['{"small":1}', '{"next":2}']);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.code).toBe('parse');
    expect(errors[0]!.message).toMatch(/longer than 100/);
  });
});

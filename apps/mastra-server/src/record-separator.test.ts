import { describe, expect, it } from 'vitest';
import { createRecordDecoder, decodeRecords } from './record-separator.ts';

const encode = (text: string) => new TextEncoder().encode(text);

describe('record separator decoding', () => {
  it('completes records split across chunks at any byte, including inside a multi-byte character', () => {
    const body = encode('{"type":"a","text":"é€"}\x1E{"type":"b"}\x1E');
    for (let cut = 1; cut < body.length; cut++) {
      const decoder = createRecordDecoder();
      const records = [...decoder.push(body.subarray(0, cut)), ...decoder.push(body.subarray(cut))];
      expect(records).toEqual([{ type: 'a', text: 'é€' }, { type: 'b' }]);
      expect(decoder.rest()).toBe('');
    }
  });

  it('keeps a trailing record without separator as rest', () => {
    const decoder = createRecordDecoder();
    expect(decoder.push(encode('{"a":1}\x1E{"b":'))).toEqual([{ a: 1 }]);
    expect(decoder.rest()).toBe('{"b":');
    expect(decodeRecords('{"a":1}\x1E{"b":2}')).toEqual([{ a: 1 }, { b: 2 }]);
  });
});

import { cutAt } from '@stepline/test-support';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createUtf8Pieces } from './utf8-pieces';

/** What `TextDecoder` with `{stream: true}` makes of the same pieces: the behaviour to keep. */
function streamed(pieces: Uint8Array[]): string {
  const decoder = new TextDecoder('utf-8');
  return pieces.map((piece) => decoder.decode(piece, { stream: true })).join('') + decoder.decode();
}

function decoded(pieces: Uint8Array[]): string {
  const decode = createUtf8Pieces();
  return pieces.map((piece) => decode(piece)).join('') + decode();
}

const encoder = new TextEncoder();

describe('createUtf8Pieces', () => {
  it('decodes a character cut at every byte, of every length', () => {
    const bytes = encoder.encode('a\u00e9\u20ac\u{1F389}b\u00e9');
    for (let cut = 0; cut <= bytes.length; cut++) {
      expect(decoded([bytes.subarray(0, cut), bytes.subarray(cut)])).toBe('a\u00e9\u20ac\u{1F389}b\u00e9');
    }
    expect(decoded(Array.from(bytes, (byte) => Uint8Array.of(byte)))).toBe('a\u00e9\u20ac\u{1F389}b\u00e9');
  });

  it('drops a byte-order mark at the start of the stream only, even one cut across pieces', () => {
    expect(decoded([Uint8Array.of(0xef, 0xbb), Uint8Array.of(0xbf, 0x61)])).toBe('a');
    expect(decoded([Uint8Array.of(0x61), Uint8Array.of(0xef, 0xbb, 0xbf)])).toBe('a\uFEFF');
    expect(decoded([new Uint8Array(0), Uint8Array.of(0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf)])).toBe('\uFEFF');
  });

  it('ends a stream cut in the middle of a character with U+FFFD, as TextDecoder does', () => {
    expect(decoded([Uint8Array.of(0x61, 0xe2, 0x82)])).toBe(streamed([Uint8Array.of(0x61, 0xe2, 0x82)]));
    expect(decoded([Uint8Array.of(0x61, 0xe2, 0x82)])).toBe('a\uFFFD');
  });

  it('gives what TextDecoder streaming gives, for any bytes cut anywhere (invalid UTF-8 included)', () => {
    const text = fc.string({ unit: 'binary', maxLength: 40 }).map((value) => encoder.encode(value));
    const raw = fc.uint8Array({ maxLength: 40 });
    const bytes = fc
      .array(fc.oneof(text, raw, fc.constant(Uint8Array.of(0xef, 0xbb, 0xbf))), { maxLength: 5 })
      .map((parts) => {
        const all = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
        let offset = 0;
        for (const part of parts) {
          all.set(part, offset);
          offset += part.length;
        }
        return all;
      });
    fc.assert(
      fc.property(bytes, fc.array(fc.nat(), { maxLength: 8 }), (all, cuts) => {
        const pieces = cutAt(cuts)(all);
        expect(decoded(pieces)).toBe(streamed(pieces));
      }),
      { numRuns: 2000 },
    );
  });
});

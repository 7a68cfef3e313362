import { describe, expect, it } from 'vitest';
import type { SteplineError } from '../util/stepline-error';
import { createChunkDecoder } from './chunk-decoder';

const encoder = new TextEncoder();

describe('createChunkDecoder', () => {
  it('returns the chunks each piece completes, one batch per piece, whatever byte the pieces split at', () => {
    const body = encoder.encode('{"type":"a","text":"é"}\x1E{"type":"b"}\x1E{"type":"c"}');
    for (let cut = 1; cut < body.length; cut++) {
      const decoder = createChunkDecoder({ onError: (error) => expect.fail(error.message) });
      const first = decoder.push(body.slice(0, cut));
      const second = decoder.push(body.slice(cut));
      const last = decoder.end();
      expect([...first, ...second, ...last]).toEqual([
        { type: 'a', text: 'é' },
        { type: 'b' },
        { type: 'c' },
      ]);
      // The last record has no separator: only the end of the body completes it.
      expect(last).toEqual([{ type: 'c' }]);
    }
  });

  it('reports a record that is not JSON and one over maxRecordLength, and goes on', () => {
    const errors: SteplineError[] = [];
    const decoder = createChunkDecoder({ onError: (error) => errors.push(error), maxRecordLength: 20 });
    const chunks = decoder.push(
      `{"type":"a"}\x1E{not json\x1E{"type":"${'x'.repeat(30)}"}\x1E{"type":"b"}\x1E`,
    );
    expect(chunks).toEqual([{ type: 'a' }, { type: 'b' }]);
    expect(errors.map((error) => error.code)).toEqual(['parse', 'parse']);
    expect(errors[0]!.message).toMatch(/not valid JSON/);
    expect(errors[1]!.message).toMatch(/longer than 20/);
  });

  it('keeps every other record of a read in order around a malformed one, and around one over the limit', () => {
    const errors: SteplineError[] = [];
    const decoder = createChunkDecoder({ onError: (error) => errors.push(error), maxRecordLength: 40 });
    const records = [
      '{"type":"a"}',
      '{"type":"b"',
      `{"type":"${'x'.repeat(40)}"}`,
      '{"type":"c"}',
      '{"type":"d"}',
    ];
    const chunks = decoder.push(encoder.encode(records.map((record) => `${record}\x1E`).join('')));
    expect(chunks).toEqual([{ type: 'a' }, { type: 'c' }, { type: 'd' }]);
    // Reported in the order the records came in.
    expect(errors.map((error) => error.message)).toEqual([
      expect.stringMatching(/not valid JSON/),
      expect.stringMatching(/longer than 40/),
    ]);
  });
});

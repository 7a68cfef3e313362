import type { SteplineError } from '../util/stepline-error';
import { parseRecords } from './parse-record';
import { createRecordBatcher } from './record-splitter';

export interface ChunkDecoderOptions {
  /** A record that is not JSON, too long, or cut off at the end: reported, skipped, and decoding goes on. */
  readonly onError: (error: SteplineError) => void;
  /** Records longer than this (in characters) are reported and skipped. Default: 64 Mi characters. */
  readonly maxRecordLength?: number;
}

/** bytes -> records -> parsed chunks, for a `\x1E`-framed Mastra stream body. */
export interface ChunkDecoder {
  /** Feeds the next piece of the body; returns the chunks it completed, in order (one batch per piece). */
  push(piece: Uint8Array | string): unknown[];
  /** The body ended: returns the chunks completed by its end (a last record without its separator). */
  end(): unknown[];
}

/**
 * The one decoder of Mastra's record framing: every transport, the relay, the public parser and the
 * benchmark read bytes through it, so they agree on `maxRecordLength`, bad records and batching.
 *
 * @example
 * const decoder = createChunkDecoder({ onError: console.warn });
 * for await (const piece of response.body) handle(decoder.push(piece));
 * handle(decoder.end());
 */
export function createChunkDecoder(options: ChunkDecoderOptions): ChunkDecoder {
  let chunks: unknown[] = [];
  const splitter = createRecordBatcher({
    onRecords(texts) {
      const values = parseRecords(texts, options.onError);
      // One batch per piece but for a record over the limit: the first is taken as it is, not copied.
      chunks = chunks.length === 0 ? values : chunks.concat(values);
    },
    onError: options.onError,
    ...(options.maxRecordLength === undefined ? {} : { maxRecordLength: options.maxRecordLength }),
  });
  const take = () => {
    const taken = chunks;
    chunks = [];
    return taken;
  };
  return {
    push(piece) {
      splitter.push(piece);
      return take();
    },
    end() {
      splitter.end();
      return take();
    },
  };
}

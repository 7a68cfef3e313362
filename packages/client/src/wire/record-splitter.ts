import { excerpt, SteplineError } from '../util/stepline-error';
import { createUtf8Pieces } from './utf8-pieces';

/** Mastra ends every record of a run stream with the ASCII record separator, and sends nothing else. */
export const recordSeparator = '\x1E';

export interface RecordSplitterOptions {
  /** Called with the text of each complete record, in order. */
  readonly onRecord: (text: string) => void;
  /** Called for a record over `maxRecordLength` or one cut off at the end of the stream. */
  readonly onError: (error: SteplineError) => void;
  /**
   * Records longer than this (in characters) are reported and skipped instead of being buffered.
   * Default: 64 Mi characters — a step output of tens of megabytes still goes through.
   */
  readonly maxRecordLength?: number;
}

export interface RecordSplitter {
  /** Feeds the next piece of the body; a record may be split across pieces at any byte. */
  push(chunk: Uint8Array | string): void;
  /** The body ended: whatever is left is a record without its separator. */
  end(): void;
}

/**
 * Splits a `\x1E`-framed Mastra stream body into record texts. Multibyte characters split across chunks
 * are decoded correctly, a leading BOM is dropped, whitespace between records is ignored.
 *
 * @example
 * const splitter = createRecordSplitter({ onRecord: (text) => records.push(text), onError: console.warn });
 * for await (const chunk of response.body) splitter.push(chunk);
 * splitter.end();
 */
export function createRecordSplitter(options: RecordSplitterOptions): RecordSplitter {
  return createRecordBatcher({
    onRecords(texts) {
      for (const text of texts) if (text.trim() !== '') options.onRecord(text);
    },
    onError: options.onError,
    ...(options.maxRecordLength === undefined ? {} : { maxRecordLength: options.maxRecordLength }),
  });
}

export interface RecordBatcherOptions {
  /**
   * The records a piece completed, in order, as one array (usually one call per piece). Records that are
   * only whitespace are passed on too: a caller that parses the batch in one go finds them by failing.
   */
  readonly onRecords: (texts: string[]) => void;
  /** A record over `maxRecordLength` or one cut off at the end; reported between the batches around it. */
  readonly onError: (error: SteplineError) => void;
  readonly maxRecordLength?: number;
}

/**
 * The splitter's core, a batch per piece: the piece is split on the separator in one call and the
 * pending part of a record is kept as pieces, joined once with the piece that completes it, so neither a
 * 10 MB record arriving in 16 kB chunks nor a 64 KiB piece of small records is rescanned or copied twice.
 */
export function createRecordBatcher(options: RecordBatcherOptions): RecordSplitter {
  const maxLength = options.maxRecordLength ?? 64 * 1024 * 1024;
  const decode = createUtf8Pieces();
  let pieces: string[] = [];
  let pendingLength = 0;
  let skippingOversized = false;

  function reportOversized(): void {
    options.onError(
      new SteplineError('parse', `A stream record is longer than ${maxLength} characters; it was skipped.`),
    );
  }

  function append(text: string): void {
    if (skippingOversized || text === '') return;
    pendingLength += text.length;
    if (pendingLength > maxLength) {
      skippingOversized = true;
      pieces = [];
      pendingLength = 0;
      reportOversized();
      return;
    }
    pieces.push(text);
  }

  function deliver(records: string[]): void {
    if (records.length > 0) options.onRecords(records);
  }

  function pushText(text: string): void {
    const records = text.split(recordSeparator);
    // What follows the last separator is the start of a record the next pieces complete.
    const rest = records.pop()!;
    if (records.length > 0) {
      if (pieces.length > 0) {
        pieces.push(records[0]!);
        records[0] = pieces.join('');
        pieces = [];
      }
      // The first separator ends a record being skipped (it was reported when it went over the limit).
      let from = skippingOversized ? 1 : 0;
      skippingOversized = false;
      if (pendingLength + text.length > maxLength) {
        // The rare piece that may hold a record over the limit: the records around it go on, in order.
        for (let index = from; index < records.length; index++) {
          if (records[index]!.length <= maxLength) continue;
          deliver(records.slice(from, index));
          reportOversized();
          from = index + 1;
        }
      }
      deliver(from === 0 ? records : records.slice(from));
      pendingLength = 0;
    }
    append(rest);
  }

  return {
    push(chunk) {
      pushText(typeof chunk === 'string' ? chunk : decode(chunk));
    },
    end() {
      pushText(decode());
      if (skippingOversized) {
        skippingOversized = false;
        return;
      }
      const rest = pieces.join('');
      pieces = [];
      pendingLength = 0;
      if (rest.trim() === '') return;
      // A complete JSON value without its separator is still a record; anything else was cut off.
      try {
        JSON.parse(rest);
      } catch {
        options.onError(
          new SteplineError(
            'parse',
            'The stream ended in the middle of a record; the partial record was skipped.',
            {
              input: excerpt(rest),
            },
          ),
        );
        return;
      }
      options.onRecords([rest]);
    },
  };
}

import { excerpt, SteplineError } from '../util/stepline-error';

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
  const maxLength = options.maxRecordLength ?? 64 * 1024 * 1024;
  const decoder = new TextDecoder('utf-8');
  // The pending record is kept as pieces and joined once, so a 10 MB record arriving in 16 kB chunks costs
  // O(size), not O(size^2) as repeated string concatenation and rescanning would.
  let pieces: string[] = [];
  let pendingLength = 0;
  let skippingOversized = false;

  function emit(text: string): void {
    if (text.trim() === '') return;
    options.onRecord(text);
  }

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

  function closeRecord(): void {
    if (skippingOversized) {
      skippingOversized = false;
      return;
    }
    const text = pieces.length === 1 ? pieces[0]! : pieces.join('');
    pieces = [];
    pendingLength = 0;
    emit(text);
  }

  function pushText(text: string): void {
    let start = 0;
    let index = text.indexOf(recordSeparator, start);
    while (index !== -1) {
      if (pendingLength === 0 && !skippingOversized && index - start <= maxLength) {
        // The common case: a whole record inside this piece, emitted without buffering.
        emit(text.slice(start, index));
      } else {
        append(text.slice(start, index));
        closeRecord();
      }
      start = index + 1;
      index = text.indexOf(recordSeparator, start);
    }
    append(text.slice(start));
  }

  return {
    push(chunk) {
      pushText(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
    },
    end() {
      pushText(decoder.decode());
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
        emit(rest);
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
      }
    },
  };
}

import { excerpt, SteplineError } from '../util/stepline-error';
import { type RunChunkSource, readerOf } from './chunk-source';
import { createRecordSplitter } from './record-splitter';

/** Reads a source's records as JSON texts, one upstream read at a time, without parsing them. */
export interface RecordReader {
  /** The record texts of the next upstream read (several for a read of raw bytes, none for a partial record). */
  read(): Promise<{ readonly done: true } | { readonly done: false; readonly records: string[] }>;
  /** Stops reading and cancels the upstream. */
  cancel(reason?: unknown): Promise<void>;
}

export interface RecordReaderOptions {
  /** A record that is cut off, too long, or not a JSON object: it is skipped and reading goes on. */
  readonly onError: (error: SteplineError) => void;
  readonly maxRecordLength?: number;
}

/**
 * `openChunkReader` for a reader that passes records on rather than looking into them (the SSE relay):
 * Mastra's bytes are split into record texts and handed over as they came, so a record is never parsed
 * here and stringified again. Chunk objects (a `@mastra/client-js` stream) are stringified once.
 *
 * A record is checked only by its ends (`{` … `}`, what every Mastra record is): one that is cut off in
 * the middle of the body or is plainly something else is reported as `parse` and skipped. What passes
 * that check is parsed by whoever receives it, which reports a record that still is not JSON.
 *
 * @example
 * const reader = openRecordReader(response, { onError: console.warn });
 * for (let next = await reader.read(); !next.done; next = await reader.read()) send(next.records);
 */
export function openRecordReader(source: RunChunkSource, options: RecordReaderOptions): RecordReader {
  const upstream = readerOf(source);
  let records: string[] = [];
  const splitter = createRecordSplitter({
    onRecord(text) {
      if (isObjectText(text)) records.push(text);
      else options.onError(notAnObject(text));
    },
    onError: options.onError,
    ...(options.maxRecordLength === undefined ? {} : { maxRecordLength: options.maxRecordLength }),
  });
  let ended = false;

  return {
    async read() {
      if (ended) return { done: true };
      const next = await upstream.next();
      if (next.done) {
        ended = true;
        splitter.end();
      } else if (typeof next.value === 'string' || ArrayBuffer.isView(next.value)) {
        splitter.push(next.value as Uint8Array | string);
      } else if (Object.prototype.toString.call(next.value) === '[object ArrayBuffer]') {
        splitter.push(new Uint8Array(next.value as ArrayBuffer));
      } else {
        const text = stringify(next.value, options.onError);
        if (text !== undefined) records.push(text);
      }
      const read = records;
      records = [];
      // The records completed by the end of the body are still delivered before `done`.
      if (ended && read.length === 0) return { done: true };
      return { done: false, records: read };
    },
    async cancel(reason) {
      ended = true;
      await upstream.cancel(reason);
    },
  };
}

/** First and last non-blank characters `{` and `}`; blanks are looked past only when there are some. */
function isObjectText(text: string): boolean {
  let first = 0;
  let last = text.length - 1;
  while (first <= last && isBlank(text.charCodeAt(first))) first++;
  while (last > first && isBlank(text.charCodeAt(last))) last--;
  return text.charCodeAt(first) === 0x7b && text.charCodeAt(last) === 0x7d && last > first;
}

function isBlank(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09 || code === 0xfeff;
}

function notAnObject(text: string): SteplineError {
  return new SteplineError('parse', 'A stream record is not a JSON object; it was skipped.', {
    input: excerpt(text),
  });
}

function stringify(chunk: unknown, onError: (error: SteplineError) => void): string | undefined {
  let text: string | undefined;
  try {
    text = JSON.stringify(chunk);
  } catch (cause) {
    onError(
      new SteplineError('invalid-event', 'A run chunk cannot be serialized as JSON; it was skipped.', {
        cause,
      }),
    );
    return undefined;
  }
  if (text !== undefined) return text;
  onError(
    new SteplineError(
      'invalid-event',
      `A run chunk of type ${typeof chunk} has no JSON form; it was skipped.`,
    ),
  );
  return undefined;
}

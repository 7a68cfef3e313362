import type { RunEvent, UnknownRunEvent } from '../model/run-event';
import type { SteplineError } from '../util/stepline-error';
import { normalizeEvent } from './normalize-event';
import { parseRecord } from './parse-record';
import { createRecordSplitter } from './record-splitter';

export interface RunEventHandlers {
  /** Every event Stepline understood, in order. */
  readonly onEvents: (events: RunEvent[]) => void;
  /** A chunk of a type Stepline does not know; it is not applied. */
  readonly onUnknown?: (event: UnknownRunEvent) => void;
  /** A record that could not be read; it is skipped and the stream goes on. */
  readonly onError?: (error: SteplineError) => void;
  readonly maxRecordLength?: number;
}

export interface RunEventParser {
  /** Feeds bytes (or text) of a `\x1E`-framed Mastra stream; events are delivered per call, as one batch. */
  push(chunk: Uint8Array | string): void;
  end(): void;
}

/**
 * bytes -> records -> JSON -> normalized events, each stage reporting its own failures without stopping.
 *
 * @example
 * const parser = createMastraStreamParser({ onEvents: (events) => store.dispatch(events) });
 * for await (const chunk of response.body) parser.push(chunk);
 * parser.end();
 */
export function createMastraStreamParser(handlers: RunEventHandlers): RunEventParser {
  let batch: RunEvent[] = [];
  const onRecord = (text: string) => {
    let chunk: unknown;
    try {
      chunk = JSON.parse(text);
    } catch {
      // The slow path names the problem; the fast path skips a result object per record.
      const parsed = parseRecord(text);
      if (!parsed.ok) handlers.onError?.(parsed.error);
      return;
    }
    acceptChunk(chunk);
  };
  const acceptChunk = (chunk: unknown) => {
    const event = normalizeEvent(chunk);
    if (!event.ok) {
      handlers.onError?.(event.error);
      return;
    }
    if (event.value.type === 'unknown') {
      handlers.onUnknown?.(event.value);
      return;
    }
    batch.push(event.value);
  };
  const splitter = createRecordSplitter({
    onRecord,
    onError: (error) => handlers.onError?.(error),
    ...(handlers.maxRecordLength === undefined ? {} : { maxRecordLength: handlers.maxRecordLength }),
  });
  const flush = () => {
    if (batch.length === 0) return;
    const events = batch;
    batch = [];
    handlers.onEvents(events);
  };
  return {
    push(chunk) {
      splitter.push(chunk);
      flush();
    },
    end() {
      splitter.end();
      flush();
    },
  };
}

/**
 * Reads a whole Mastra stream body (a `ReadableStream` of bytes) through the parser.
 * @example
 * await readMastraStream(response.body!, { onEvents: (events) => store.dispatch(events) });
 */
export async function readMastraStream(
  body: ReadableStream<Uint8Array>,
  handlers: RunEventHandlers,
  signal?: AbortSignal,
): Promise<void> {
  const parser = createMastraStreamParser(handlers);
  const reader = body.getReader();
  const onAbort = () => void reader.cancel().catch(() => {});
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parser.push(value);
    }
    parser.end();
  } finally {
    signal?.removeEventListener('abort', onAbort);
    reader.releaseLock();
  }
}

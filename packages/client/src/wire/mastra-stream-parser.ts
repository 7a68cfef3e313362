import { createOutputPositions } from '../model/output-positions';
import type { RunEvent, UnknownRunEvent } from '../model/run-event';
import type { SteplineError } from '../util/stepline-error';
import { createChunkDecoder } from './chunk-decoder';
import { chunksToEvents } from './chunks-to-events';

export interface RunEventHandlers {
  /** Every event Stepline understood, in order. */
  readonly onEvents: (events: RunEvent[]) => void;
  /** A chunk of a type Stepline does not know; it is not applied. */
  readonly onUnknown?: (event: UnknownRunEvent) => void;
  /** A record that could not be read; it is skipped and the stream goes on. */
  readonly onError?: (error: SteplineError) => void;
  readonly maxRecordLength?: number;
  /** The run being read: a chunk naming another run is not applied; it goes to `onUnknown`. */
  readonly runId?: string;
}

export interface RunEventParser {
  /** Feeds bytes (or text) of a `\x1E`-framed Mastra stream; events are delivered per call, as one batch. */
  push(chunk: Uint8Array | string): void;
  end(): void;
}

/**
 * bytes -> records -> JSON -> normalized events, each stage reporting its own failures without stopping:
 * the transports' decoder and the controller's chunks -> events loop, for a caller that has bytes and
 * wants events.
 *
 * @example
 * const parser = createMastraStreamParser({ onEvents: (events) => store.dispatch(events) });
 * for await (const chunk of response.body) parser.push(chunk);
 * parser.end();
 */
export function createMastraStreamParser(handlers: RunEventHandlers): RunEventParser {
  const onError = (error: SteplineError) => handlers.onError?.(error);
  const decoder = createChunkDecoder({
    onError,
    ...(handlers.maxRecordLength === undefined ? {} : { maxRecordLength: handlers.maxRecordLength }),
  });
  // One parser reads one stream in order: step output is numbered by its place in it.
  const positions = createOutputPositions();
  const deliver = (chunks: unknown[]) => {
    if (chunks.length === 0) return;
    const events = chunksToEvents(chunks, handlers, positions);
    if (events.length > 0) handlers.onEvents(events);
  };
  return {
    push(chunk) {
      deliver(decoder.push(chunk));
    },
    end() {
      deliver(decoder.end());
    },
  };
}

import type { OutputPositions } from '../model/output-positions';
import type { RunEvent, UnknownRunEvent } from '../model/run-event';
import { SteplineError } from '../util/stepline-error';
import { chunkRunId, toRunEvent } from './normalize-event';

export interface ChunksToEventsHandlers {
  /**
   * The run being followed. A chunk that names another run (a proxy mixing streams, a server bug) is not
   * applied: it goes to `onUnknown` with `otherRunId` set. A function is asked per batch, for a run id that
   * is known only later (`start()`).
   */
  readonly runId?: string | (() => string | undefined);
  /** A chunk of a type Stepline does not know; it is not applied. */
  readonly onUnknown?: (event: UnknownRunEvent) => void;
  /** A chunk that is not a valid Mastra event; it is skipped and the stream goes on. */
  readonly onError?: (error: SteplineError) => void;
}

/**
 * The one chunks -> events loop: normalizes a batch of parsed chunks into the run events to apply,
 * reporting unknown and invalid chunks on the way. `positions` numbers step output by its place in the
 * stream (pass one per stream read in order; see `createOutputPositions`). The controller, the public parser and the benchmark
 * all go through it.
 *
 * @example
 * store.dispatch(chunksToEvents(chunks, { onError: console.warn }));
 */
export function chunksToEvents(
  chunks: readonly unknown[],
  handlers: ChunksToEventsHandlers,
  positions?: OutputPositions,
): RunEvent[] {
  const events: RunEvent[] = [];
  const runId = typeof handlers.runId === 'function' ? handlers.runId() : handlers.runId;
  for (const chunk of chunks) {
    if (runId !== undefined) {
      const named = chunkRunId(chunk);
      if (named !== undefined && named !== runId) {
        const type = (chunk as { type?: unknown }).type;
        handlers.onUnknown?.({
          type: 'unknown',
          rawType: typeof type === 'string' ? type : undefined,
          raw: chunk,
          otherRunId: named,
        });
        continue;
      }
    }
    const event = toRunEvent(chunk);
    if (event instanceof SteplineError) handlers.onError?.(event);
    else if (event.type === 'unknown') handlers.onUnknown?.(event);
    else events.push(positions ? positions.place(event) : event);
  }
  return events;
}

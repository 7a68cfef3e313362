import type { OutputPositions } from '../model/output-positions';
import type { RunEvent, UnknownRunEvent } from '../model/run-event';
import type { SteplineError } from '../util/stepline-error';
import { normalizeEvent } from './normalize-event';

export interface ChunksToEventsHandlers {
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
  for (const chunk of chunks) {
    const event = normalizeEvent(chunk);
    if (!event.ok) {
      handlers.onError?.(event.error);
      continue;
    }
    if (event.value.type === 'unknown') {
      handlers.onUnknown?.(event.value);
      continue;
    }
    events.push(positions ? positions.place(event.value) : event.value);
  }
  return events;
}

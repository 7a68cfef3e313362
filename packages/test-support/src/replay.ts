import type { RunEvent, SteplineError, UnknownRunEvent } from '@stepline/client';
import { createRunState, type RunState, reduceRunEvents } from '@stepline/client';
import { createMastraStreamParser } from '@stepline/client/wire';
import { type RecordedScenario, readSegmentBytes, readSegmentChunks } from './recorded-fixtures';

export interface Replay {
  readonly state: RunState;
  readonly events: RunEvent[];
  readonly errors: SteplineError[];
  readonly unknown: UnknownRunEvent[];
}

/**
 * Replays a scenario as a client holding all its connections would have seen it: one parser per HTTP
 * response (each has its own framing), chunks delivered in the order they arrived across responses, so
 * an `observe` opened mid-run interleaves with the stream it duplicates.
 */
export function replayScenario(scenario: RecordedScenario, initial: RunState = createRunState()): Replay {
  const events: RunEvent[] = [];
  const errors: SteplineError[] = [];
  const unknown: UnknownRunEvent[] = [];
  let state = initial;
  const parsers = scenario.segments.map(() =>
    createMastraStreamParser({
      onEvents: (batch) => {
        events.push(...batch);
        state = reduceRunEvents(state, batch);
      },
      onError: (error) => errors.push(error),
      onUnknown: (event) => unknown.push(event),
    }),
  );
  const timeline = scenario.segments.flatMap((segment, index) =>
    readSegmentChunks(segment).map((chunk, order) => ({ ...chunk, index, order })),
  );
  timeline.sort((a, b) => a.atMs - b.atMs || a.index - b.index || a.order - b.order);
  for (const chunk of timeline) parsers[chunk.index]!.push(chunk.bytes);
  for (const parser of parsers) parser.end();
  return { state, events, errors, unknown };
}

/** Replays each segment after the other, each cut into pieces by `cut`. */
export function replayChunked(scenario: RecordedScenario, cut: (bytes: Uint8Array) => Uint8Array[]): Replay {
  const events: RunEvent[] = [];
  const errors: SteplineError[] = [];
  const unknown: UnknownRunEvent[] = [];
  let state = createRunState();
  for (const segment of scenario.segments) {
    const parser = createMastraStreamParser({
      onEvents: (batch) => {
        events.push(...batch);
        state = reduceRunEvents(state, batch);
      },
      onError: (error) => errors.push(error),
      onUnknown: (event) => unknown.push(event),
    });
    for (const piece of cut(readSegmentBytes(segment))) parser.push(piece);
    parser.end();
  }
  return { state, events, errors, unknown };
}

export function cutEvery(size: number): (bytes: Uint8Array) => Uint8Array[] {
  return (bytes) => {
    const pieces: Uint8Array[] = [];
    for (let i = 0; i < bytes.length; i += size) pieces.push(bytes.subarray(i, i + size));
    return pieces;
  };
}

export function cutAt(points: readonly number[]): (bytes: Uint8Array) => Uint8Array[] {
  return (bytes) => {
    const sorted = [...new Set(points.map((point) => point % (bytes.length + 1)))].sort((a, b) => a - b);
    const pieces: Uint8Array[] = [];
    let last = 0;
    for (const point of sorted) {
      pieces.push(bytes.subarray(last, point));
      last = point;
    }
    pieces.push(bytes.subarray(last));
    return pieces;
  };
}

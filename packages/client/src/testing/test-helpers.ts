/**
 * Helpers for this folder's own tests. Not exported from `@stepline/client/testing`.
 */

import type { RunEvent } from '../model/run-event';
import { reduceRunEvents } from '../model/run-reducer';
import { createRunState, type RunState } from '../model/run-state';
import type { SteplineError } from '../util/stepline-error';
import { createMastraStreamParser } from '../wire/mastra-stream-parser';

export interface ReadBody {
  readonly pieces: Uint8Array[];
  readonly bytes: Uint8Array;
  readonly text: string;
  /** What `read()` rejected with, if the body broke off. */
  readonly error: unknown;
}

/** Reads a body to its end or its error, keeping each network chunk. */
export async function readBody(body: ReadableStream<Uint8Array> | null): Promise<ReadBody> {
  const pieces: Uint8Array[] = [];
  let error: unknown;
  if (body) {
    const reader = body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        pieces.push(value);
      }
    } catch (caught) {
      error = caught;
    }
  }
  let length = 0;
  for (const piece of pieces) length += piece.length;
  const bytes = new Uint8Array(length);
  let offset = 0;
  for (const piece of pieces) {
    bytes.set(piece, offset);
    offset += piece.length;
  }
  return { pieces, bytes, text: new TextDecoder().decode(bytes), error };
}

export interface ParsedBody extends ReadBody {
  readonly events: RunEvent[];
  readonly errors: SteplineError[];
}

/** Reads a body through Stepline's real parser, chunk by chunk as it arrived. */
export async function parseBody(body: ReadableStream<Uint8Array> | null): Promise<ParsedBody> {
  const read = await readBody(body);
  const events: RunEvent[] = [];
  const errors: SteplineError[] = [];
  const parser = createMastraStreamParser({
    onEvents: (batch) => events.push(...batch),
    onError: (error) => errors.push(error),
  });
  for (const piece of read.pieces) parser.push(piece);
  parser.end();
  return { ...read, events, errors };
}

/** The records of a `\x1E`-framed text, parsed. */
export function recordsOf(text: string): unknown[] {
  return text
    .split('\x1E')
    .filter((record) => record.trim() !== '')
    .map((record) => JSON.parse(record));
}

/** Folds events into a run state with the real reducer. */
export function stateOf(events: readonly RunEvent[], initial: RunState = createRunState()): RunState {
  return reduceRunEvents(initial, events);
}

import { countArrayItemsCopied, reduceOneByOne, stepStartEvent } from '@stepline/test-support';
import { describe, expect, it } from 'vitest';
import { PersistentList } from '../util/persistent-list';
import type { AgentChunk } from './agent-chunk';
import type { AgentTranscript, TranscriptPart } from './agent-transcript';
import type { RunEvent } from './run-event';
import { reduceRunEvents } from './run-reducer';
import { createRunState, type RunState } from './run-state';
import { selectStepTranscripts } from './transcript-selectors';

// Work is counted, not timed: the parts a chunk reads or copies, over one event per batch (a live stream
// read one event per read). A walk over the parts per chunk (a part id or tool call that is new, a finish)
// or a copy of the parts per batch grows with n², whatever the machine's speed. The times are in the
// report of bench/ (fetch → transport → controller → store, 4,000 and 40,000 chunks).
const n = 2_000;

function agentEvents(chunks: readonly AgentChunk[]): RunEvent[] {
  return [
    stepStartEvent('writer'),
    ...chunks.map(
      (agentChunk, index): RunEvent => ({
        type: 'step-output',
        stepId: 'writer',
        stepName: 'writer',
        output: { type: agentChunk.type },
        agentChunk,
        position: { stream: 'a1', index },
      }),
    ),
  ];
}

/** A provider that opens a part per token: every delta has a new part id and no start. */
function deltasWithNewIds(count: number): AgentChunk[] {
  return Array.from({ length: count }, (_, index) => ({
    type: 'text-delta',
    agentRunId: 'a1',
    partId: `txt-${index}`,
    text: ` w${index}`,
  }));
}

/** Tool calls, each answered, each its own id. */
function toolRounds(count: number): AgentChunk[] {
  return Array.from({ length: count }, (_, index): AgentChunk[] => [
    { type: 'tool-call', agentRunId: 'a1', toolCallId: `c${index}`, toolName: 't', args: { index } },
    { type: 'tool-result', agentRunId: 'a1', toolCallId: `c${index}`, toolName: 't', result: { index } },
  ]).flat();
}

const finish: AgentChunk = {
  type: 'agent-finish',
  agentRunId: 'a1',
  finishReason: 'stop',
  usage: undefined,
};

/**
 * Parts read through the list (every read of a `PersistentList` of parts goes through one of these) and
 * array items copied, while `run` runs.
 */
function countPartWork<T>(run: () => T): { result: T; work: number } {
  let visited = 0;
  const prototype = PersistentList.prototype as unknown as Record<PropertyKey, unknown>;
  const originals = {
    at: prototype.at as (index: number) => unknown,
    findLastIndex: prototype.findLastIndex as (
      predicate: (item: unknown, index: number) => boolean,
      from?: number,
    ) => number,
    slice: prototype.slice as (start?: number, end?: number) => unknown[],
    iterator: prototype[Symbol.iterator] as () => Iterator<unknown>,
  };
  prototype.at = function (this: unknown, index: number) {
    visited++;
    return originals.at.call(this, index);
  };
  prototype.findLastIndex = function (
    this: unknown,
    predicate: (item: unknown, index: number) => boolean,
    from?: number,
  ) {
    return originals.findLastIndex.call(
      this,
      (item, index) => {
        visited++;
        return predicate(item, index);
      },
      from,
    );
  };
  prototype.slice = function (this: unknown, start?: number, end?: number) {
    const items = originals.slice.call(this, start, end);
    visited += items.length;
    return items;
  };
  prototype[Symbol.iterator] = function* (this: unknown) {
    for (const item of { [Symbol.iterator]: () => originals.iterator.call(this) }) {
      visited++;
      yield item;
    }
  };
  try {
    const { result, items } = countArrayItemsCopied(run);
    return { result, work: visited + items };
  } finally {
    prototype.at = originals.at;
    prototype.findLastIndex = originals.findLastIndex;
    prototype.slice = originals.slice;
    prototype[Symbol.iterator] = originals.iterator;
  }
}

function transcriptOf(state: RunState): AgentTranscript {
  return selectStepTranscripts(state.steps.get('writer'))[0]!;
}

/** Twice the chunks, about twice the work (four times for a walk or a copy per chunk), and a bound per chunk. */
function expectLinear(chunks: (count: number) => AgentChunk[], perChunk: number): AgentTranscript {
  const small = countPartWork(() => reduceOneByOne(agentEvents([...chunks(n), finish])));
  const large = countPartWork(() => reduceOneByOne(agentEvents([...chunks(2 * n), finish])));
  expect(large.work / Math.max(1, small.work)).toBeLessThan(2.5);
  expect(small.work).toBeLessThanOrEqual(perChunk * n);
  return transcriptOf(large.result);
}

describe('agent transcript work per chunk, one event per batch', () => {
  it('a delta with a new part id neither walks nor copies the parts before it', () => {
    const transcript = expectLinear(deltasWithNewIds, 200);
    const parts = transcript.parts.toArray();
    expect(parts).toHaveLength(2 * n);
    expect(parts.every((part) => part.type === 'text' && !part.streaming)).toBe(true);
    expect(transcript.text).toBe(Array.from({ length: 2 * n }, (_, index) => ` w${index}`).join(''));
  });

  it('a new tool call and its result neither walk nor copy the parts before them', () => {
    const transcript = expectLinear(toolRounds, 200);
    const parts = transcript.parts.toArray();
    expect(parts).toHaveLength(2 * n);
    expect(
      parts.every(
        (part, index) =>
          part.type === 'tool-call' &&
          part.toolCallId === `c${index}` &&
          part.state === 'answered' &&
          (part.result as { index: number }).index === index,
      ),
    ).toBe(true);
  });

  it('a finish after each part closes only the parts opened since the last finish', () => {
    // Parts ended one by one and a finish after each: a finish that walked every part would be n².
    const chunks = (count: number) =>
      Array.from({ length: count }, (_, index): AgentChunk[] => [
        { type: 'text-start', agentRunId: 'a1', partId: `txt-${index}` },
        { type: 'text-delta', agentRunId: 'a1', partId: `txt-${index}`, text: 'x' },
        ...(index % 2 === 0 ? [{ type: 'text-end', agentRunId: 'a1', partId: `txt-${index}` } as const] : []),
        finish,
      ]).flat();
    const transcript = expectLinear(chunks, 300);
    expect(transcript.parts.toArray().every((part) => part.type === 'text' && !part.streaming)).toBe(true);
  });
});

/**
 * The transcript as the reducer built it before its parts were indexed: every chunk searched the parts
 * from the end. Kept here as the reference the indexed fold must agree with.
 */
function referenceParts(chunks: readonly AgentChunk[]): TranscriptPart[] {
  const parts: TranscriptPart[] = [];
  let modelCalls = 0;
  const modelCall = () => Math.max(0, modelCalls - 1);
  const findOpen = (type: 'text' | 'reasoning', partId: string | undefined) =>
    parts.findLastIndex((part) => part.type === type && part.partId === partId && part.streaming);
  const findCall = (id: string) =>
    parts.findLastIndex((part) => part.type === 'tool-call' && part.toolCallId === id);
  for (const chunk of chunks) {
    switch (chunk.type) {
      case 'model-call-start':
        modelCalls++;
        break;
      case 'text-start':
      case 'reasoning-start':
        parts.push({
          type: chunk.type === 'text-start' ? 'text' : 'reasoning',
          partId: chunk.partId,
          text: '',
          streaming: true,
          modelCall: modelCall(),
        });
        break;
      case 'text-delta':
      case 'reasoning-delta': {
        const type = chunk.type === 'text-delta' ? 'text' : 'reasoning';
        let index = findOpen(type, chunk.partId);
        if (index === -1) {
          index =
            parts.push({ type, partId: chunk.partId, text: '', streaming: true, modelCall: modelCall() }) - 1;
        }
        const part = parts[index] as Extract<TranscriptPart, { type: 'text' | 'reasoning' }>;
        parts[index] = { ...part, text: part.text + chunk.text };
        break;
      }
      case 'text-end':
      case 'reasoning-end': {
        const index = findOpen(chunk.type === 'text-end' ? 'text' : 'reasoning', chunk.partId);
        if (index !== -1) parts[index] = { ...parts[index]!, streaming: false } as TranscriptPart;
        break;
      }
      case 'tool-call':
        if (findCall(chunk.toolCallId) === -1) {
          parts.push({
            type: 'tool-call',
            toolCallId: chunk.toolCallId,
            toolName: chunk.toolName,
            args: chunk.args,
            state: 'called',
            result: undefined,
            error: undefined,
            modelCall: modelCall(),
          });
        }
        break;
      case 'tool-result':
      case 'tool-error': {
        let index = findCall(chunk.toolCallId);
        if (index === -1) {
          index =
            parts.push({
              type: 'tool-call',
              toolCallId: chunk.toolCallId,
              toolName: chunk.toolName,
              args: undefined,
              state: 'called',
              result: undefined,
              error: undefined,
              modelCall: modelCall(),
            }) - 1;
        }
        parts[index] =
          chunk.type === 'tool-result'
            ? {
                ...(parts[index] as TranscriptPart & { type: 'tool-call' }),
                state: 'answered',
                result: chunk.result,
              }
            : {
                ...(parts[index] as TranscriptPart & { type: 'tool-call' }),
                state: 'failed',
                error: chunk.error,
              };
        break;
      }
      case 'agent-finish':
        for (const [index, part] of parts.entries()) {
          if (part.type !== 'tool-call' && part.streaming) parts[index] = { ...part, streaming: false };
        }
        break;
      default:
        break;
    }
  }
  return parts;
}

/** A small random agent stream: few part ids and tool ids, so opens, ends and finishes collide. */
function randomChunks(seed: number, count: number): AgentChunk[] {
  let state = seed;
  const next = (below: number) => {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    return (state >>> 8) % below;
  };
  const partId = () => (next(4) === 0 ? undefined : `p${next(3)}`);
  return Array.from({ length: count }, (): AgentChunk => {
    const agentRunId = 'a1';
    switch (next(11)) {
      case 0:
        return { type: 'model-call-start', agentRunId };
      case 1:
        return { type: next(2) ? 'text-start' : 'reasoning-start', agentRunId, partId: partId() };
      case 2:
      case 3:
        return { type: 'text-delta', agentRunId, partId: partId(), text: `t${next(100)}` };
      case 4:
        return { type: 'reasoning-delta', agentRunId, partId: partId(), text: `r${next(100)}` };
      case 5:
        return { type: next(2) ? 'text-end' : 'reasoning-end', agentRunId, partId: partId() };
      case 6:
        return { type: 'tool-call', agentRunId, toolCallId: `c${next(5)}`, toolName: 't', args: next(9) };
      case 7:
        return { type: 'tool-result', agentRunId, toolCallId: `c${next(5)}`, toolName: 't', result: next(9) };
      case 8:
        return {
          type: 'tool-error',
          agentRunId,
          toolCallId: `c${next(5)}`,
          toolName: 't',
          error: { name: 'Error', message: 'no' },
        };
      case 9:
        return finish;
      default:
        return { type: 'text-delta', agentRunId, partId: `new-${next(1_000)}`, text: 'n' };
    }
  });
}

describe('indexed transcript parts', () => {
  it('fold as the search from the end did, one chunk per batch or all in one, earlier states unchanged', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const chunks = randomChunks(seed, 120);
      const expected = referenceParts(chunks);
      const events = agentEvents(chunks);
      // One batch per event, holding every state on the way: each must still read as it did.
      const states: RunState[] = [];
      const seen: TranscriptPart[][] = [];
      let state = reduceRunEvents(createRunState(), events.slice(0, 1));
      for (const event of events.slice(1)) {
        state = reduceRunEvents(state, [event]);
        states.push(state);
        seen.push(
          transcriptOf(state)
            .parts.toArray()
            .map((part) => ({ ...part })),
        );
      }
      expect(transcriptOf(state).parts.toArray(), `seed ${seed}`).toEqual(expected);
      states.forEach((earlier, index) => {
        expect(transcriptOf(earlier).parts.toArray(), `seed ${seed} state ${index}`).toEqual(seen[index]);
      });
      // All in one batch, and in batches of seven.
      expect(transcriptOf(reduceRunEvents(createRunState(), events)).parts.toArray()).toEqual(expected);
      let batched = reduceRunEvents(createRunState(), events.slice(0, 1));
      for (let index = 1; index < events.length; index += 7) {
        batched = reduceRunEvents(batched, events.slice(index, index + 7));
      }
      expect(transcriptOf(batched).parts.toArray(), `seed ${seed} batches of 7`).toEqual(expected);
    }
  });
});

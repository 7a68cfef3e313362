import { encodeMastraStream, mastraEvents } from '@stepline/client/testing';

/**
 * Which mix of events a generated run holds.
 * - `steps`: sequential steps only (a step-start and a step-result each): the reducer's plainest path.
 * - `recorded`: the proportions of the streams recorded from the real server (`fixtures/recorded`):
 *   sequential steps, parallel blocks, suspends and resumes, a `.sleep()`, `.foreach()` progress,
 *   `writer.write` output and `writer.custom` data chunks (see `recordedMixBlocks`).
 * - `agent`: steps that run an agent: each streams text deltas as `workflow-step-output` records, the
 *   way Mastra 1.x forwards an agent's chunks (MASTRA-WIRE.md, "Agent output inside a step").
 * - `loop`: one step repeated as loop iterations (`metadata.iterationCount` 1, 2, 3, …).
 * - `writer`: steps that mostly write: `writer.write` output and `writer.custom` `data-*` chunks, every
 *   value distinct (the inputs issue 11 found compared with every earlier one).
 * - `decreasing`: sequential steps, each a step id of its own, whose `startedAt` decreases (a clock that
 *   goes back, or parallel branches reported out of order): each new step sorts before every earlier one.
 */
export type StreamMix = 'steps' | 'recorded' | 'agent' | 'loop' | 'writer' | 'decreasing';

export interface StreamShape {
  /** Roughly how many events to produce. */
  readonly events: number;
  /** How many distinct step ids; steps beyond that repeat as loop iterations (`loop` uses one). */
  readonly distinctSteps: number;
  readonly mix: StreamMix;
}

type BlockKind = 'sequential' | 'parallel' | 'suspend' | 'sleep' | 'foreach' | 'writer';

/**
 * One cycle of blocks for the `recorded` mix. Counted over the recordings without their run envelopes
 * (workflow-start/finish), the real server sent step-start 48%, step-result 41%, step-suspended 7%,
 * step-progress 1.3%, step-output and data-* 0.8% each, step-waiting 0.5%; this cycle gives about the
 * same (the test beside this file counts them).
 */
const blockCycle: BlockKind[] = [
  ...Array<BlockKind>(66).fill('sequential'),
  ...Array<BlockKind>(18).fill('parallel'),
  ...Array<BlockKind>(27).fill('suspend'),
  'sleep',
  'sleep',
  'foreach',
  'writer',
];
export const recordedMixBlocks: readonly BlockKind[] = blockCycle.map(
  (_, index) => blockCycle[(index * 37) % blockCycle.length]!, // 37 is prime to 116: each kind spread over the cycle
);

/** Tokens of the `agent` mix: a small vocabulary so repeated tokens (byte-identical records) are common. */
const agentWords = ['the', ' cat', ' and', ' the', ' dog', ' sat', ' on', ' the', ' mat', '.'];
const agentTokensPerStep = 200;
/** `writer.write` calls (each followed by a `writer.custom` data chunk) per step of the `writer` mix. */
const writerWritesPerStep = 50;

/**
 * A run in the exact shapes the real Mastra server sends (built with `mastraEvents`, whose output is
 * checked against the recordings), at any size and in any of the mixes above.
 */
export function recordedShapeChunks(shape: StreamShape): unknown[] {
  const runId = 'bench-run';
  const chunks: unknown[] = [mastraEvents.workflowStart(runId, 'bench')];
  let clock = 1_800_000_000_000;
  let stepCount = 0;
  let blockCount = 0;
  const distinct = shape.mix === 'loop' ? 1 : shape.distinctSteps;
  const iterations = new Map<string, number>();
  const nextId = () => `step-${stepCount++ % distinct}`;
  const stepPair = (id: string) => {
    const startedAt = clock++;
    const iteration = (iterations.get(id) ?? 0) + 1;
    iterations.set(id, iteration);
    const stepCallId = `${id}-${iteration}`;
    const loop = iteration > 1 ? { iteration } : {};
    const payload = { n: stepCount };
    return {
      startedAt,
      stepCallId,
      loop,
      start: mastraEvents.stepStart(id, { startedAt, stepCallId, payload, ...loop }),
      result: mastraEvents.stepResult(id, {
        startedAt,
        endedAt: clock++,
        stepCallId,
        payload,
        output: { n: stepCount, text: 'a short result of the kind steps return' },
        ...loop,
      }),
    };
  };

  const pushBlock = (kind: BlockKind) => {
    if (kind === 'parallel') {
      // Three starts, results in another order.
      const pairs = [nextId(), nextId(), nextId()].map((id) => stepPair(id));
      chunks.push(...pairs.map((pair) => pair.start), pairs[1]!.result, pairs[2]!.result, pairs[0]!.result);
    } else if (kind === 'suspend') {
      // Suspends for a human, then the resume re-emits the start and ends the same execution.
      const id = nextId();
      const pair = stepPair(id);
      const resumedAt = clock++;
      chunks.push(
        pair.start,
        mastraEvents.stepSuspended(id, {
          startedAt: pair.startedAt,
          stepCallId: pair.stepCallId,
          suspendPayload: { reason: 'needs a decision' },
          suspendedAt: clock++,
          ...pair.loop,
        }),
        mastraEvents.stepStart(id, {
          startedAt: pair.startedAt,
          stepCallId: pair.stepCallId,
          resumePayload: { approved: true },
          resumedAt,
          ...pair.loop,
        }),
        pair.result,
      );
    } else if (kind === 'sleep') {
      const id = `sleep-${blockCount}`;
      const startedAt = clock++;
      chunks.push(
        mastraEvents.stepWaiting(id, { startedAt }),
        mastraEvents.stepResult(id, { startedAt, endedAt: clock++, stepCallId: null }),
      );
    } else if (kind === 'foreach') {
      const id = nextId();
      const startedAt = clock++;
      chunks.push(mastraEvents.stepStart(id, { startedAt, payload: [], stepCallId: null }));
      for (let index = 0; index < 5; index++) {
        chunks.push(
          mastraEvents.stepProgress(id, {
            completedCount: index + 1,
            totalCount: 5,
            currentIndex: index,
            iterationStatus: 'success',
            iterationOutput: { index },
          }),
        );
      }
      chunks.push(mastraEvents.stepResult(id, { startedAt, endedAt: clock++, output: [], stepCallId: null }));
    } else if (kind === 'writer') {
      // writer.write and writer.custom: repeated values are legitimate (the same message twice).
      const id = nextId();
      const pair = stepPair(id);
      chunks.push(pair.start);
      for (let i = 0; i < 3; i++) {
        chunks.push(mastraEvents.stepOutput(id, { message: 'working', done: i % 2 }));
        chunks.push(mastraEvents.data('data-progress', { step: id, done: i % 2 }));
      }
      chunks.push(pair.result);
    } else {
      const pair = stepPair(nextId());
      chunks.push(pair.start, pair.result);
    }
  };

  const pushAgentStep = () => {
    const id = nextId();
    const pair = stepPair(id);
    const agentRunId = `agent-call-${blockCount}`;
    const inner = (type: string, payload: unknown) =>
      mastraEvents.stepOutput(id, { type, runId: agentRunId, from: 'AGENT', payload });
    chunks.push(pair.start, inner('start', {}), inner('text-start', { id: 'txt-0' }));
    for (let token = 0; token < agentTokensPerStep; token++) {
      chunks.push(inner('text-delta', { id: 'txt-0', text: agentWords[token % agentWords.length] }));
    }
    chunks.push(inner('text-end', { id: 'txt-0' }), pair.result);
  };

  const pushWriterStep = () => {
    const id = nextId();
    const pair = stepPair(id);
    chunks.push(pair.start);
    for (let write = 0; write < writerWritesPerStep; write++) {
      chunks.push(
        mastraEvents.stepOutput(id, { message: `working on ${blockCount}.${write}`, index: write }),
      );
      chunks.push(mastraEvents.data('data-progress', { step: id, block: blockCount, done: write }));
    }
    chunks.push(pair.result);
  };

  const pushDecreasingStep = () => {
    // Every step its own id, each starting before all the earlier ones.
    const id = `step-${blockCount}`;
    const startedAt = 1_900_000_000_000 - 2 * blockCount;
    const stepCallId = `${id}-1`;
    const payload = { n: blockCount };
    chunks.push(
      mastraEvents.stepStart(id, { startedAt, stepCallId, payload }),
      mastraEvents.stepResult(id, {
        startedAt,
        endedAt: startedAt + 1,
        stepCallId,
        payload,
        output: { n: blockCount, text: 'a short result of the kind steps return' },
      }),
    );
  };

  while (chunks.length < shape.events - 1) {
    if (shape.mix === 'writer') pushWriterStep();
    else if (shape.mix === 'decreasing') pushDecreasingStep();
    else if (shape.mix === 'agent') pushAgentStep();
    else if (shape.mix === 'recorded') pushBlock(recordedMixBlocks[blockCount % recordedMixBlocks.length]!);
    else pushBlock('sequential');
    blockCount++;
  }
  chunks.push(mastraEvents.workflowFinish('success', { result: { done: true } }));
  return chunks.map((chunk) => ({ ...(chunk as object), runId }));
}

/** How many chunks of each `type` a list holds: what a benchmark's input really contains. */
export function countChunkTypes(chunks: readonly unknown[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const chunk of chunks) {
    const type = String((chunk as { type?: unknown }).type);
    counts[type] = (counts[type] ?? 0) + 1;
  }
  return counts;
}

/** The chunks as the bytes of a Mastra stream body, cut into network-sized pieces. */
export function toBodyPieces(chunks: unknown[], pieceBytes = 64 * 1024): Uint8Array[] {
  const bytes = encodeMastraStream(chunks as Parameters<typeof encodeMastraStream>[0]);
  const pieces: Uint8Array[] = [];
  for (let offset = 0; offset < bytes.length; offset += pieceBytes) {
    pieces.push(bytes.subarray(offset, offset + pieceBytes));
  }
  return pieces;
}

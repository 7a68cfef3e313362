import { encodeMastraStream, mastraEvents } from '@stepline/client/testing';

export interface StreamShape {
  /** Roughly how many events to produce. */
  readonly events: number;
  /** How many distinct step ids; steps beyond that repeat as loop iterations. */
  readonly distinctSteps: number;
  /** Mix in parallel blocks, foreach progress, writer output and custom data chunks. */
  readonly mixed: boolean;
}

/**
 * A run in the exact shapes the real Mastra server sends (built with `mastraEvents`, whose output is
 * checked against the recordings), at any size: sequential steps with `writer.write` output, parallel
 * blocks of three, loop iterations, `.foreach()` progress, custom `data-*` chunks.
 */
export function recordedShapeChunks(shape: StreamShape): unknown[] {
  const runId = 'bench-run';
  const chunks: unknown[] = [mastraEvents.workflowStart(runId, 'bench')];
  let clock = 1_800_000_000_000;
  let block = 0;
  const iterations = new Map<string, number>();
  const nextId = () => `step-${block++ % shape.distinctSteps}`;
  const stepPair = (id: string, extra: Record<string, unknown> = {}) => {
    const startedAt = clock++;
    const iteration = (iterations.get(id) ?? 0) + 1;
    iterations.set(id, iteration);
    const stepCallId = `${id}-${iteration}`;
    const loop = iteration > 1 ? { iteration } : {};
    return {
      start: mastraEvents.stepStart(id, { startedAt, stepCallId, payload: { n: block }, ...loop, ...extra }),
      result: mastraEvents.stepResult(id, {
        startedAt,
        endedAt: clock++,
        stepCallId,
        payload: { n: block },
        output: { n: block, text: 'a short result of the kind steps return' },
        ...loop,
        ...extra,
      }),
    };
  };

  while (chunks.length < shape.events - 1) {
    const kind = shape.mixed ? block % 5 : 0;
    if (kind === 1) {
      // A parallel block: three starts, results in another order.
      const pairs = [nextId(), nextId(), nextId()].map((id) => stepPair(id));
      chunks.push(...pairs.map((pair) => pair.start), pairs[1]!.result, pairs[2]!.result, pairs[0]!.result);
    } else if (kind === 2) {
      // A foreach over ten items.
      const id = nextId();
      const startedAt = clock++;
      chunks.push(mastraEvents.stepStart(id, { startedAt, payload: [], stepCallId: null }));
      for (let index = 0; index < 10; index++) {
        chunks.push(
          mastraEvents.stepProgress(id, {
            completedCount: index + 1,
            totalCount: 10,
            currentIndex: index,
            iterationStatus: 'success',
            iterationOutput: { index },
          }),
        );
      }
      chunks.push(mastraEvents.stepResult(id, { endedAt: clock++, output: [], stepCallId: null }));
    } else if (kind === 3) {
      // A step that reports progress through writer.write and writer.custom.
      const id = nextId();
      const pair = stepPair(id);
      chunks.push(pair.start);
      for (let i = 0; i < 3; i++) {
        chunks.push(mastraEvents.stepOutput(id, { message: `working ${i}/3`, done: i }));
        chunks.push(mastraEvents.data('data-progress', { step: id, done: i, at: clock++ }));
      }
      chunks.push(pair.result);
    } else {
      const pair = stepPair(nextId());
      chunks.push(pair.start, pair.result);
    }
  }
  chunks.push(mastraEvents.workflowFinish('success', { result: { done: true } }));
  return chunks.map((chunk) => ({ ...(chunk as object), runId }));
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

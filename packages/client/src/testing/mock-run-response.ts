import { BodyEmitter, emitPieces, type Framing, RecordPipeline } from './mock-body';
import { corsHeaders, type HttpFaults, mastraErrorResponse, type StreamFaults } from './mock-faults';

export interface MockRunResponseOptions {
  /** `mastra` (default): `\x1E`-framed, `text/plain`, as Mastra sends. `sse`: `id:`/`data:` events, as a relay route sends. */
  readonly framing?: Framing;
  /** Bytes per network chunk, or `'random'` sizes. Default: one record per chunk. */
  readonly chunkSize?: number | 'random';
  /** Seed for `chunkSize: 'random'`. */
  readonly seed?: number;
  /** Wait this long between chunks. Default 0. */
  readonly delayMs?: number;
  readonly faults?: StreamFaults & HttpFaults;
  /** The request's signal: aborting it errors the body, as `fetch` does. */
  readonly signal?: AbortSignal;
}

/**
 * A `Response` whose body streams `chunks` the way a server would, for tests that stub `fetch` themselves.
 * Use `createMockMastraFetch` to mock whole runs across requests.
 *
 * @example
 * const fetch = vi.fn(async () =>
 *   createMockRunResponse([mastraEvents.workflowStart('run-1', 'wf'), mastraEvents.workflowFinish('success')], {
 *     chunkSize: 7,
 *     faults: { cutAfterBytes: 40 },
 *   }),
 * );
 */
export function createMockRunResponse(
  chunks: readonly unknown[],
  options: MockRunResponseOptions = {},
): Response {
  const faults = options.faults ?? {};
  if (faults.status !== undefined) return mastraErrorResponse(faults.status, faults.errorMessage);
  const framing = options.framing ?? 'mastra';
  const emitter = new BodyEmitter({
    ...(options.delayMs === undefined ? {} : { delayMs: options.delayMs }),
    faults,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const pipeline = new RecordPipeline(framing, faults, options.chunkSize, options.seed);
  const records = chunks.map((chunk) => ({ text: JSON.stringify(chunk) }));
  void (async () => {
    if (!(await emitPieces(emitter, pipeline.push(records)))) return;
    if (!(await emitPieces(emitter, pipeline.end()))) return;
    emitter.close();
  })();
  return new Response(emitter.stream, {
    status: 200,
    headers: {
      ...corsHeaders,
      ...(framing === 'sse'
        ? { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-cache' }
        : { 'Content-Type': 'text/plain' }),
    },
  });
}

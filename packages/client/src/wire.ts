/**
 * `@stepline/client/wire`: the stages of Stepline's stream pipeline, for code that reads Mastra's wire
 * itself: a transport of your own, a worker, a log replayer, a benchmark. An app watching runs needs none
 * of this: `createRunController` with a transport from `@stepline/client` assembles the same stages.
 *
 * The pipeline, in order (each stage reports bad input as a `SteplineError` and goes on):
 * 1. bytes -> records -> chunks: `createChunkDecoder` (the `\x1E` framing: `createRecordSplitter`,
 *    `recordSeparator`; one record's JSON: `parseRecord`), or `openChunkReader` / `readChunks` for a
 *    whole body or a `@mastra/client-js` stream;
 * 2. chunks -> events: `chunksToEvents` (one chunk: `normalizeEvent`);
 * 3. events -> state: `reduceRunEvents` in `@stepline/client`.
 * `createMastraStreamParser` is 1 and 2 together. Stored runs and workflow details have their own
 * readers: `normalizeSnapshot`, `readWorkflowDetails`, `normalizeStepGraph`.
 */

export { readWorkflowDetails } from './transport/mastra-http-transport';
export type { ChunkHandlers } from './transport/run-transport';
export type { Result } from './util/result';
export type { ChunkDecoder, ChunkDecoderOptions } from './wire/chunk-decoder';
export { createChunkDecoder } from './wire/chunk-decoder';
export type { ChunkReader, ChunkReaderOptions, RunChunkSource } from './wire/chunk-source';
export { openChunkReader } from './wire/chunk-source';
export type { ChunksToEventsHandlers } from './wire/chunks-to-events';
export { chunksToEvents } from './wire/chunks-to-events';
export { isInternalStepId } from './wire/internal-steps';
export type { RunEventHandlers, RunEventParser } from './wire/mastra-stream-parser';
export { createMastraStreamParser } from './wire/mastra-stream-parser';
export { normalizeEvent } from './wire/normalize-event';
export { normalizeSnapshot } from './wire/normalize-snapshot';
export { normalizeStepGraph } from './wire/normalize-step-graph';
export { parseRecord } from './wire/parse-record';
export type { ReadChunksOptions } from './wire/read-chunks';
export { readChunks } from './wire/read-chunks';
export type { RecordSplitter, RecordSplitterOptions } from './wire/record-splitter';
export { createRecordSplitter, recordSeparator } from './wire/record-splitter';

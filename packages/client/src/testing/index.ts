/**
 * `@stepline/client/testing`: test a Stepline UI without a Mastra server. Runs in Node and in browsers.
 */

export type {
  ChunkOptions,
  MastraChunk,
  MastraErrorInput,
  RunFinishStatus,
  StepExecutionOptions,
  StepProgressOptions,
  StepResultOptions,
  StepResultStatus,
  StepSuspendedOptions,
  StepWaitingOptions,
  WorkflowFinishOptions,
} from './mastra-events';
export { mastraEvents, toMastraError } from './mastra-events';
export type { MastraSnapshotOptions } from './mastra-snapshot';
export { mastraRunListEntry, mastraSnapshotFromEvents } from './mastra-snapshot';
export type { MockStepDetails, MockWorkflowDetailsOptions } from './mastra-workflow-details';
export { mastraWorkflowDetails } from './mastra-workflow-details';
export type { BodyEmitterOptions } from './mock-body';
export { BodyEmitter } from './mock-body';
export type { HttpFaults, MockFaults, StreamFaults } from './mock-faults';
export { mastraErrorResponse } from './mock-faults';
export type {
  MockMastraFetch,
  MockMastraFetchOptions,
  MockRequest,
  MockRoute,
  MockRun,
  MockSegment,
  MockSnapshotContext,
} from './mock-mastra-fetch';
export { createMockMastraFetch } from './mock-mastra-fetch';
export type { MockRunResponseOptions } from './mock-run-response';
export { createMockRunResponse } from './mock-run-response';
export type { ChunkBytesOptions, SseEncodingOptions } from './stream-encoding';
export { chunkBytes, encodeMastraStream, encodeSseStream } from './stream-encoding';

export type { ConnectionState, ConnectionStatus } from './connection-state';
export { ConnectionStore } from './connection-state';
export type { HttpClientOptions } from './http-request';
export { isInternalStepId } from './internal-steps';
export type { SchemaIssue } from './json-schema-validate';
export { validateJsonSchema } from './json-schema-validate';
export type { MastraClientLike, MastraRunLike, MastraWorkflowLike } from './mastra-client-transport';
export { createMastraClientTransport } from './mastra-client-transport';
export type { MastraHttpTransportOptions } from './mastra-http-transport';
export { createMastraHttpTransport, readWorkflowDetails } from './mastra-http-transport';
export type { RunEventHandlers, RunEventParser } from './mastra-stream-parser';
export { createMastraStreamParser, readMastraStream } from './mastra-stream-parser';
export { normalizeEvent } from './normalize-event';
export { normalizeSnapshot } from './normalize-snapshot';
export type { NotifyScheduler } from './notify-scheduler';
export { microtaskScheduler, synchronousScheduler } from './notify-scheduler';
export { parseRecord } from './parse-record';
export type { RecordSplitter, RecordSplitterOptions } from './record-splitter';
export { createRecordSplitter, recordSeparator } from './record-splitter';
export { readRecordStream } from './record-stream-reader';
export type { Result } from './result';
export type { ReconnectOptions, RunControllerOptions } from './run-controller';
export { createRunController, RunController } from './run-controller';
export type {
  RunCanceledEvent,
  RunDataEvent,
  RunEvent,
  RunEventType,
  RunFinishEvent,
  RunPausedEvent,
  RunSnapshot,
  RunSnapshotEvent,
  RunStartEvent,
  RunStatus,
  SerializedError,
  SnapshotStep,
  StepEventBase,
  StepOutputEvent,
  StepProgressEvent,
  StepResultEvent,
  StepResultStatus,
  StepStartEvent,
  StepStatus,
  StepSuspendedEvent,
  StepWaitingEvent,
  UnknownRunEvent,
} from './run-event';
export { mergeSnapshot, reduceRunEvents, runReducer } from './run-reducer';
export type { VisibleStepsOptions } from './run-selectors';
export { selectStepDuration, selectStepGroups, selectSteps, selectSuspendedSteps } from './run-selectors';
export type {
  RunFacts,
  RunFinishFact,
  RunState,
  StepExecution,
  StepProgress,
  StepProgressItem,
  StepState,
} from './run-state';
export { createRunState, isTerminalRunStatus } from './run-state';
export type { RunStoreOptions } from './run-store';
export { createRunStore, RunStore } from './run-store';
export type {
  ChunkHandlers,
  HeadersInput,
  JsonSchema,
  ListRunsQuery,
  ResumeInput,
  RunReference,
  RunTransport,
  StartRunInput,
  StreamOptions,
  WorkflowDetails,
  WorkflowStepDetails,
} from './run-transport';
export type { SseTransport, SseTransportOptions } from './sse-transport';
export { createSseTransport } from './sse-transport';
export type { StepStatusCounts } from './step-map';
export { StepMap } from './step-map';
export type { SteplineErrorCode, SteplineErrorOptions } from './stepline-error';
export { SteplineError } from './stepline-error';
export type { Listener } from './subscribable';
export { Subscribable } from './subscribable';

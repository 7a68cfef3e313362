/**
 * `@stepline/client`: what an app needs to watch, start, resume and cancel Mastra workflow runs: the
 * controller and transports (factories), the run state and its selectors, the typed events and errors.
 * Other entries: `/server` (the SSE relay and the one route), `/testing` (a mock Mastra), `/wire` (the
 * stream pipeline's stages, for code that reads the wire itself). `api/*.api.md` lists each entry's names.
 */

export type { ConnectionState, ConnectionStatus, ConnectionStore } from './controller/connection-state';
export type {
  CachedControllerOptions,
  ControllerCache,
  ControllerCacheOptions,
} from './controller/controller-cache';
export { createControllerCache } from './controller/controller-cache';
export type {
  ReconnectOptions,
  ResumeValidator,
  RunController,
  RunControllerOptions,
} from './controller/run-controller';
export { createRunController } from './controller/run-controller';
export type { WorkflowDetailsState, WorkflowDetailsStore } from './controller/workflow-details-store';
export type {
  AgentChunk,
  AgentChunkType,
  AgentDeltaChunk,
  AgentFinishChunk,
  AgentOtherChunk,
  AgentPartChunk,
  AgentStartChunk,
  ModelCallFinishChunk,
  ModelCallStartChunk,
  TokenUsage,
  ToolCallChunk,
  ToolErrorChunk,
  ToolResultChunk,
} from './model/agent-chunk';
export type {
  AgentTranscript,
  ModelCall,
  ToolCallState,
  TranscriptPart,
  TranscriptTextPart,
  TranscriptToolCallPart,
} from './model/agent-transcript';
export type { Decision, DecisionTone, StepDecision } from './model/decisions';
export { decisionTone, readDecision, selectRunOutcome, selectStepDecisions } from './model/decisions';
export { selectFailedStep } from './model/failed-step';
export type { SchemaIssue } from './model/json-schema-validate';
export { validateJsonSchema } from './model/json-schema-validate';
export type { OutputPositions } from './model/output-positions';
export { createOutputPositions } from './model/output-positions';
export type {
  AgentCallPlacement,
  OutputPosition,
  OutputTarget,
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
} from './model/run-event';
export type {
  PlanBlockRow,
  PlanBlockState,
  PlannedStatus,
  PlanRow,
  PlanStepRow,
  RunPlan,
  RunPlanCounts,
  RunPlanOptions,
  StatusGroup,
} from './model/run-plan';
export {
  buildRunPlan,
  collapsePlanRows,
  countPlanSteps,
  filterPlanRows,
  planRowsEqual,
  planStepStatus,
  statusGroup,
} from './model/run-plan';
export { mergeSnapshot, reduceRunEvents, runReducer } from './model/run-reducer';
export type { VisibleStepsOptions } from './model/run-selectors';
export {
  selectStepDuration,
  selectStepGroups,
  selectSteps,
  selectSuspendedSteps,
} from './model/run-selectors';
export type {
  RunFacts,
  RunFinishFact,
  RunState,
  StepExecution,
  StepProgress,
  StepProgressItem,
  StepState,
} from './model/run-state';
export { createRunState, isTerminalRunStatus } from './model/run-state';
export type { RunStore, RunStoreOptions } from './model/run-store';
export { createRunStore } from './model/run-store';
export type { RunTiming, StepTiming } from './model/run-timing';
export { runElapsedMs, runTimingEqual, selectRunTiming, selectStepTiming } from './model/run-timing';
export { sortRunsActiveFirst } from './model/runs-order';
export { isStepActive, stepAwaitsDecision } from './model/step-activity';
export { stepHistoryMissing } from './model/step-history';
export type { StepMap, StepStatusCounts } from './model/step-map';
export { findStepExecution, stepAtExecution, stepRoundsEqual } from './model/step-round';
export { createStepState } from './model/step-state';
export type { TextBlockOptions, TextBlocks } from './model/text-blocks';
export { splitTextBlocks } from './model/text-blocks';
export type { WrittenText } from './model/transcript-selectors';
export {
  selectStepTranscripts,
  selectStoredOutputText,
  selectWrittenText,
} from './model/transcript-selectors';
export type {
  WorkflowGraph,
  WorkflowGraphConditional,
  WorkflowGraphForeach,
  WorkflowGraphLoop,
  WorkflowGraphNode,
  WorkflowGraphParallel,
  WorkflowGraphStep,
} from './model/workflow-graph';
export type {
  MastraClientLike,
  MastraClientTransportOptions,
  MastraRunLike,
  MastraWorkflowLike,
} from './transport/mastra-client-transport';
export { createMastraClientTransport } from './transport/mastra-client-transport';
export type { MastraHttpTransportOptions } from './transport/mastra-http-transport';
export { createMastraHttpTransport } from './transport/mastra-http-transport';
export type { RouteTransport, RouteTransportOptions } from './transport/route-transport';
export { createRouteTransport } from './transport/route-transport';
export type {
  ChunkHandlers,
  HeadersInput,
  JsonSchema,
  ListRunsQuery,
  ResumeInput,
  RunReference,
  RunsList,
  RunTransport,
  StartRunInput,
  StreamOptions,
  WorkflowDetails,
  WorkflowStepDetails,
} from './transport/run-transport';
export type {
  RunsAcrossWorkflows,
  RunsAcrossWorkflowsQuery,
  WorkflowListFailure,
} from './transport/runs-across-workflows-list';
export type { SseTransport, SseTransportOptions } from './transport/sse-transport';
export { createSseTransport } from './transport/sse-transport';
export type { AppendOnlyList } from './util/append-only-list';
export type { FrameRequest, FrameScheduler, FrameSchedulerOptions } from './util/frame-scheduler';
export { createFrameScheduler, frameScheduler } from './util/frame-scheduler';
export type { NotifyScheduler } from './util/notify-scheduler';
export { microtaskScheduler, synchronousScheduler } from './util/notify-scheduler';
export type { PersistentList } from './util/persistent-list';
export type { SteplineErrorCode, SteplineErrorOptions } from './util/stepline-error';
export { SteplineError } from './util/stepline-error';
export { normalizeEvent } from './wire/normalize-event';
export { normalizeSnapshot } from './wire/normalize-snapshot';
export { withoutWorkflowMeta } from './wire/workflow-meta';

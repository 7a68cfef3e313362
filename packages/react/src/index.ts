// The root entry: everything an app needs. The agent, approval and inspector parts are listed once, in
// their own entries (`@stepline/react/agent`, `@stepline/react/approvals`, `@stepline/react/inspector`),
// and re-exported here whole, so the root entry cannot drift from them.
export * from './agent';
export * from './approvals';
export type { DurationProps } from './components/duration';
export { Duration } from './components/duration';
export type { JsonViewProps } from './components/json-view';
export { JsonView } from './components/json-view';
export type { PayloadContentProps } from './components/payload-content';
export { PayloadContent } from './components/payload-content';
export type { RunAnnouncerProps } from './components/run-announcer';
export { RunAnnouncer } from './components/run-announcer';
export type { RunHeaderProps } from './components/run-header';
export { RunHeader } from './components/run-header';
export type { RunStalledNoticeProps } from './components/run-stalled-notice';
export { RunStalledNotice } from './components/run-stalled-notice';
export type { StatusBadgeProps } from './components/status-badge';
export { StatusBadge } from './components/status-badge';
export type { StepLabeler, StepLabels } from './components/step-labels';
export { useStepLabeler } from './components/step-labels';
export type { WaitingSinceProps } from './components/waiting-since';
export { WaitingSince } from './components/waiting-since';
export type { WorkflowRunProps } from './components/workflow-run';
export { RunOutcome, WorkflowRun } from './components/workflow-run';
export { useRunConnection } from './hooks/use-run-connection';
export type { StartedRun } from './hooks/use-run-mutations';
export { useCancelRun, useRestartRun, useResumeStep, useStartWorkflowRun } from './hooks/use-run-mutations';
export type { StepTranscript } from './hooks/use-step-transcript';
export { useStepTranscript } from './hooks/use-step-transcript';
export { useWorkflowDetails, useWorkflowDetailsQuery } from './hooks/use-workflow-details';
export type { UseWorkflowRunOptions, UseWorkflowRunResult } from './hooks/use-workflow-run';
export { useWorkflowRun } from './hooks/use-workflow-run';
export type { UseRunsAcrossWorkflowsOptions, UseWorkflowRunsOptions } from './hooks/use-workflow-runs';
export { useWorkflowRuns } from './hooks/use-workflow-runs';
export * from './inspector';
export { RunScope, useRunSelector, useRunStatus, useRunStep } from './run-scope';
export type {
  RenderStep,
  RunTimelineGroupProps,
  RunTimelineRootProps,
  RunTimelineStepProps,
  StepRenderProps,
} from './run-timeline';
export { RunTimeline, useTimelineGroups } from './run-timeline';
export type { AgentOutputSlotProps } from './run-timeline/timeline-context';
export type { SteplineProviderProps } from './stepline-provider';
export { SteplineProvider } from './stepline-provider';
export type { SteplineProviderOptions, SteplineTransportProviderProps } from './stepline-transport-provider';
export { SteplineTransportProvider } from './stepline-transport-provider';
export type {
  AnyWorkflowTypes,
  InferWorkflowTypes,
  StepTypes,
  TypedResumeInput,
  TypedRunState,
  TypedStepState,
  WorkflowTypes,
} from './workflow-types';

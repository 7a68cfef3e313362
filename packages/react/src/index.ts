export { RunScope, useRunSelector, useRunStatus, useRunStep } from './run-scope';
export type { SteplineProviderProps } from './stepline-provider';
export { SteplineProvider } from './stepline-provider';
export type { StartedRun } from './use-run-mutations';
export { useCancelRun, useResumeStep, useStartWorkflowRun } from './use-run-mutations';
export type { UseWorkflowRunOptions, UseWorkflowRunResult } from './use-workflow-run';
export { useWorkflowRun } from './use-workflow-run';
export type { UseWorkflowRunsOptions } from './use-workflow-runs';
export { useWorkflowRuns, workflowRunsKey } from './use-workflow-runs';
export type {
  AnyWorkflowTypes,
  InferWorkflowTypes,
  StepTypes,
  TypedResumeInput,
  TypedRunState,
  TypedStepState,
  WorkflowTypes,
} from './workflow-types';

export { RunScope, useRunSelector, useRunStatus, useRunStep } from './run-scope';
export type { QuickDecision, QuickDecisionsOptions } from './schema-form/quick-decisions';
export { quickDecisions } from './schema-form/quick-decisions';
export type { SchemaDefaultsOptions } from './schema-form/schema-defaults';
export { schemaDefaults } from './schema-form/schema-defaults';
export type {
  SchemaFormActionsState,
  SchemaFormProps,
  SchemaFormQuickAction,
} from './schema-form/schema-form';
export { SchemaForm } from './schema-form/schema-form';
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

// `@stepline/react/approvals`: the approval card and the schema form behind it. Not every app has human
// steps, so these live in their own entry; the root entry still re-exports them for older imports.
export type {
  ApprovalCardProps,
  ApprovalRenderProps,
  RenderApproval,
  RunApprovalsProps,
} from './components/approval-card';
export { ApprovalCard, RunApprovals } from './components/approval-card';
export type { FormDecision, FormDecisionOption } from './schema-form/form-decision';
export { formDecision } from './schema-form/form-decision';
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

/**
 * The ids of the example server's workflows, without loading Mastra: what an app's Stepline route lists
 * in `workflows` (the demo's route serves them all). `workflow-ids.test.ts` keeps it equal to the
 * workflows the server registers.
 */
export const exampleWorkflowIds = [
  'content-brief',
  'kitchen-sink',
  'flaky-retry',
  'always-fails',
  'parallel-approvals',
  'nested-approval',
  'slow-pipeline',
  'many-steps',
  'agent-story',
  'agent-research',
  'agent-text-stream',
  'agent-parallel',
  'agent-nested',
  'agent-loop',
  'agent-long-answer',
] as const;

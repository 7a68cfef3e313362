import { ConsoleLogger } from '@mastra/core/logger';
import { Mastra } from '@mastra/core/mastra';
import { LibSQLStore } from '@mastra/libsql';
import { createAlwaysFailsWorkflow } from './workflows/always-fails.ts';
import { createContentBriefWorkflow } from './workflows/content-brief.ts';
import { createFlakyRetryWorkflow } from './workflows/flaky-retry.ts';
import { createKitchenSinkWorkflow } from './workflows/kitchen-sink.ts';
import { createManyStepsWorkflow } from './workflows/many-steps.ts';
import { createNestedApprovalWorkflow } from './workflows/nested-approval.ts';
import { createParallelApprovalsWorkflow } from './workflows/parallel-approvals.ts';
import { createSlowPipelineWorkflow } from './workflows/slow-pipeline.ts';

// Every server gets fresh workflow instances: a Workflow keeps its runs and its Mastra registration,
// so two servers in one process (tests) must not share them. Keys are the workflow ids used in URLs.
export function createWorkflows() {
  return {
    'content-brief': createContentBriefWorkflow(),
    'kitchen-sink': createKitchenSinkWorkflow(),
    'flaky-retry': createFlakyRetryWorkflow(),
    'always-fails': createAlwaysFailsWorkflow(),
    'parallel-approvals': createParallelApprovalsWorkflow(),
    'nested-approval': createNestedApprovalWorkflow(),
    'slow-pipeline': createSlowPipelineWorkflow(),
    'many-steps': createManyStepsWorkflow(),
  };
}

export type WorkflowId = keyof ReturnType<typeof createWorkflows>;

export type MastraLogLevel = 'debug' | 'info' | 'warn' | 'error';

/** `logLevel` undefined keeps Mastra silent (tests, recorder): failing steps are expected there. */
export function createMastra(
  storageUrl: string,
  logLevel?: MastraLogLevel,
): { mastra: Mastra; storage: LibSQLStore } {
  const storage = new LibSQLStore({ id: 'stepline-mastra-server', url: storageUrl });
  const logger = logLevel ? new ConsoleLogger({ name: 'stepline-mastra-server', level: logLevel }) : false;
  const mastra = new Mastra({ workflows: createWorkflows(), storage, logger });
  return { mastra, storage };
}

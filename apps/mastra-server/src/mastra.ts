import { ConsoleLogger } from '@mastra/core/logger';
import { Mastra } from '@mastra/core/mastra';
import { LibSQLStore } from '@mastra/libsql';
import { PostgresStore } from '@mastra/pg';
import { createAgentLongAnswerWorkflow } from './workflows/agent-long-answer.ts';
import { createAgentLoopWorkflow } from './workflows/agent-loop.ts';
import { createAgentNestedWorkflow } from './workflows/agent-nested.ts';
import { createAgentParallelWorkflow } from './workflows/agent-parallel.ts';
import { createAgentResearchWorkflow } from './workflows/agent-research.ts';
import { createAgentStoryWorkflow } from './workflows/agent-story.ts';
import { createAgentTextStreamWorkflow } from './workflows/agent-text-stream.ts';
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
    'agent-story': createAgentStoryWorkflow(),
    'agent-research': createAgentResearchWorkflow(),
    'agent-text-stream': createAgentTextStreamWorkflow(),
    'agent-parallel': createAgentParallelWorkflow(),
    'agent-nested': createAgentNestedWorkflow(),
    'agent-loop': createAgentLoopWorkflow(),
    'agent-long-answer': createAgentLongAnswerWorkflow(),
  };
}

export type WorkflowId = keyof ReturnType<typeof createWorkflows>;

export type MastraLogLevel = 'debug' | 'info' | 'warn' | 'error';

/** `logLevel` undefined keeps Mastra silent (tests, recorder): failing steps are expected there. */
export function createMastra(
  storageUrl: string,
  logLevel?: MastraLogLevel,
): { mastra: Mastra; storage: LibSQLStore | PostgresStore } {
  // A postgres:// URL puts the runs in PostgreSQL, shared by every instance pointed at it; anything else
  // is a libsql URL (a file, or :memory:).
  const storage = /^postgres(ql)?:\/\//.test(storageUrl)
    ? new PostgresStore({ id: 'stepline-mastra-server', connectionString: storageUrl })
    : new LibSQLStore({ id: 'stepline-mastra-server', url: storageUrl });
  const logger = logLevel ? new ConsoleLogger({ name: 'stepline-mastra-server', level: logLevel }) : false;
  const mastra = new Mastra({
    workflows: createWorkflows(),
    storage,
    logger,
  });
  return { mastra, storage };
}

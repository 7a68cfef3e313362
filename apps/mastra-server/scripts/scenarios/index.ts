import { approvalScenarios } from './approval-scenarios.ts';
import { contentBriefScenarios } from './content-brief-scenarios.ts';
import { failureScenarios } from './failure-scenarios.ts';
import { pipelineScenarios } from './pipeline-scenarios.ts';
import { restartScenarios } from './restart-scenarios.ts';
import type { Scenario } from './scenario.ts';

/** Recorded in this order; the manifest lists them the same way. */
export const scenarios: Scenario[] = [
  ...contentBriefScenarios,
  ...approvalScenarios,
  ...pipelineScenarios,
  ...failureScenarios,
  ...restartScenarios,
];

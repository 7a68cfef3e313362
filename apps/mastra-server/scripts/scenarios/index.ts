import { agentScenarios } from './agent-scenarios.ts';
import { approvalScenarios } from './approval-scenarios.ts';
import { contentBriefScenarios } from './content-brief-scenarios.ts';
import { failureScenarios } from './failure-scenarios.ts';
import { pipelineScenarios } from './pipeline-scenarios.ts';
import { restartScenarios } from './restart-scenarios.ts';
import type { Scenario } from './scenario.ts';

export interface ScenarioSet {
  name: string;
  /** Under fixtures/; each set has its own manifest.json and workflows/. */
  directory: string;
  scenarios: Scenario[];
}

/** Recorded in this order; each manifest lists its scenarios the same way. */
export const scenarioSets: ScenarioSet[] = [
  {
    name: 'workflows',
    directory: 'recorded',
    scenarios: [
      ...contentBriefScenarios,
      ...approvalScenarios,
      ...pipelineScenarios,
      ...failureScenarios,
      ...restartScenarios,
    ],
  },
  // Agents driven by scripted models: megabytes of step output, kept apart from the workflow set.
  { name: 'agents', directory: 'recorded-agents', scenarios: agentScenarios },
];

export const scenarios: Scenario[] = scenarioSets.flatMap((set) => set.scenarios);

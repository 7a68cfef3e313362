import { loadManifest, replayScenario } from '@stepline/test-support';
import { describe, expect, it } from 'vitest';
import { selectStepGroups } from './run-selectors';

describe('groupOverlappingSteps', () => {
  it('a finished loop is not drawn as "Ran in parallel (3 steps)": a looped step counts with its first round', () => {
    const scenario = loadManifest().scenarios.find(
      (candidate) => candidate.name === 'content-brief-revise-loop',
    )!;
    const { state } = replayScenario(scenario);
    // `review` ran in both rounds, so its whole span covers `revise` and `round-result`.
    expect(state.steps.get('editorial-round.review')!.executions).toHaveLength(2);
    const groups = selectStepGroups(state, { parentId: 'editorial-round' }).map((group) =>
      group.map((step) => step.id),
    );
    expect(groups).toEqual([
      ['editorial-round.review'],
      ['editorial-round.revise'],
      ['editorial-round.round-result'],
    ]);
    // Real parallel branches are still one group.
    expect(selectStepGroups(state).map((group) => group.length)).toEqual([1, 3, 1, 1, 1, 1]);
  });
});

import { loadManifest, replayScenario } from '@stepline/test-support';
import { describe, expect, it } from 'vitest';
import type { RunEvent } from './run-event';
import { reduceRunEvents } from './run-reducer';
import { selectStepGroups } from './run-selectors';
import { createRunState, type RunState } from './run-state';
import {
  buildTimelineLevel,
  buildTimelineRows,
  collapseTimelineRows,
  countTimelineSteps,
  timelineLevelsEqual,
  timelineRowsEqual,
} from './timeline-model';

const recorded = (name: string): RunState => {
  const scenario = loadManifest().scenarios.find((candidate) => candidate.name === name);
  if (!scenario) throw new Error(`no recorded scenario ${name}`);
  return replayScenario(scenario).state;
};
const shape = (state: RunState, includeHidden = false) =>
  buildTimelineRows(state, includeHidden).map((row) => [
    row.id,
    row.depth,
    row.childCount,
    row.branch,
    row.branches,
  ]);

describe('timeline model', () => {
  it('flattens a recorded run into rows: parallel branches numbered, nested steps under their container', () => {
    expect(shape(recorded('content-brief-approve'))).toEqual([
      ['outline', 0, 0, 0, 0],
      ['research-sources', 0, 0, 1, 3],
      ['research-competitors', 0, 0, 2, 3],
      ['research-audience', 0, 0, 3, 3],
      ['synthesize', 0, 0, 0, 0],
      ['editorial-round', 0, 2, 0, 0],
      ['editorial-round.review', 1, 0, 0, 0],
      ['editorial-round.round-result', 1, 0, 0, 0],
      ['editorial-decision', 0, 0, 0, 0],
      ['publish', 0, 0, 0, 0],
    ]);
  });

  it('builds one level with the groups of selectStepGroups and the child counts of its containers', () => {
    const state = recorded('content-brief-approve');
    const top = buildTimelineLevel(state, undefined, false);
    expect(top.groups).toEqual(selectStepGroups(state).map((group) => group.map((step) => step.id)));
    expect(top.childCounts).toEqual({ 'editorial-round': 2 });
    const inner = buildTimelineLevel(state, 'editorial-round', false);
    expect(inner.groups).toEqual([['editorial-round.review'], ['editorial-round.round-result']]);
    expect(inner.childCounts).toEqual({});
  });

  it("hides Mastra's own steps unless asked, at every depth", () => {
    const state = recorded('kitchen-sink');
    const hidden = state.stepIds.toArray().filter((id) => state.steps.get(id)!.hidden);
    expect(hidden.length).toBeGreaterThan(0);
    expect(countTimelineSteps(state, false)).toBe(state.stepIds.length - hidden.length);
    expect(countTimelineSteps(state, true)).toBe(state.stepIds.length);
    expect(buildTimelineRows(state, false).map((row) => row.id)).not.toContain(hidden[0]);
    expect(buildTimelineRows(state, true)).toHaveLength(state.stepIds.length);
  });

  it('drops the rows inside a collapsed container and nothing else', () => {
    const rows = buildTimelineRows(recorded('nested-approval'), false);
    expect(collapseTimelineRows(rows, new Set(['approval-chain'])).map((row) => row.id)).toEqual([
      'submit-expense',
      'approval-chain',
      'reimburse',
    ]);
    expect(collapseTimelineRows(rows, new Set())).toBe(rows);
  });

  it('says two shapes are equal only when ids, groups and counts match', () => {
    const state = recorded('parallel-approvals');
    expect(timelineRowsEqual(buildTimelineRows(state, false), buildTimelineRows(state, false))).toBe(true);
    expect(
      timelineLevelsEqual(
        buildTimelineLevel(state, undefined, false),
        buildTimelineLevel(state, undefined, false),
      ),
    ).toBe(true);
    const fewer = reduceRunEvents(createRunState(), [
      {
        type: 'step-start',
        stepId: 'prepare-contract',
        stepCallId: 'c1',
        startedAt: 1,
        iteration: undefined,
        hidden: false,
        input: undefined,
        resumePayload: undefined,
        resumedAt: undefined,
      } as RunEvent,
    ]);
    expect(timelineRowsEqual(buildTimelineRows(state, false), buildTimelineRows(fewer, false))).toBe(false);
    expect(
      timelineLevelsEqual(
        buildTimelineLevel(state, undefined, false),
        buildTimelineLevel(fewer, undefined, false),
      ),
    ).toBe(false);
  });

  // Each level is grouped from its own siblings (so a level costs its own size): steps of other levels
  // that ran at the same time must not join its groups.
  it('groups a nested level by its own siblings only, not by steps of other levels that overlap them', () => {
    const start = (stepId: string, startedAt: number): RunEvent =>
      ({
        type: 'step-start',
        stepId,
        stepCallId: `${stepId}@${startedAt}`,
        startedAt,
        iteration: undefined,
        hidden: false,
        input: undefined,
        resumePayload: undefined,
        resumedAt: undefined,
      }) as RunEvent;
    const state = reduceRunEvents(createRunState(), [
      start('outer', 1),
      start('outer.a', 2),
      start('other', 3),
    ]);
    expect(buildTimelineLevel(state, 'outer', false).groups).toEqual([['outer.a']]);
    expect(buildTimelineLevel(state, undefined, false).groups).toEqual([['outer', 'other']]);
  });
});

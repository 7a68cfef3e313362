import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  fixturesDir,
  loadAgentManifest,
  loadManifest,
  readSnapshot,
  replayScenario,
} from '@stepline/test-support';
import { describe, expect, it } from 'vitest';
import { normalizeSnapshot } from '../wire/normalize-snapshot';
import { normalizeStepGraph } from '../wire/normalize-step-graph';
import {
  buildRunPlan,
  collapsePlanRows,
  countPlanSteps,
  filterPlanRows,
  type PlanRow,
  planRowsEqual,
  planStepStatus,
} from './run-plan';
import { mergeSnapshot } from './run-reducer';
import { createRunState, type RunState } from './run-state';
import { stepAtExecution } from './step-round';
import type { WorkflowGraph } from './workflow-graph';

const scenarios = loadManifest().scenarios;

function scenario(name: string) {
  const found = scenarios.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no recorded scenario ${name}`);
  return found;
}

function recordedGraph(workflowId: string): WorkflowGraph {
  const details = JSON.parse(readFileSync(join(fixturesDir, 'workflows', `${workflowId}.json`), 'utf8'));
  return normalizeStepGraph(details.stepGraph)!;
}

/** The run as a page opened after it ran sees it: only what the server stored. */
function reloaded(name: string, moment = 'final'): RunState {
  const file = scenario(name).snapshots.find((snapshot) => snapshot.moment === moment)!.file;
  const snapshot = normalizeSnapshot(readSnapshot(file));
  if (!snapshot.ok) throw snapshot.error;
  return mergeSnapshot(createRunState(), snapshot.value);
}

/** Rows as an indented outline with each step's status (the run's, else the plan's). */
function draw(state: RunState, rows: readonly PlanRow[]): string[] {
  return rows.map((row) => {
    const indent = '  '.repeat(row.depth);
    if (row.kind === 'step')
      return `${indent}${row.round === undefined ? '' : `R${row.round} `}${row.stepId} ${planStepStatus(state, row)}`;
    const extra =
      row.kind === 'loop'
        ? ` round ${row.round}${row.roundsKept < row.round ? ` (${row.roundsKept} kept)` : ''}`
        : row.kind === 'conditional'
          ? ` ${row.taken} of ${row.size}`
          : ` ${row.size}`;
    return `${indent}[${row.kind}${row.loopType ? ` ${row.loopType}` : ''} ${row.state}${extra}]`;
  });
}

describe('buildRunPlan on the workflow graph', () => {
  it('a finished loop is drawn as a loop with numbered rounds, not as "Ran in parallel (3 steps)"', () => {
    const { state } = replayScenario(scenario('content-brief-revise-loop'));
    const plan = buildRunPlan(state, recordedGraph('content-brief'));
    expect(plan.source).toBe('graph');
    expect(draw(state, plan.rows)).toEqual([
      'outline success',
      '[parallel done 3]',
      '  research-sources success',
      '  research-competitors success',
      '  research-audience success',
      'synthesize success',
      '[loop dountil done round 2]',
      '  R1 editorial-round success',
      '    R1 editorial-round.review success',
      '    [conditional done 1 of 1]',
      '      R1 editorial-round.revise success',
      '    R1 editorial-round.round-result success',
      '  R2 editorial-round success',
      '    R2 editorial-round.review success',
      '    [conditional skipped 0 of 1]',
      '      R2 editorial-round.revise skipped',
      '    R2 editorial-round.round-result success',
      'editorial-decision success',
      'publish success',
    ]);
  });

  it('shows every step from the start, pending, before the run reports anything', () => {
    const state = createRunState({ runId: 'r1', workflowId: 'content-brief' });
    const plan = buildRunPlan(state, recordedGraph('content-brief'));
    expect(plan.source).toBe('graph');
    expect(draw(state, plan.rows)).toEqual([
      'outline pending',
      '[parallel pending 3]',
      '  research-sources pending',
      '  research-competitors pending',
      '  research-audience pending',
      'synthesize pending',
      '[loop dountil pending round 0]',
      '  editorial-round pending',
      '    editorial-round.review pending',
      '    [conditional pending 0 of 1]',
      '      editorial-round.revise pending',
      '    editorial-round.round-result pending',
      'editorial-decision pending',
      'publish pending',
    ]);
  });

  it('while the run waits for a decision: what ran, what waits, what is still to come', () => {
    const recorded = scenario('content-brief-approve');
    const firstSegment = { ...recorded, segments: recorded.segments.slice(0, 1) };
    const { state } = replayScenario(firstSegment);
    const rows = draw(state, buildRunPlan(state, recordedGraph('content-brief')).rows);
    expect(rows.slice(6)).toEqual([
      '[loop dountil active round 1]',
      '  R1 editorial-round suspended',
      '    R1 editorial-round.review suspended',
      '    [conditional pending 0 of 1]',
      '      R1 editorial-round.revise pending',
      '    R1 editorial-round.round-result pending',
      'editorial-decision pending',
      'publish pending',
    ]);
  });

  it('in a loop’s second round, round 1 keeps what it did and round 2’s steps are to come, not done', () => {
    const recorded = scenario('content-brief-revise-loop');
    const { state } = replayScenario({ ...recorded, segments: recorded.segments.slice(0, 2) });
    // The run's state still holds round 1's `revise` and `round-result`.
    expect(state.steps.get('editorial-round.revise')?.status).toBe('success');
    const rows = buildRunPlan(state, recordedGraph('content-brief')).rows;
    expect(draw(state, rows).slice(6, 17)).toEqual([
      '[loop dountil active round 2]',
      '  R1 editorial-round success',
      '    R1 editorial-round.review success',
      '    [conditional done 1 of 1]',
      '      R1 editorial-round.revise success',
      '    R1 editorial-round.round-result success',
      '  R2 editorial-round suspended',
      '    R2 editorial-round.review suspended',
      '    [conditional pending 0 of 1]',
      '      R2 editorial-round.revise pending',
      '    R2 editorial-round.round-result pending',
    ]);
    // Each round's rows read that round's execution: round 1's review was answered, round 2's waits.
    const reviews = rows.filter((row) => row.kind === 'step' && row.stepId === 'editorial-round.review');
    expect(reviews.map((row) => row.key)).toEqual(['editorial-round.review', 'editorial-round.review#2']);
    const review = state.steps.get('editorial-round.review')!;
    expect(reviews.map((row) => row.kind === 'step' && row.execution)).toEqual(
      review.executions.toArray().map((execution) => execution.key),
    );
  });

  it('a running loop and the same loop after it finished are drawn the same way, round by round', () => {
    const recorded = scenario('content-brief-revise-loop');
    const graph = recordedGraph('content-brief');
    const shape = (state: RunState) =>
      buildRunPlan(state, graph).rows.map((row) => `${row.key}@${row.depth}`);
    const running = shape(replayScenario({ ...recorded, segments: recorded.segments.slice(0, 2) }).state);
    const finished = shape(replayScenario(recorded).state);
    expect(running).toEqual(finished);
  });

  it('a loop over one step (an agent in .dountil()): one row per round, each with its own agent call', () => {
    const recorded = loadAgentManifest().scenarios.find((candidate) => candidate.name === 'agent-loop')!;
    const { state } = replayScenario(recorded);
    const details = JSON.parse(
      readFileSync(join(fixturesDir, '../recorded-agents/workflows/agent-loop.json'), 'utf8'),
    );
    const rows = buildRunPlan(state, normalizeStepGraph(details.stepGraph)).rows;
    expect(draw(state, rows)).toEqual([
      'plan-rounds success',
      '[loop dountil done round 3]',
      '  R1 brainstorm success',
      '  R2 brainstorm success',
      '  R3 brainstorm success',
    ]);
    const brainstorm = state.steps.get('brainstorm')!;
    const transcripts = rows.flatMap((row) =>
      row.kind === 'step' && row.execution
        ? [stepAtExecution(brainstorm, row.execution)!.executions.at(0)!.transcripts.length]
        : [],
    );
    expect(transcripts).toEqual([1, 1, 1]);
    // A long loop draws its latest rounds only; the caption still counts them all.
    const capped = buildRunPlan(state, normalizeStepGraph(details.stepGraph), { maxRounds: 2 }).rows;
    expect(draw(state, capped).slice(1)).toEqual([
      '[loop dountil done round 3]',
      '  R2 brainstorm success',
      '  R3 brainstorm success',
    ]);
    expect(capped[1]).toMatchObject({ kind: 'loop', round: 3, roundsKept: 3, roundsShown: 2 });
  });

  it('marks the branch not taken as skipped and hides Mastra’s own steps', () => {
    const { state } = replayScenario(scenario('kitchen-sink'));
    const plan = buildRunPlan(state, recordedGraph('kitchen-sink'));
    expect(draw(state, plan.rows)).toEqual([
      'prepare success',
      '[conditional done 1 of 2]',
      '  fast-path skipped',
      '  thorough-path success',
      'kitchen-sink-inner success',
      '  kitchen-sink-inner.inner-fetch success',
      '  kitchen-sink-inner.inner-check success',
      'report-progress success',
      'cool-down success',
      'list-items success',
      '[foreach done 1]',
      '  process-item success',
      'summarize success',
    ]);
    expect(plan.rows.find((row) => row.kind === 'foreach')).toMatchObject({
      concurrency: 2,
      items: 5,
      iterationsLost: false,
    });
    expect(plan.rows.find((row) => row.key === 'kitchen-sink-inner')).toMatchObject({ childCount: 2 });
  });

  it('after a reload a foreach lost its count: the items are read from its output, the loss is said', () => {
    const graph = recordedGraph('kitchen-sink');
    const foreach = (state: RunState) =>
      buildRunPlan(state, graph).rows.find((row) => row.kind === 'foreach');
    expect(foreach(reloaded('kitchen-sink'))).toMatchObject({
      state: 'done',
      items: 5,
      iterationsLost: true,
    });
    // Mid-foreach the stored run holds the current item only: no count, and nothing lost yet to say.
    expect(foreach(reloaded('kitchen-sink', 'mid-foreach'))).toMatchObject({
      state: 'active',
      items: undefined,
      iterationsLost: false,
    });
  });

  it('with hidden steps shown, the run’s own sleep id stands in for the graph’s (random per server process)', () => {
    const { state } = replayScenario(scenario('kitchen-sink'));
    const rows = buildRunPlan(state, recordedGraph('kitchen-sink'), { includeHidden: true }).rows;
    const ids = rows.flatMap((row) => (row.kind === 'step' ? [row.stepId] : []));
    expect(ids).toContain('mapping_kitchen-sink_0');
    expect(ids.filter((id) => id.startsWith('sleep_'))).toHaveLength(1);
    expect(state.steps.has(ids.find((id) => id.startsWith('sleep_'))!)).toBe(true);
  });

  it('a failed run: the steps it never reached are "not run", not pending', () => {
    const { state } = replayScenario(scenario('always-fails'));
    expect(draw(state, buildRunPlan(state, recordedGraph('always-fails')).rows)).toEqual([
      'validate-order success',
      'charge-card failed',
      'ship-order not-run',
    ]);
  });

  it('after a reload the server has only the last round: the loop says how many rounds are missing', () => {
    const state = reloaded('content-brief-revise-loop');
    const rows = buildRunPlan(state, recordedGraph('content-brief')).rows;
    expect(draw(state, rows).slice(6, 12)).toEqual([
      '[loop dountil done round 2 (1 kept)]',
      '  R2 editorial-round success',
      '    R2 editorial-round.review success',
      '    [conditional skipped 0 of 1]',
      '      R2 editorial-round.revise skipped',
      '    R2 editorial-round.round-result success',
    ]);
  });

  it('nested workflows: a collapsed container hides its inner rows', () => {
    const { state } = replayScenario(scenario('nested-approval'));
    const rows = buildRunPlan(state, recordedGraph('nested-approval')).rows;
    expect(rows.map((row) => row.key)).toEqual([
      'submit-expense',
      'approval-chain',
      'approval-chain.check-policy',
      'approval-chain.manager-approval',
      'reimburse',
    ]);
    expect(collapsePlanRows(rows, new Set(['approval-chain'])).map((row) => row.key)).toEqual([
      'submit-expense',
      'approval-chain',
      'reimburse',
    ]);
  });

  it('steps the graph does not name are still shown, after the planned ones', () => {
    const { state } = replayScenario(scenario('always-fails'));
    const graph: WorkflowGraph = recordedGraph('always-fails').slice(0, 1);
    const rows = buildRunPlan(state, graph).rows;
    expect(rows.map((row) => row.key)).toEqual(['validate-order', 'charge-card']);
  });
});

describe('buildRunPlan without a graph (discovered from the run)', () => {
  it('a finished loop is not drawn as parallel steps: only the first round of each step counts', () => {
    const { state } = replayScenario(scenario('content-brief-revise-loop'));
    const plan = buildRunPlan(state, undefined);
    expect(plan.source).toBe('events');
    expect(draw(state, plan.rows)).toEqual([
      'outline success',
      '[parallel done 3]',
      '  research-sources success',
      '  research-competitors success',
      '  research-audience success',
      'synthesize success',
      '[loop done round 2]',
      '  R1 editorial-round success',
      '    R1 editorial-round.review success',
      '    R1 editorial-round.revise success',
      '    R1 editorial-round.round-result success',
      '  R2 editorial-round success',
      '    R2 editorial-round.review success',
      '    R2 editorial-round.round-result success',
      'editorial-decision success',
      'publish success',
    ]);
  });

  it('a graph that names none of the run’s steps is another version’s: the run is discovered instead', () => {
    const { state } = replayScenario(scenario('always-fails'));
    const plan = buildRunPlan(state, recordedGraph('content-brief'));
    expect(plan.source).toBe('events');
    expect(plan.rows.map((row) => row.key)).toEqual(['validate-order', 'charge-card']);
  });
});

describe('plan helpers', () => {
  it('counts steps for a summary line and filters to what needs attention', () => {
    const recorded = scenario('content-brief-approve');
    const { state } = replayScenario({ ...recorded, segments: recorded.segments.slice(0, 1) });
    const rows = buildRunPlan(state, recordedGraph('content-brief')).rows;
    expect(countPlanSteps(state, rows)).toEqual({
      total: 11,
      done: 5,
      running: 0,
      waiting: 2,
      failed: 0,
      pending: 4,
      other: 0,
    });
    expect(filterPlanRows(state, rows, ['waiting']).map((row) => row.stepId)).toEqual([
      'editorial-round',
      'editorial-round.review',
    ]);
  });

  it('the same run gives equal rows; a step that starts changes them', () => {
    const graph = recordedGraph('content-brief');
    const empty = createRunState();
    const { state } = replayScenario(scenario('content-brief-approve'));
    expect(planRowsEqual(buildRunPlan(state, graph).rows, buildRunPlan(state, graph).rows)).toBe(true);
    expect(planRowsEqual(buildRunPlan(empty, graph).rows, buildRunPlan(state, graph).rows)).toBe(false);
  });
});

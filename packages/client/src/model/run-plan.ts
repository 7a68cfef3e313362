import type { StepStatus } from './run-event';
import { isTerminalRunStatus, type RunState, type StepState } from './run-state';
import { groupOverlappingSteps } from './step-groups';
import type { WorkflowGraph, WorkflowGraphNode } from './workflow-graph';

/**
 * The plan of a run: every step the workflow will run, in the workflow's own structure (parallel blocks,
 * branches, loops, foreach, nested workflows), with what the run has done so far laid on it. A step the
 * run has not reached is in the plan from the start (`planned: 'pending'`); a branch that was not taken
 * is `'skipped'`; what a finished run never reached is `'not-run'`.
 *
 * Without the workflow's graph (the details could not be read, or describe other steps than the run
 * has) the structure is discovered from the run itself: steps in start order, siblings that overlapped
 * in time as a parallel block, a step with loop iterations as a loop.
 *
 * The rows are a flat list in display order (a container's inner steps follow it, one level deeper), so
 * a windowed list and a plain one draw the same thing. A row holds the shape only, never a step's live
 * state: a view re-reads the rows when the shape changes and each step when that step does.
 */

/** What the plan says of a step the run has no record of. */
export type PlannedStatus = 'pending' | 'skipped' | 'not-run';

/** A control-flow block's progress: nothing inside started, something is running, all that ran is over. */
export type PlanBlockState = 'pending' | 'active' | 'done' | 'skipped' | 'not-run';

export interface PlanStepRow {
  readonly kind: 'step';
  /** Unique among the rows: the step's full id. */
  readonly key: string;
  /** Full id (`container.inner` inside a nested workflow): read the step with `state.steps.get(stepId)`. */
  readonly stepId: string;
  /** The last segment of the id, for a label when nothing better is known. */
  readonly name: string;
  /** Indentation: one more inside a block or a nested workflow. */
  readonly depth: number;
  /**
   * Set only while the run has no record of the step in this pass: not reached yet, or inside a loop's
   * body when its record is from an earlier round (the run's state still holds that record).
   */
  readonly planned: PlannedStatus | undefined;
  /** Rows of steps inside this one (a nested workflow), at every depth. */
  readonly childCount: number;
  /** The workflow can suspend here for a human. */
  readonly canSuspend: boolean;
}

export interface PlanBlockRow {
  readonly kind: 'parallel' | 'conditional' | 'loop' | 'foreach';
  /** Unique among the rows: the kind and the block's first step. */
  readonly key: string;
  readonly depth: number;
  /** Branches of a parallel or conditional block; 1 for a loop or foreach. */
  readonly size: number;
  readonly state: PlanBlockState;
  /** Branches that ran, for a conditional. */
  readonly taken: number;
  /** A loop's kind, when the graph says (`undefined` when the loop was discovered from iterations). */
  readonly loopType: 'dowhile' | 'dountil' | undefined;
  /** A loop's latest round (1, 2, …); 0 before its first. */
  readonly round: number;
  /**
   * Rounds the run's state still holds. Fewer than `round` when the server kept only the last one (Mastra
   * stores a loop's last iteration only, so after a reload the earlier rounds are gone).
   */
  readonly roundsKept: number;
  /** A foreach's concurrency, when the graph says. */
  readonly concurrency: number | undefined;
}

export type PlanRow = PlanStepRow | PlanBlockRow;

export interface RunPlan {
  /** `graph`: drawn on the workflow's graph; `events`: discovered from the run (no usable graph). */
  readonly source: 'graph' | 'events';
  readonly rows: readonly PlanRow[];
}

export interface RunPlanOptions {
  /** Include Mastra's own `.map()` / `.sleep()` steps. Default false. */
  readonly includeHidden?: boolean;
}

/**
 * @example
 * const graph = details.graph; // from `transport.getWorkflow(workflowId)`, or undefined
 * for (const row of buildRunPlan(state, graph).rows) {
 *   if (row.kind === 'step') console.log(' '.repeat(row.depth), row.stepId, state.steps.get(row.stepId)?.status ?? row.planned);
 *   else console.log(' '.repeat(row.depth), row.kind, row.state);
 * }
 */
export function buildRunPlan(
  state: RunState,
  graph: WorkflowGraph | undefined,
  options: RunPlanOptions = {},
): RunPlan {
  const includeHidden = options.includeHidden ?? false;
  const builder = new PlanBuilder(state, includeHidden);
  const has = (id: string) => state.steps.has(id);
  if (graph && graph.length > 0 && (state.stepIds.length === 0 || graphNamesAStep(graph, undefined, has))) {
    builder.sequence(graph, undefined, 0, { later: false, over: isTerminalRunStatus(state.status) });
    builder.discover(undefined, 0);
    return { source: 'graph', rows: builder.rows };
  }
  builder.discover(undefined, 0);
  return { source: 'events', rows: builder.rows };
}

/** Whether anything after a node has started, and whether its scope (the run, a container) is over. */
interface Scope {
  readonly later: boolean;
  readonly over: boolean;
}

const activeStatuses: ReadonlySet<StepStatus> = new Set(['running', 'waiting', 'suspended', 'paused']);

function isOver(step: StepState | undefined): boolean {
  return step !== undefined && !activeStatuses.has(step.status) && step.status !== 'pending';
}

function join(prefix: string | undefined, id: string): string {
  return prefix === undefined ? id : `${prefix}.${id}`;
}

type HasStep = (id: string) => boolean;

/** A graph that names none of the run's steps belongs to another version of the workflow. */
function graphNamesAStep(
  nodes: readonly WorkflowGraphNode[],
  prefix: string | undefined,
  has: HasStep,
): boolean {
  return nodes.some((node) => nodeStarted(node, prefix, has));
}

/** Whether the run has a record of any step inside the node. */
function nodeStarted(node: WorkflowGraphNode, prefix: string | undefined, has: HasStep): boolean {
  switch (node.kind) {
    case 'step': {
      const id = join(prefix, node.id);
      return has(id) || (node.children !== undefined && graphNamesAStep(node.children, id, has));
    }
    case 'parallel':
    case 'conditional':
      return graphNamesAStep(node.branches, prefix, has);
    case 'loop':
    case 'foreach':
      return nodeStarted(node.body, prefix, has);
    default:
      return assertNever(node);
  }
}

/** The full ids of every step inside a node, nested workflows included. */
function stepIdsOf(node: WorkflowGraphNode, prefix: string | undefined, into: string[]): string[] {
  switch (node.kind) {
    case 'step': {
      const id = join(prefix, node.id);
      into.push(id);
      for (const child of node.children ?? []) stepIdsOf(child, id, into);
      return into;
    }
    case 'parallel':
    case 'conditional':
      for (const branch of node.branches) stepIdsOf(branch, prefix, into);
      return into;
    case 'loop':
    case 'foreach':
      return stepIdsOf(node.body, prefix, into);
    default:
      return assertNever(node);
  }
}

class PlanBuilder {
  readonly rows: PlanRow[] = [];
  readonly #placed = new Set<string>();
  readonly #state: RunState;
  readonly #includeHidden: boolean;
  #children: Map<string | undefined, StepState[]> | undefined;
  /**
   * Inside a loop's body from its second round on: when the previous round ended. A record of an inner
   * step from before then is an earlier round's, so in this round the step has not run yet.
   */
  #roundFloor: number | undefined;
  readonly #loopFloors = new Map<string, number>();
  readonly #has: HasStep = (id) => this.record(id) !== undefined;

  constructor(state: RunState, includeHidden: boolean) {
    this.#state = state;
    this.#includeHidden = includeHidden;
  }

  /** The step's record in the current round (every record outside loops). */
  record(id: string): StepState | undefined {
    const step = this.#state.steps.get(id);
    if (!step || this.#roundFloor === undefined || activeStatuses.has(step.status)) return step;
    const last = step.executions[step.executions.length - 1];
    const started = last?.startedAt ?? step.startedAt;
    return started !== undefined && started <= this.#roundFloor ? undefined : step;
  }

  sequence(nodes: readonly WorkflowGraphNode[], prefix: string | undefined, depth: number, scope: Scope) {
    // Whether anything after position i started: a suffix scan, so each node is looked at once.
    const laterStarted = new Array<boolean>(nodes.length).fill(false);
    for (let i = nodes.length - 2; i >= 0; i--) {
      laterStarted[i] = laterStarted[i + 1]! || nodeStarted(nodes[i + 1]!, prefix, this.#has);
    }
    nodes.forEach((node, i) => {
      this.node(node, prefix, depth, { later: scope.later || laterStarted[i]!, over: scope.over });
    });
  }

  node(node: WorkflowGraphNode, prefix: string | undefined, depth: number, scope: Scope, skippable = false) {
    switch (node.kind) {
      case 'step':
        this.step(node, prefix, depth, scope, skippable);
        return;
      case 'parallel':
      case 'conditional': {
        const conditional = node.kind === 'conditional';
        const taken = node.branches.filter((branch) => nodeStarted(branch, prefix, this.#has)).length;
        // A branch is decided once another one ran or the run went past the block.
        const decided = conditional && (taken > 0 || scope.later);
        const first = this.rows.length;
        this.rows.push(placeholder);
        for (const branch of node.branches) this.node(branch, prefix, depth + 1, scope, decided);
        this.block(first, node.kind, node, prefix, depth, scope, { size: node.branches.length, taken });
        return;
      }
      case 'loop':
      case 'foreach': {
        const first = this.rows.length;
        this.rows.push(placeholder);
        const body = node.body.kind === 'step' ? this.record(join(prefix, node.body.id)) : undefined;
        const previous = body?.executions[body.executions.length - 2];
        // Only while the loop goes on: once it is over, each step shows its latest round.
        if (node.kind === 'loop' && body && previous && activeStatuses.has(body.status)) {
          this.#loopFloors.set(body.id, previous.endedAt ?? previous.suspendedAt ?? previous.startedAt ?? 0);
        }
        this.node(node.body, prefix, depth + 1, scope, skippable);
        this.block(first, node.kind, node, prefix, depth, scope, {
          size: 1,
          taken: 0,
          loopType: node.kind === 'loop' ? node.loopType : undefined,
          concurrency: node.kind === 'foreach' ? node.concurrency : undefined,
          ...(node.kind === 'loop' ? rounds(body) : {}),
        });
        return;
      }
      default:
        assertNever(node);
    }
  }

  step(
    node: Extract<WorkflowGraphNode, { kind: 'step' }>,
    prefix: string | undefined,
    depth: number,
    scope: Scope,
    skippable: boolean,
  ) {
    const id = join(prefix, node.id);
    const step = this.record(id);
    this.#placed.add(id);
    const hidden = this.#state.steps.get(id)?.hidden ?? node.hidden;
    if (hidden && !this.#includeHidden) {
      // Its inner steps are hidden with it, but must not be discovered again as steps of no plan.
      if (node.children)
        for (const child of node.children)
          for (const inner of stepIdsOf(child, id, [])) this.#placed.add(inner);
      return;
    }
    let planned: PlannedStatus | undefined;
    if (!step) planned = skippable ? 'skipped' : scope.later || scope.over ? 'not-run' : 'pending';
    const index = this.rows.length;
    const row: PlanStepRow = {
      kind: 'step',
      key: id,
      stepId: id,
      name: node.id,
      depth,
      planned,
      childCount: 0,
      canSuspend: node.canSuspend,
    };
    this.rows.push(row);
    if (node.role === 'workflow') {
      const inner: Scope = {
        later: scope.later,
        // A finished container ran all it will; a skipped one runs nothing.
        over: scope.over || isOver(step) || planned === 'skipped',
      };
      const outerFloor = this.#roundFloor;
      const floor = this.#loopFloors.get(id);
      if (floor !== undefined) this.#roundFloor = floor;
      if (node.children) this.sequence(node.children, id, depth + 1, inner);
      this.#roundFloor = outerFloor;
      this.discover(id, depth + 1);
      const childCount = this.countSteps(index + 1);
      if (childCount > 0) this.rows[index] = { ...row, childCount };
    } else if (step) {
      // A step the graph knows as a plain one, that the run shows with inner steps (an older graph).
      this.discover(id, depth + 1);
      const childCount = this.countSteps(index + 1);
      if (childCount > 0) this.rows[index] = { ...row, childCount };
    }
  }

  block(
    first: number,
    kind: PlanBlockRow['kind'],
    node: WorkflowGraphNode,
    prefix: string | undefined,
    depth: number,
    scope: Scope,
    extra: Partial<PlanBlockRow> & { size: number; taken: number },
  ) {
    if (this.rows.length === first + 1) {
      // Nothing visible inside (a foreach over a hidden step): no block either.
      this.rows.splice(first, 1);
      return;
    }
    const ids = stepIdsOf(node, prefix, []);
    this.rows[first] = {
      kind,
      key: `${kind}:${ids[0] ?? first}`,
      depth,
      size: extra.size,
      state: blockState(
        ids.map((id) => this.record(id)),
        kind === 'conditional' && scope.later,
        scope.later || scope.over,
      ),
      taken: extra.taken,
      loopType: extra.loopType,
      round: extra.round ?? 0,
      roundsKept: extra.roundsKept ?? 0,
      concurrency: extra.concurrency,
    };
  }

  /** Steps the plan did not place, under `parentId`, as the run shows them. */
  discover(parentId: string | undefined, depth: number) {
    const siblings = (this.childrenIndex().get(parentId) ?? []).filter((step) => !this.#placed.has(step.id));
    for (const group of groupOverlappingSteps(siblings)) {
      if (group.length > 1) {
        const first = this.rows.length;
        this.rows.push(placeholder);
        for (const step of group) this.discovered(step, depth + 1);
        this.rows[first] = discoveredBlock('parallel', group, depth, group.length);
      } else if (isLooped(group[0]!)) {
        const step = group[0]!;
        this.rows.push({ ...discoveredBlock('loop', group, depth, 1), ...rounds(step) });
        this.discovered(step, depth + 1);
      } else {
        this.discovered(group[0]!, depth);
      }
    }
  }

  discovered(step: StepState, depth: number) {
    this.#placed.add(step.id);
    const index = this.rows.length;
    const row: PlanStepRow = {
      kind: 'step',
      key: step.id,
      stepId: step.id,
      name: step.name,
      depth,
      planned: undefined,
      childCount: 0,
      canSuspend: false,
    };
    this.rows.push(row);
    // A step cannot contain itself; the guard only protects against malformed ids.
    if (step.parentId !== step.id) this.discover(step.id, depth + 1);
    const childCount = this.countSteps(index + 1);
    if (childCount > 0) this.rows[index] = { ...row, childCount };
  }

  countSteps(from: number): number {
    let count = 0;
    for (let i = from; i < this.rows.length; i++) if (this.rows[i]!.kind === 'step') count++;
    return count;
  }

  childrenIndex(): Map<string | undefined, StepState[]> {
    if (this.#children) return this.#children;
    const index = new Map<string | undefined, StepState[]>();
    for (const id of this.#state.stepIds) {
      const step = this.#state.steps.get(id);
      if (!step || (step.hidden && !this.#includeHidden)) continue;
      let siblings = index.get(step.parentId);
      if (!siblings) {
        siblings = [];
        index.set(step.parentId, siblings);
      }
      siblings.push(step);
    }
    this.#children = index;
    return index;
  }
}

// Replaced by the block's row once its inner rows are known.
const placeholder = { kind: 'step' } as unknown as PlanRow;

function blockState(
  steps: readonly (StepState | undefined)[],
  skipped: boolean,
  settled: boolean,
): PlanBlockState {
  let started = false;
  for (const step of steps) {
    if (!step) continue;
    started = true;
    if (activeStatuses.has(step.status)) return 'active';
  }
  if (started) return 'done';
  if (skipped) return 'skipped';
  return settled ? 'not-run' : 'pending';
}

function discoveredBlock(
  kind: 'parallel' | 'loop',
  steps: readonly StepState[],
  depth: number,
  size: number,
): PlanBlockRow {
  return {
    kind,
    key: `${kind}:${steps[0]!.id}`,
    depth,
    size,
    state: blockState(steps, false, false),
    taken: 0,
    loopType: undefined,
    round: 0,
    roundsKept: 0,
    concurrency: undefined,
  };
}

/** A loop's latest round and how many rounds the state holds. */
function rounds(step: StepState | undefined): { round: number; roundsKept: number } {
  if (!step) return { round: 0, roundsKept: 0 };
  let round = 0;
  step.executions.forEach((execution, index) => {
    round = Math.max(round, execution.iteration ?? index + 1);
  });
  return { round, roundsKept: step.executions.length };
}

function isLooped(step: StepState): boolean {
  return step.executions.some((execution) => execution.iteration !== undefined);
}

function assertNever(value: never): never {
  throw new Error(`Unexpected graph node: ${JSON.stringify(value)}`);
}

/** Same rows, field by field: a list re-renders only when its shape changed. */
export function planRowsEqual(a: readonly PlanRow[], b: readonly PlanRow[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!planRowEqual(a[i]!, b[i]!)) return false;
  return true;
}

function planRowEqual(a: PlanRow, b: PlanRow): boolean {
  if (a.kind !== b.kind || a.key !== b.key || a.depth !== b.depth) return false;
  if (a.kind === 'step') {
    const other = b as PlanStepRow;
    return (
      a.planned === other.planned && a.childCount === other.childCount && a.canSuspend === other.canSuspend
    );
  }
  const other = b as PlanBlockRow;
  return (
    a.size === other.size &&
    a.state === other.state &&
    a.taken === other.taken &&
    a.loopType === other.loopType &&
    a.round === other.round &&
    a.roundsKept === other.roundsKept &&
    a.concurrency === other.concurrency
  );
}

/**
 * Drops the rows inside collapsed nested workflows (by step id).
 * @example
 * const shown = collapsePlanRows(plan.rows, new Set(['editorial-round']));
 */
export function collapsePlanRows(
  rows: readonly PlanRow[],
  collapsed: ReadonlySet<string>,
): readonly PlanRow[] {
  if (collapsed.size === 0) return rows;
  const shown: PlanRow[] = [];
  let hideDeeperThan = Number.POSITIVE_INFINITY;
  for (const row of rows) {
    if (row.depth > hideDeeperThan) continue;
    hideDeeperThan = Number.POSITIVE_INFINITY;
    shown.push(row);
    if (row.kind === 'step' && row.childCount > 0 && collapsed.has(row.stepId)) hideDeeperThan = row.depth;
  }
  return shown;
}

/** A step row's status: what the plan says while it has not run (in this round), else the run's record. */
export function planStepStatus(state: RunState, row: PlanStepRow): StepStatus | PlannedStatus {
  return row.planned ?? state.steps.get(row.stepId)?.status ?? 'pending';
}

/** Counts for a summary line ("12 done, 1 running, 1 waiting, 2 failed, 30 to go"). */
export interface RunPlanCounts {
  readonly total: number;
  readonly done: number;
  readonly running: number;
  /** Suspended for a human, sleeping, paused. */
  readonly waiting: number;
  readonly failed: number;
  /** Not reached yet. */
  readonly pending: number;
  /** Skipped, not run, canceled, ended early. */
  readonly other: number;
}

/**
 * @example
 * const counts = countPlanSteps(state, plan.rows); // { total: 300, done: 120, running: 1, … }
 */
export function countPlanSteps(state: RunState, rows: readonly PlanRow[]): RunPlanCounts {
  const counts = { total: 0, done: 0, running: 0, waiting: 0, failed: 0, pending: 0, other: 0 };
  for (const row of rows) {
    if (row.kind !== 'step') continue;
    counts.total++;
    counts[statusGroup(planStepStatus(state, row))]++;
  }
  return counts;
}

/** What a step's status counts as, in a summary or a filter. */
export type StatusGroup = 'done' | 'running' | 'waiting' | 'failed' | 'pending' | 'other';

export function statusGroup(status: StepStatus | PlannedStatus): StatusGroup {
  switch (status) {
    case 'success':
      return 'done';
    case 'running':
      return 'running';
    case 'suspended':
    case 'waiting':
    case 'paused':
      return 'waiting';
    case 'failed':
    case 'tripwire':
      return 'failed';
    case 'pending':
      return 'pending';
    case 'skipped':
    case 'not-run':
    case 'canceled':
    case 'bailed':
    case 'unknown':
      return 'other';
    default:
      return assertNever(status);
  }
}

/**
 * Only the step rows whose status is in `groups` (blocks dropped): "show me what failed".
 * @example
 * filterPlanRows(state, plan.rows, ['failed']);
 */
export function filterPlanRows(
  state: RunState,
  rows: readonly PlanRow[],
  groups: readonly StatusGroup[],
): PlanStepRow[] {
  const wanted = new Set(groups);
  const shown: PlanStepRow[] = [];
  for (const row of rows) {
    if (row.kind === 'step' && wanted.has(statusGroup(planStepStatus(state, row)))) {
      shown.push({ ...row, depth: 0, childCount: 0 });
    }
  }
  return shown;
}

import { assertNever } from '../util/assert-never';
import type { PersistentList } from '../util/persistent-list';
import type { StepStatus } from './run-event';
import { isTerminalRunStatus, type RunState, type StepExecution, type StepState } from './run-state';
import { groupOverlappingSteps } from './step-groups';
import { findStepExecution, stepAtExecution } from './step-round';
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
 * A loop is drawn round by round: under its caption, each round's row of the loop's step ("Round 2"),
 * with that round's inner steps below it when the step is a nested workflow. A row of a round reads that
 * round's execution (`row.execution`), so a finished loop shows what each round did, and a running one
 * shows the current round's steps still to come as pending.
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
  /** Unique among the rows: the step's full id, with `#<round>` from a loop's second round on. */
  readonly key: string;
  /** Full id (`container.inner` inside a nested workflow): read the step with `state.steps.get(stepId)`. */
  readonly stepId: string;
  /** The last segment of the id, for a label when nothing better is known. */
  readonly name: string;
  /** Indentation: one more inside a block or a nested workflow. */
  readonly depth: number;
  /**
   * Set only while the run has no record of the step in this pass: not reached yet, or not reached in
   * this round of a loop (the run's state may hold its record of another round).
   */
  readonly planned: PlannedStatus | undefined;
  /** The loop round this row belongs to (1, 2, …): the loop's step and its inner steps. */
  readonly round: number | undefined;
  /** The row of the loop's own step in that round: the first of the round, the one to name it by. */
  readonly opensRound: boolean;
  /**
   * The step's execution in that round (`StepExecution.key`): read it with `stepAtExecution`. Undefined
   * outside loops (the step's record is the row) and when the step did not run in the round.
   */
  readonly execution: string | undefined;
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
  /** Rounds drawn below the caption: the latest `maxRounds` of those kept. */
  readonly roundsShown: number;
  /** A foreach's concurrency, when the graph says. */
  readonly concurrency: number | undefined;
  /** How many items a foreach runs over, once known (its progress, else its output's length). */
  readonly items: number | undefined;
  /**
   * A finished foreach whose iterations the run does not hold: the page read the stored run, and Mastra
   * stores the foreach's output, not its progress item by item.
   */
  readonly iterationsLost: boolean;
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
  /** Rounds of a loop drawn as rows, the latest ones; the caption counts them all. Default 50. */
  readonly maxRounds?: number;
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
  const builder = new PlanBuilder(state, includeHidden, Math.max(1, options.maxRounds ?? 50));
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
  return nodes.some((node) => someStepId(node, prefix, has));
}

/**
 * Whether `test` holds for the full id of a step inside the node, nested workflows included, visited in
 * plan order; stops at the first that does. With `has`: whether the run has a record of any of them.
 */
function someStepId(node: WorkflowGraphNode, prefix: string | undefined, test: HasStep): boolean {
  switch (node.kind) {
    case 'step': {
      const id = join(prefix, node.id);
      return test(id) || (node.children?.some((child) => someStepId(child, id, test)) ?? false);
    }
    case 'parallel':
    case 'conditional':
      return node.branches.some((branch) => someStepId(branch, prefix, test));
    case 'loop':
    case 'foreach':
      return someStepId(node.body, prefix, test);
    default:
      return assertNever(node, 'Unexpected graph node');
  }
}

/** The full ids of every step inside a node, nested workflows included. */
function stepIdsOf(node: WorkflowGraphNode, prefix: string | undefined): string[] {
  const ids: string[] = [];
  someStepId(node, prefix, (id) => {
    ids.push(id);
    return false;
  });
  return ids;
}

/**
 * One round of a loop while its rows are built: the records of that round are the executions that
 * started in `[from, to)`, between this round's start and the next one's.
 */
interface RoundWindow {
  /** The loop's step. */
  readonly head: string;
  readonly number: number;
  readonly from: number | undefined;
  readonly to: number | undefined;
}

class PlanBuilder {
  readonly rows: PlanRow[] = [];
  /** Step ids placed, and `id#round` for those placed inside a loop's round. */
  readonly #placed = new Set<string>();
  readonly #state: RunState;
  readonly #includeHidden: boolean;
  readonly #maxRounds: number;
  #children: Map<string | undefined, StepState[]> | undefined;
  #round: RoundWindow | undefined;
  readonly #has: HasStep = (id) => this.#record(id) !== undefined;

  constructor(state: RunState, includeHidden: boolean, maxRounds: number) {
    this.#state = state;
    this.#includeHidden = includeHidden;
    this.#maxRounds = maxRounds;
  }

  /** The step's record in the current round (its whole record outside loops). */
  #record(id: string): StepState | undefined {
    const step = this.#state.steps.get(id);
    if (!step || this.#round === undefined) return step;
    const executions = executionsIn(step, this.#round.from, this.#round.to);
    const last = executions[executions.length - 1];
    return last === undefined ? undefined : stepAtExecution(step, last.key);
  }

  /** The executions of a step inside the current round (all of them outside loops). */
  #executions(id: string): readonly StepExecution[] {
    const step = this.#state.steps.get(id);
    if (!step) return [];
    return this.#round === undefined
      ? step.executions.toArray()
      : executionsIn(step, this.#round.from, this.#round.to);
  }

  #placedKey(id: string): string {
    return this.#round === undefined ? id : `${id}#${this.#round.number}`;
  }

  #place(id: string) {
    this.#placed.add(id);
    if (this.#round !== undefined) this.#placed.add(this.#placedKey(id));
  }

  /** A row's key: the id itself, with the round from the second on (round 1 keeps the id it had before). */
  #rowKey(id: string): string {
    return this.#round === undefined || this.#round.number === 1 ? id : `${id}#${this.#round.number}`;
  }

  sequence(nodes: readonly WorkflowGraphNode[], prefix: string | undefined, depth: number, scope: Scope) {
    // Whether anything after position i started: a suffix scan, so each node is looked at once.
    const laterStarted = new Array<boolean>(nodes.length).fill(false);
    for (let i = nodes.length - 2; i >= 0; i--) {
      laterStarted[i] = laterStarted[i + 1]! || someStepId(nodes[i + 1]!, prefix, this.#has);
    }
    nodes.forEach((node, i) => {
      this.#node(node, prefix, depth, { later: scope.later || laterStarted[i]!, over: scope.over });
    });
  }

  #node(node: WorkflowGraphNode, prefix: string | undefined, depth: number, scope: Scope, skippable = false) {
    switch (node.kind) {
      case 'step':
        this.#step(node, prefix, depth, scope, skippable);
        return;
      case 'parallel':
      case 'conditional': {
        const conditional = node.kind === 'conditional';
        const taken = node.branches.filter((branch) => someStepId(branch, prefix, this.#has)).length;
        // A branch is decided once another one ran or the run went past the block.
        const decided = conditional && (taken > 0 || scope.later);
        const first = this.#openBlock();
        for (const branch of node.branches) this.#node(branch, prefix, depth + 1, scope, decided);
        this.#block(first, node.kind, node, prefix, depth, scope, { size: node.branches.length, taken });
        return;
      }
      case 'loop':
      case 'foreach': {
        const first = this.#openBlock();
        const bodyId = node.body.kind === 'step' ? join(prefix, node.body.id) : undefined;
        const executions = bodyId === undefined ? [] : this.#executions(bodyId);
        let shown = 0;
        if (node.kind === 'loop' && executions.length > 0) {
          shown = this.#rounds(bodyId!, executions, scope, (roundScope) =>
            this.#node(node.body, prefix, depth + 1, roundScope, skippable),
          );
        } else {
          this.#node(node.body, prefix, depth + 1, scope, skippable);
        }
        this.#block(first, node.kind, node, prefix, depth, scope, {
          loopType: node.kind === 'loop' ? node.loopType : undefined,
          concurrency: node.kind === 'foreach' ? node.concurrency : undefined,
          ...(node.kind === 'loop' ? { ...countRounds(executions), roundsShown: shown } : {}),
          ...(node.kind === 'foreach' && bodyId !== undefined ? foreachItems(this.#record(bodyId)) : {}),
        });
        return;
      }
      default:
        assertNever(node, 'Unexpected graph node');
    }
  }

  /**
   * Draws each round (the latest `maxRounds`) with `draw`, inside that round's window; returns how many.
   * A round that is not the last is over whatever its steps say: the loop went on past it.
   */
  #rounds(
    head: string,
    executions: readonly StepExecution[],
    scope: Scope,
    draw: (scope: Scope) => void,
  ): number {
    const outer = this.#round;
    const from = Math.max(0, executions.length - this.#maxRounds);
    for (let i = from; i < executions.length; i++) {
      const execution = executions[i]!;
      const next = executions[i + 1];
      const number = execution.iteration ?? i + 1;
      this.#round = {
        head,
        number,
        // The first round reaches back to the outer window's start: an inner step timed a little before
        // its container (another clock) still belongs to it. Rounds the server did not keep start nothing.
        from: i === 0 && number === 1 ? outer?.from : execution.startedAt,
        to: next ? next.startedAt : outer?.to,
      };
      draw({ later: scope.later || next !== undefined, over: scope.over || next !== undefined });
    }
    this.#round = outer;
    return executions.length - from;
  }

  #step(
    node: Extract<WorkflowGraphNode, { kind: 'step' }>,
    prefix: string | undefined,
    depth: number,
    scope: Scope,
    skippable: boolean,
  ) {
    const id = join(prefix, node.id);
    const step = this.#record(id);
    this.#place(id);
    const hidden = this.#state.steps.get(id)?.hidden ?? node.hidden;
    if (hidden && !this.#includeHidden) {
      // Its inner steps are hidden with it, but must not be discovered again as steps of no plan.
      if (node.children)
        for (const child of node.children) for (const inner of stepIdsOf(child, id)) this.#place(inner);
      return;
    }
    let planned: PlannedStatus | undefined;
    if (!step) planned = skippable ? 'skipped' : scope.later || scope.over ? 'not-run' : 'pending';
    const index = this.#pushStep(id, node.id, depth, planned, node.canSuspend, step);
    if (node.role === 'workflow') {
      const inner: Scope = {
        later: scope.later,
        // A finished container ran all it will; a skipped one runs nothing.
        over: scope.over || isOver(step) || planned === 'skipped',
      };
      if (node.children) this.sequence(node.children, id, depth + 1, inner);
    } else if (!step) return;
    // A step the graph knows as a plain one may show inner steps in the run (an older graph).
    this.discover(id, depth + 1);
    this.#countInner(index);
  }

  /** Pushes a step's row (see `PlanStepRow`); returns where it stands. */
  #pushStep(
    id: string,
    name: string,
    depth: number,
    planned: PlannedStatus | undefined,
    canSuspend: boolean,
    step: StepState | undefined,
  ): number {
    const round = this.#round;
    return (
      this.rows.push({
        kind: 'step',
        key: this.#rowKey(id),
        stepId: id,
        name,
        depth,
        planned,
        round: round?.number,
        opensRound: round?.head === id,
        execution: round !== undefined ? step?.executions.at(0)?.key : undefined,
        childCount: 0,
        canSuspend,
      }) - 1
    );
  }

  /** Once a step's inner rows follow it, its row counts them. */
  #countInner(index: number) {
    const childCount = this.#countSteps(index + 1);
    if (childCount > 0) this.rows[index] = { ...(this.rows[index] as PlanStepRow), childCount };
  }

  /** Holds a block's place while its inner rows are built; `#setBlock` replaces it. */
  #openBlock(): number {
    return this.rows.push(placeholder) - 1;
  }

  #setBlock(
    first: number,
    kind: PlanBlockRow['kind'],
    firstStepId: string,
    depth: number,
    state: PlanBlockState,
    extra: Partial<PlanBlockRow>,
  ) {
    this.rows[first] = {
      kind,
      key: `${kind}:${this.#rowKey(firstStepId)}`,
      depth,
      size: extra.size ?? 1,
      state,
      taken: extra.taken ?? 0,
      loopType: extra.loopType,
      round: extra.round ?? 0,
      roundsKept: extra.roundsKept ?? 0,
      roundsShown: extra.roundsShown ?? 0,
      concurrency: extra.concurrency,
      items: extra.items,
      iterationsLost: extra.iterationsLost ?? false,
    };
  }

  #block(
    first: number,
    kind: PlanBlockRow['kind'],
    node: WorkflowGraphNode,
    prefix: string | undefined,
    depth: number,
    scope: Scope,
    extra: Partial<PlanBlockRow>,
  ) {
    if (this.rows.length === first + 1) {
      // Nothing visible inside (a foreach over a hidden step): no block either.
      this.rows.splice(first, 1);
      return;
    }
    const ids = stepIdsOf(node, prefix);
    const state = blockState(
      ids.map((id) => this.#record(id)),
      kind === 'conditional' && scope.later,
      scope.later || scope.over,
    );
    this.#setBlock(first, kind, ids[0] ?? String(first), depth, state, extra);
  }

  /** Steps the plan did not place, under `parentId`, as the run shows them (in this round, in a loop). */
  discover(parentId: string | undefined, depth: number) {
    const siblings: StepState[] = [];
    for (const raw of this.#childrenIndex().get(parentId) ?? []) {
      if (this.#placed.has(this.#placedKey(raw.id))) continue;
      const step = this.#round === undefined ? raw : this.#record(raw.id);
      if (step) siblings.push(step);
    }
    for (const group of groupOverlappingSteps(siblings)) {
      const step = group[0]!;
      if (group.length > 1) {
        const first = this.#openBlock();
        for (const member of group) this.#discovered(member, depth + 1);
        this.#setBlock(first, 'parallel', step.id, depth, blockState(group, false, false), {
          size: group.length,
        });
      } else if (isLooped(step)) {
        const first = this.#openBlock();
        const executions = this.#executions(step.id);
        const shown = this.#rounds(step.id, executions, { later: false, over: false }, () => {
          const round = this.#record(step.id);
          if (round) this.#discovered(round, depth + 1);
        });
        this.#setBlock(first, 'loop', step.id, depth, blockState(group, false, false), {
          ...countRounds(executions),
          roundsShown: shown,
        });
      } else {
        this.#discovered(step, depth);
      }
    }
  }

  #discovered(step: StepState, depth: number) {
    this.#place(step.id);
    const index = this.#pushStep(step.id, step.name, depth, undefined, false, step);
    // A step cannot contain itself; the guard only protects against malformed ids.
    if (step.parentId !== step.id) this.discover(step.id, depth + 1);
    this.#countInner(index);
  }

  #countSteps(from: number): number {
    let count = 0;
    for (let i = from; i < this.rows.length; i++) if (this.rows[i]!.kind === 'step') count++;
    return count;
  }

  #childrenIndex(): Map<string | undefined, StepState[]> {
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

/**
 * The executions that started in `[from, to)`. Executions are in start order (one without a start time
 * first), so the window is found by binary search: a loop of 10,000 rounds is not scanned per round.
 */
function executionsIn(
  step: StepState,
  from: number | undefined,
  to: number | undefined,
): readonly StepExecution[] {
  const executions = step.executions;
  if (from === undefined && to === undefined) return executions.toArray();
  const first = from === undefined ? 0 : firstStartAtOrAfter(executions, from);
  const end = to === undefined ? executions.length : firstStartAtOrAfter(executions, to);
  return first === 0 && end === executions.length
    ? executions.toArray()
    : executions.slice(first, Math.max(first, end));
}

function firstStartAtOrAfter(executions: PersistentList<StepExecution>, time: number): number {
  let low = 0;
  let high = executions.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((executions.at(middle)!.startedAt ?? Number.NEGATIVE_INFINITY) < time) low = middle + 1;
    else high = middle;
  }
  return low;
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

/** A foreach's item count and whether its iterations are gone (see `PlanBlockRow.iterationsLost`). */
function foreachItems(step: StepState | undefined): { items: number | undefined; iterationsLost: boolean } {
  if (!step) return { items: undefined, iterationsLost: false };
  const output = Array.isArray(step.output) ? step.output.length : undefined;
  return {
    items: step.progress?.totalCount ?? output,
    iterationsLost: step.progress === undefined && isOver(step) && output !== 0,
  };
}

/** A loop's latest round and how many rounds the state holds. */
function countRounds(executions: readonly StepExecution[]): { round: number; roundsKept: number } {
  let round = 0;
  executions.forEach((execution, index) => {
    round = Math.max(round, execution.iteration ?? index + 1);
  });
  return { round, roundsKept: executions.length };
}

function isLooped(step: StepState): boolean {
  return step.executions.toArray().some((execution) => execution.iteration !== undefined);
}

/** Same rows, field by field: a list re-renders only when its shape changed. */
export function planRowsEqual(a: readonly PlanRow[], b: readonly PlanRow[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!planRowEqual(a[i]!, b[i]!)) return false;
  return true;
}

/** Rows are flat records of plain values, every field always present: compared field by field. */
function planRowEqual(a: PlanRow, b: PlanRow): boolean {
  for (const field in a) {
    if (a[field as keyof PlanRow] !== b[field as keyof PlanRow]) return false;
  }
  return true;
}

/**
 * Drops the rows inside collapsed nested workflows (by row key: the step id, `id#round` for a loop's
 * later rounds, so one round folds alone).
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
    if (row.kind === 'step' && row.childCount > 0 && collapsed.has(row.key)) hideDeeperThan = row.depth;
  }
  return shown;
}

/** A step row's status: what the plan says while it has not run (in this round), else the run's record. */
export function planStepStatus(state: RunState, row: PlanStepRow): StepStatus | PlannedStatus {
  if (row.planned) return row.planned;
  const step = state.steps.get(row.stepId);
  if (row.execution !== undefined) return findStepExecution(step, row.execution)?.status ?? 'pending';
  return step?.status ?? 'pending';
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

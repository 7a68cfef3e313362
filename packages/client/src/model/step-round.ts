import { AppendOnlyList } from '../util/append-only-list';
import { PersistentList } from '../util/persistent-list';
import type { StepExecution, StepState } from './step-state';

/**
 * One execution of a step seen as the step itself: a loop's round drawn as its own row. Its status,
 * payloads and times are that execution's; its `executions` is that execution alone, so receipts,
 * transcripts and durations read from it speak of that round.
 *
 * A round's `writer` output is what the step wrote from the round's start up to the next round's start
 * (Mastra names no execution on a write, but a loop's rounds run one after another). `.foreach()`
 * progress stays with the latest execution only: an earlier round shows none rather than a later round's.
 */

const noWriteCounts: Readonly<Record<string, number>> = Object.freeze({});

/**
 * The execution with `key`, searched from the latest (a loop's rows ask for recent rounds most).
 * @example
 * const round2 = findStepExecution(state.steps.get('editorial-round'), row.execution);
 */
export function findStepExecution(
  step: StepState | undefined,
  key: string | undefined,
): StepExecution | undefined {
  if (!step || key === undefined) return undefined;
  const index = step.executions.findLastIndex((execution) => execution.key === key);
  return index === -1 ? undefined : step.executions.at(index);
}

/**
 * The step as its execution `key` shows it; `undefined` when the step has no such execution. A step of one
 * execution is returned as is.
 *
 * @example
 * const round = stepAtExecution(state.steps.get('brainstorm')!, row.execution!); // round.status, round.output
 */
export function stepAtExecution(step: StepState, key: string): StepState | undefined {
  const execution = findStepExecution(step, key);
  if (!execution) return undefined;
  if (step.executions.length === 1) return step;
  const latest = step.executions.at(-1) === execution;
  const ended = execution.status === 'success' || execution.status === 'bailed';
  return {
    ...step,
    status: execution.status,
    executions: PersistentList.from([execution]),
    input: execution.input,
    output: ended ? execution.output : undefined,
    error: ended ? undefined : execution.error,
    suspendPayload: execution.suspendPayload,
    suspendedChildPath: execution.suspendedChildPath,
    resumePayload: execution.resumePayload,
    startedAt: execution.startedAt,
    endedAt: execution.endedAt,
    suspendedAt: execution.suspendedAt,
    resumedAt: execution.resumedAt,
    progress: latest ? step.progress : undefined,
    writes: roundWrites(step, execution),
    writeCounts: latest ? step.writeCounts : noWriteCounts,
  };
}

/** An earlier round's writes never change once the next round started: built once per execution. */
const earlierRoundWrites = new WeakMap<StepExecution, AppendOnlyList<unknown>>();

/** The step's writes made while `execution` was its latest: from its start up to the next one's. */
function roundWrites(step: StepState, execution: StepExecution): AppendOnlyList<unknown> {
  const { executions, writes } = step;
  const index = executions.findLastIndex((candidate) => candidate === execution);
  const next = executions.at(index + 1);
  const from = Math.min(execution.writesFrom, writes.length);
  if (next === undefined) return from === 0 ? writes : AppendOnlyList.from(writes.slice(from));
  let cached = earlierRoundWrites.get(execution);
  if (cached === undefined) {
    // Its own list, even when empty: a shared one would be appended to (see `AppendOnlyList.empty`).
    cached = AppendOnlyList.from(writes.slice(from, Math.max(from, next.writesFrom)));
    earlierRoundWrites.set(execution, cached);
  }
  return cached;
}

/**
 * Whether two results of `stepAtExecution` show the same thing: a row of an earlier round keeps its
 * render while the loop goes on.
 * @example
 * const round = useRunSelector((run) => view(run), stepRoundsEqual, [id, key]);
 */
export function stepRoundsEqual(a: StepState | undefined, b: StepState | undefined): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  return (
    a.id === b.id &&
    a.hidden === b.hidden &&
    a.executions.length === 1 &&
    b.executions.length === 1 &&
    a.executions.at(0) === b.executions.at(0) &&
    // A round's writes are a range of the step's append-only list: the same length, the same writes.
    (a.writes === b.writes || (a.writes.length === b.writes.length && a.writes.at(-1) === b.writes.at(-1))) &&
    a.progress === b.progress
  );
}

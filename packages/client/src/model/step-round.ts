import { AppendOnlyList } from '../util/append-only-list';
import { PersistentList } from '../util/persistent-list';
import type { StepExecution, StepState } from './step-state';

/**
 * One execution of a step seen as the step itself: a loop's round drawn as its own row. Its status,
 * payloads and times are that execution's; its `executions` is that execution alone, so receipts,
 * transcripts and durations read from it speak of that round.
 *
 * What Mastra does not attribute to an execution (`writer` output, `.foreach()` progress) stays with the
 * latest execution only: an earlier round shows none rather than a later round's.
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
    // Its own empty list: a shared one would be appended to (see `AppendOnlyList.empty`).
    writes: latest ? step.writes : AppendOnlyList.empty(),
    writeCounts: latest ? step.writeCounts : noWriteCounts,
  };
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
    (a.writes === b.writes || (a.writes.length === 0 && b.writes.length === 0)) &&
    a.progress === b.progress
  );
}

import type { RunSnapshot } from './run-event';
import { isTerminalRunStatus } from './run-state';

/**
 * Runs as a list of "my runs" shows them: the active ones (running, waiting, suspended) first, then the
 * newest. Returns a new array.
 * @example
 * const { runs } = await transport.listRuns('content-brief');
 * render(sortRunsActiveFirst(runs));
 */
export function sortRunsActiveFirst(runs: readonly RunSnapshot[]): RunSnapshot[] {
  const finished = (run: RunSnapshot) => (isTerminalRunStatus(run.status) ? 1 : 0);
  return [...runs].sort((a, b) => finished(a) - finished(b) || (b.createdAt ?? 0) - (a.createdAt ?? 0));
}

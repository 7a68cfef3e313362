import {
  createRunState,
  mergeSnapshot,
  normalizeSnapshot,
  type RunSnapshot,
  selectRunOutcome,
} from '@stepline/client';
import { type UseQueryResult, useQuery } from '@tanstack/react-query';

export interface ListedRun {
  readonly run: RunSnapshot & { readonly runId: string; readonly workflowId: string };
  /** How it ended when its status alone would mislead: a rejected brief is a Mastra `success`. */
  readonly outcome: 'rejected' | 'ended-early' | undefined;
}

export interface AllRuns {
  readonly runs: readonly ListedRun[];
  /** Entries that could not be read as a run (left out of `runs`). */
  readonly skipped: number;
}

const pollIntervalMs = 5_000;

/** Runs that wait for a person first, then running ones, then the rest; newest first within each. */
function rank(run: RunSnapshot): number {
  if (run.status === 'suspended') return 0;
  if (run.status === 'running' || run.status === 'waiting' || run.status === 'paused') return 1;
  return 2;
}

/**
 * The runs of every workflow from the example server's `GET /custom/runs`, one request per poll.
 * Mastra 1.71 lists runs per workflow only, so a list over 11 workflows asked 11 times every 5 s; the
 * example server adds one route for all of them (apps/mastra-server/src/all-runs-route.ts). The poll
 * pauses while the tab is hidden (TanStack Query's `refetchIntervalInBackground` is off).
 */
export function useAllRuns(): UseQueryResult<AllRuns> {
  return useQuery({
    queryKey: ['demo', 'all-runs'],
    queryFn: async ({ signal }) => {
      const response = await fetch('/custom/runs?perPage=50', { signal });
      if (!response.ok) throw new Error(`GET /custom/runs answered ${response.status}`);
      const body = (await response.json()) as { runs?: unknown[] };
      const runs: ListedRun[] = [];
      let skipped = 0;
      for (const entry of body.runs ?? []) {
        const snapshot = normalizeSnapshot(entry);
        const { runId, workflowId } = snapshot.ok ? snapshot.value : {};
        if (!snapshot.ok || runId === undefined || workflowId === undefined) {
          skipped += 1;
          continue;
        }
        const run = { ...snapshot.value, runId, workflowId };
        const outcome = selectRunOutcome(mergeSnapshot(createRunState({ runId, workflowId }), run));
        runs.push({ run, outcome });
      }
      runs.sort((a, b) => rank(a.run) - rank(b.run) || (b.run.createdAt ?? 0) - (a.run.createdAt ?? 0));
      return { runs, skipped };
    },
    refetchInterval: pollIntervalMs,
  });
}

import {
  isTerminalRunStatus,
  type ListRunsQuery,
  type RunsList,
  sortRunsActiveFirst,
} from '@stepline/client';
import { type UseQueryResult, useQuery } from '@tanstack/react-query';
import { useSteplineQueryClient } from './use-stepline-query-client';

export const workflowRunsKey = (workflowId: string, query?: ListRunsQuery) =>
  query ? (['stepline', 'runs', workflowId, query] as const) : (['stepline', 'runs', workflowId] as const);

export interface UseWorkflowRunsOptions extends ListRunsQuery {
  /** Re-read the list this often while it holds an active run. Default 5 s; false to stop. */
  readonly refetchIntervalMs?: number | false;
}

/**
 * The runs of a workflow, active ones (running, waiting, suspended) first, then the newest: what a page
 * shows after a reload to find "my runs". Runs that could not be read are left out and listed in `skipped`.
 *
 * @example
 * const { data } = useWorkflowRuns('content-brief');
 * data?.runs.map((run) => <RunLink key={run.runId} run={run} />);
 */
export function useWorkflowRuns(
  workflowId: string,
  options: UseWorkflowRunsOptions = {},
): UseQueryResult<RunsList> {
  const {
    context: { transport },
    queryClient,
  } = useSteplineQueryClient('useWorkflowRuns');
  const { refetchIntervalMs = 5000, ...query } = options;
  return useQuery(
    {
      queryKey: workflowRunsKey(workflowId, query),
      queryFn: async ({ signal }) => {
        const result = await transport.listRuns(workflowId, query, { signal });
        return { ...result, runs: sortRunsActiveFirst(result.runs) };
      },
      refetchInterval: (current) =>
        refetchIntervalMs !== false &&
        current.state.data?.runs.some((run) => !isTerminalRunStatus(run.status))
          ? refetchIntervalMs
          : false,
    },
    queryClient,
  );
}

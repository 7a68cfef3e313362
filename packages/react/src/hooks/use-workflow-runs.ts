import {
  isTerminalRunStatus,
  type ListRunsQuery,
  type RunsAcrossWorkflows,
  type RunsAcrossWorkflowsQuery,
  type RunsList,
  SteplineError,
  sortRunsActiveFirst,
} from '@stepline/client';
import { type UseQueryResult, useQuery } from '@tanstack/react-query';
import { useSteplineQueryClient } from './use-stepline-query-client';

export const workflowRunsKey = (workflowId: string, query?: ListRunsQuery) =>
  query ? (['stepline', 'runs', workflowId, query] as const) : (['stepline', 'runs', workflowId] as const);

/** The key of the runs list across workflows; a started run invalidates it with its workflow's list. */
export const runsAcrossWorkflowsKey = (query?: RunsAcrossWorkflowsQuery) =>
  query
    ? (['stepline', 'runs-across-workflows', query] as const)
    : (['stepline', 'runs-across-workflows'] as const);

export interface UseWorkflowRunsOptions extends ListRunsQuery {
  /** Re-read the list this often while it holds an active run. Default 5 s; false to stop. */
  readonly refetchIntervalMs?: number | false;
}

export interface UseRunsAcrossWorkflowsOptions extends RunsAcrossWorkflowsQuery {
  /** Re-read the list this often while it holds an active run. Default 5 s; false to stop. */
  readonly refetchIntervalMs?: number | false;
}

/**
 * The runs of a workflow, active ones (running, waiting, suspended) first, then the newest: what a page
 * shows after a reload to find "my runs". Runs that could not be read are left out and listed in `skipped`.
 *
 * Without a workflow id: the runs of every workflow the Stepline route serves, in one request per poll
 * (the route asks Mastra per workflow on the server), those that need a decision first, then the newest.
 * A workflow whose list failed is in `failures` (a `SteplineError` each) while the others still show.
 * Needs the provider's `route`: Mastra itself has no list across workflows.
 *
 * @example
 * const { data } = useWorkflowRuns('content-brief');
 * data?.runs.map((run) => <RunLink key={run.runId} run={run} />);
 * const all = useWorkflowRuns({ perPage: 20 }); // every workflow's, through the route
 */
export function useWorkflowRuns(
  workflowId: string,
  options?: UseWorkflowRunsOptions,
): UseQueryResult<RunsList>;
export function useWorkflowRuns(options?: UseRunsAcrossWorkflowsOptions): UseQueryResult<RunsAcrossWorkflows>;
export function useWorkflowRuns(
  workflowOrOptions: string | UseRunsAcrossWorkflowsOptions = {},
  options: UseWorkflowRunsOptions = {},
): UseQueryResult<RunsList | RunsAcrossWorkflows> {
  const {
    context: { transport },
    queryClient,
  } = useSteplineQueryClient('useWorkflowRuns');
  const across = typeof workflowOrOptions !== 'string';
  const { refetchIntervalMs = 5000, ...query } = across ? workflowOrOptions : options;
  return useQuery<RunsList | RunsAcrossWorkflows>(
    {
      queryKey: across ? runsAcrossWorkflowsKey(query) : workflowRunsKey(workflowOrOptions, query),
      queryFn: async ({ signal }) => {
        if (!across) {
          const result = await transport.listRuns(workflowOrOptions, query, { signal });
          return { ...result, runs: sortRunsActiveFirst(result.runs) };
        }
        if (!transport.listRunsAcrossWorkflows) {
          throw new SteplineError(
            'http',
            'useWorkflowRuns() without a workflow id lists through the Stepline route: give <SteplineProvider> a `route` (createSteplineRoute), or name the workflow: useWorkflowRuns(workflowId).',
          );
        }
        // Already in order (needs a decision first, then newest), and paged on the server in that order.
        return transport.listRunsAcrossWorkflows(query, { signal });
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

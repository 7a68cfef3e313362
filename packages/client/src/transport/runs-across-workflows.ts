import { SteplineError, type SteplineErrorCode } from '../util/stepline-error';
import { type HttpClientOptions, sendHttpRequest } from './http-request';
import { readRunsList } from './mastra-http-transport';
import { withDeadline } from './read-deadline';
import type {
  RunsAcrossWorkflows,
  RunsAcrossWorkflowsQuery,
  WorkflowListFailure,
} from './runs-across-workflows-list';

/**
 * Asks the Stepline route for the runs of every workflow it serves, in one request.
 *
 * @example
 * const { runs, failures } = await listRunsThroughRoute({ baseUrl: '/api/stepline', apiPrefix: '' }, { perPage: 20 });
 */
export async function listRunsThroughRoute(
  client: HttpClientOptions,
  query: RunsAcrossWorkflowsQuery = {},
  options: { readonly signal?: AbortSignal; readonly timeoutMs?: number } = {},
): Promise<RunsAcrossWorkflows> {
  const body = await withDeadline(
    options.timeoutMs ?? 15_000,
    'GET /runs',
    options.signal,
    async (signal) => {
      const response = await sendHttpRequest(client, {
        method: 'GET',
        path: '/runs',
        query: {
          page: query.page,
          perPage: query.perPage,
          status: query.status,
          resourceId: query.resourceId,
          workflowId: query.workflowIds?.length ? query.workflowIds.join(',') : undefined,
        },
        signal,
      });
      return response.json() as Promise<unknown>;
    },
  );
  return readRunsAcrossWorkflows(body);
}

const failureCodes: ReadonlySet<string> = new Set<SteplineErrorCode>([
  'network',
  'not-found',
  'auth',
  'http',
  'conflict',
  'aborted',
]);

/**
 * The body of the route's `GET …/runs`: Mastra's run entries (each naming its workflow) and the workflows
 * whose list failed, as typed errors. An entry that cannot be read is left out and reported in `skipped`.
 */
export function readRunsAcrossWorkflows(body: unknown): RunsAcrossWorkflows {
  const record = (body ?? {}) as { page?: unknown; perPage?: unknown; failures?: unknown };
  // Every entry names its workflow (`workflowName`); one that does not cannot be linked, so it is skipped.
  const list = readRunsList('', body);
  const unnamed = list.runs.filter((run) => run.workflowId === '');
  const skipped = [
    ...(list.skipped ?? []),
    ...unnamed.map(
      (run) =>
        new SteplineError('invalid-snapshot', `Run ${run.runId ?? '(no id)'} names no workflow.`, {
          ...(run.runId ? { runId: run.runId } : {}),
        }),
    ),
  ];
  const failures: WorkflowListFailure[] = [];
  for (const raw of Array.isArray(record.failures) ? record.failures : []) {
    const failure = (raw ?? {}) as {
      workflowId?: unknown;
      code?: unknown;
      status?: unknown;
      error?: unknown;
    };
    if (typeof failure.workflowId !== 'string') continue;
    const code =
      typeof failure.code === 'string' && failureCodes.has(failure.code)
        ? (failure.code as SteplineErrorCode)
        : 'http';
    failures.push({
      workflowId: failure.workflowId,
      error: new SteplineError(
        code,
        typeof failure.error === 'string'
          ? failure.error
          : `The runs of ${failure.workflowId} could not be read.`,
        typeof failure.status === 'number' ? { status: failure.status } : {},
      ),
    });
  }
  return {
    runs: list.runs.filter((run) => run.workflowId !== ''),
    total: list.total,
    ...(skipped.length > 0 ? { skipped } : {}),
    page: typeof record.page === 'number' ? record.page : 0,
    perPage: typeof record.perPage === 'number' ? record.perPage : list.runs.length,
    failures,
  };
}

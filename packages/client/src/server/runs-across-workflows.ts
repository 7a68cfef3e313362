import { type HttpClientOptions, sendHttpRequest } from '../transport/http-request';
import { SteplineError, type SteplineErrorCode } from '../util/stepline-error';
import { unwrapRunListEntry } from '../wire/normalize-snapshot';
import { asRecord, toOptionalString, toTimestamp } from '../wire/wire-values';
import { routeError } from './route-error';

/** Largest page the runs list answers: every workflow is asked for up to `(page + 1) * perPage` runs. */
export const maxRunsPerPage = 100;
/** Deepest row a page may reach, so one request cannot make the server read whole tables. */
export const maxRunsWindow = 1_000;
const defaultPerPage = 50;

/** What the browser asks of `GET …/runs`. */
export interface RunsAcrossWorkflowsRequest {
  /** 0-based, as Mastra's own list. */
  readonly page: number;
  readonly perPage: number;
  readonly status: string | undefined;
  readonly resourceId: string | undefined;
  /** `workflowId=a,b` (or repeated): a subset of the route's workflows; empty for all of them. */
  readonly workflowIds: readonly string[];
}

/** A workflow whose list could not be read: said in the answer, the other workflows' runs still listed. */
export interface WorkflowListFailureBody {
  readonly workflowId: string;
  readonly code: SteplineErrorCode;
  readonly status?: number;
  readonly error: string;
}

/** The answer of `GET …/runs`: Mastra's own run entries (as its per-workflow list has them), merged. */
export interface RunsAcrossWorkflowsBody {
  readonly runs: readonly unknown[];
  /** Runs stored for the workflows that answered (the failed ones are not counted). */
  readonly total: number;
  readonly page: number;
  readonly perPage: number;
  readonly failures: readonly WorkflowListFailureBody[];
}

/**
 * Reads the query of `GET …/runs`; a `Response` (400) when it makes no sense.
 *
 * @example
 * readRunsAcrossWorkflowsQuery(new URL('http://app/api/stepline/runs?perPage=20').searchParams);
 */
export function readRunsAcrossWorkflowsQuery(params: URLSearchParams): RunsAcrossWorkflowsRequest | Response {
  const page = readInteger(params.get('page'), 0);
  const perPage = readInteger(params.get('perPage'), defaultPerPage);
  if (page === undefined || page < 0) return routeError(400, 'http', 'page must be a whole number from 0.');
  if (perPage === undefined || perPage < 1 || perPage > maxRunsPerPage) {
    return routeError(400, 'http', `perPage must be a whole number from 1 to ${maxRunsPerPage}.`);
  }
  if ((page + 1) * perPage > maxRunsWindow) {
    return routeError(400, 'http', `(page + 1) * perPage must be at most ${maxRunsWindow}.`);
  }
  return {
    page,
    perPage,
    status: params.get('status') || undefined,
    resourceId: params.get('resourceId') || undefined,
    workflowIds: params
      .getAll('workflowId')
      .flatMap((value) => value.split(','))
      .filter((id) => id !== ''),
  };
}

function readInteger(value: string | null, fallback: number): number | undefined {
  if (value === null || value === '') return fallback;
  const number = Number(value);
  return Number.isInteger(number) ? number : undefined;
}

interface ListedEntry {
  readonly entry: unknown;
  readonly workflowId: string;
  readonly runId: string;
  readonly suspended: boolean;
  readonly createdAt: number;
  /** Where Mastra put it in its answer: the order of runs created in the same millisecond. */
  readonly position: number;
}

interface WorkflowPage {
  readonly entries: readonly ListedEntry[];
  readonly total: number;
}

/**
 * The runs of several workflows as one list: runs that need a decision (suspended) first, then the
 * newest, paged. Mastra 1.71 lists runs per workflow only (`GET /workflows/:id/runs`, newest first), so
 * every workflow is asked in parallel for its newest `(page + 1) * perPage` runs and, unless the query
 * names a status, its suspended ones: whatever the page, each workflow's share of it is in those two
 * answers (a workflow never holds more of the page's suspended runs, nor more of its other runs, than it
 * was asked for). A workflow whose list fails is named in `failures`; the others' runs still come.
 *
 * @example
 * const body = await listRunsAcrossWorkflows(client, ['content-brief', 'refund'], query, { signal, report });
 */
export async function listRunsAcrossWorkflows(
  client: HttpClientOptions,
  workflowIds: readonly string[],
  query: RunsAcrossWorkflowsRequest,
  options: { readonly signal: AbortSignal; readonly report: (error: unknown) => void },
): Promise<RunsAcrossWorkflowsBody> {
  const window = (query.page + 1) * query.perPage;
  const read = async (workflowId: string, status: string | undefined): Promise<WorkflowPage> => {
    const response = await sendHttpRequest(client, {
      method: 'GET',
      path: `/workflows/${encodeURIComponent(workflowId)}/runs`,
      query: { page: 0, perPage: window, status, resourceId: query.resourceId },
      signal: options.signal,
    });
    return readWorkflowPage(workflowId, await response.json());
  };

  const failures: WorkflowListFailureBody[] = [];
  const pages = await Promise.all(
    workflowIds.map(async (workflowId) => {
      try {
        // Without a status filter the suspended ones are asked apart: they go first however old they are.
        const [newest, suspended] = await Promise.all([
          read(workflowId, query.status),
          query.status === undefined ? read(workflowId, 'suspended') : undefined,
        ]);
        return { newest, suspended };
      } catch (error) {
        if (SteplineError.isInstance(error) && error.code === 'aborted') throw error;
        options.report(error);
        failures.push(failureOf(workflowId, error));
        return undefined;
      }
    }),
  );

  const seen = new Set<string>();
  const merged: ListedEntry[] = [];
  let total = 0;
  for (const page of pages) {
    if (!page) continue;
    total += page.newest.total;
    for (const listed of [...(page.suspended?.entries ?? []), ...page.newest.entries]) {
      const key = `${listed.workflowId}\u0000${listed.runId}`;
      if (seen.has(key)) continue;
      seen.add(key);
      merged.push(listed);
    }
  }
  merged.sort(compareListed);
  return {
    runs: merged.slice(query.page * query.perPage, window).map((listed) => listed.entry),
    total,
    page: query.page,
    perPage: query.perPage,
    // In the order of the route's workflows, not of who failed first.
    failures: failures.sort((a, b) => workflowIds.indexOf(a.workflowId) - workflowIds.indexOf(b.workflowId)),
  };
}

/**
 * Needs a decision first, then newest. Runs created in the same millisecond: by workflow id, and in one
 * workflow in Mastra's own order, since each workflow's answer is cut after its first runs in that order
 * (another tie-break would put a run on a page its workflow's answer did not reach, and pages would overlap).
 */
function compareListed(a: ListedEntry, b: ListedEntry): number {
  return (
    Number(b.suspended) - Number(a.suspended) ||
    b.createdAt - a.createdAt ||
    (a.workflowId < b.workflowId ? -1 : a.workflowId > b.workflowId ? 1 : 0) ||
    a.position - b.position
  );
}

function readWorkflowPage(workflowId: string, body: unknown): WorkflowPage {
  const record = (body ?? {}) as { runs?: unknown; total?: unknown };
  const entries: ListedEntry[] = [];
  const runs: unknown[] = Array.isArray(record.runs) ? record.runs : [];
  for (const [position, entry] of runs.entries()) {
    entries.push({ entry, workflowId, ...readListedRunOrder(entry), position });
  }
  return { entries, total: typeof record.total === 'number' ? record.total : entries.length };
}

/**
 * What the list sorts a run by: its id, whether it waits for a decision, and when it was created. Only
 * those fields are read: the entry is passed on as Mastra wrote it and the browser reads it whole, so
 * reading its steps here (every listed run, every poll) would be work proportional to what runs store.
 * An entry without them is kept (the browser reports it) and sorted as the oldest.
 */
export function readListedRunOrder(entry: unknown): {
  readonly runId: string;
  readonly suspended: boolean;
  readonly createdAt: number;
} {
  const state = asRecord(unwrapRunListEntry(entry));
  return {
    runId: toOptionalString(state?.runId) ?? '',
    suspended: state?.status === 'suspended',
    createdAt: toTimestamp(state?.createdAt) ?? 0,
  };
}

function failureOf(workflowId: string, error: unknown): WorkflowListFailureBody {
  if (!SteplineError.isInstance(error)) {
    return { workflowId, code: 'http', error: `The runs of ${workflowId} could not be read.` };
  }
  const status = error.status === undefined ? {} : { status: error.status };
  switch (error.code) {
    case 'not-found':
      return { workflowId, code: 'not-found', ...status, error: `Mastra has no workflow ${workflowId}.` };
    case 'network':
      return { workflowId, code: 'network', error: `Mastra could not be reached for ${workflowId}.` };
    case 'auth':
      return {
        workflowId,
        code: 'auth',
        ...status,
        error: `Mastra refused the route's credentials for ${workflowId}.`,
      };
    default:
      return {
        workflowId,
        code: error.code,
        ...status,
        error: `Mastra answered ${error.status ?? 'with an error'} for the runs of ${workflowId}.`,
      };
  }
}

/** What `handleRunsAcrossWorkflows` needs of the route. */
export interface RunsAcrossWorkflowsContext {
  readonly client: HttpClientOptions;
  /** The route's workflows, in the order failures are listed. */
  readonly workflows: readonly string[];
  /** The route's `authorize`, asked once per workflow with the action `list`. */
  readonly authorize: (workflowId: string) => boolean | Response | Promise<boolean | Response>;
  readonly report: (error: unknown) => void;
}

/**
 * `GET …/runs`: the route's runs list across its workflows. Every workflow is authorized as its own
 * `list`: one the user may not list is left out (as if it did not exist), a `Response` from `authorize`
 * (a 401 to the login page) is sent as is, and a user allowed none gets a 403.
 *
 * @example
 * if (matchRunsAcrossWorkflows(method, pathname, basePath)) return handleRunsAcrossWorkflows(request, context);
 */
export async function handleRunsAcrossWorkflows(
  request: Request,
  context: RunsAcrossWorkflowsContext,
): Promise<Response> {
  const query = readRunsAcrossWorkflowsQuery(new URL(request.url).searchParams);
  if (query instanceof Response) return query;
  const unknown = query.workflowIds.find((id) => !context.workflows.includes(id));
  if (unknown !== undefined) return routeError(404, 'not-found', `No workflow ${unknown}.`);
  const asked = query.workflowIds.length > 0 ? query.workflowIds : context.workflows;

  const verdicts = await Promise.all(asked.map((workflowId) => context.authorize(workflowId)));
  const refusal = verdicts.find((verdict): verdict is Response => verdict instanceof Response);
  if (refusal) return refusal;
  const allowed = asked.filter((_, index) => verdicts[index] === true);
  if (allowed.length === 0 && asked.length > 0)
    return routeError(403, 'auth', 'Not allowed to list these runs.');

  try {
    const body = await listRunsAcrossWorkflows(context.client, allowed, query, {
      signal: request.signal,
      report: context.report,
    });
    return new Response(JSON.stringify(body), {
      status: 200,
      headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' },
    });
  } catch (error) {
    if (SteplineError.isInstance(error) && error.code === 'aborted') {
      return routeError(499, 'aborted', 'The request was aborted.');
    }
    context.report(error);
    return routeError(502, 'http', 'Mastra could not be asked.');
  }
}

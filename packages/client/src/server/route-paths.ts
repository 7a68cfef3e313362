/** What a request through the Stepline route asks for; `authorize` decides on it. */
export type SteplineRouteAction =
  /**
   * `GET …/workflows/:workflowId/runs`: the runs list. `GET …/runs` (the runs of every workflow) asks
   * once per workflow it lists.
   */
  | 'list'
  /** `GET …/workflows/:workflowId`: steps, schemas and step graph. */
  | 'details'
  /** `GET …/workflows/:workflowId/runs/:runId`: the stored run. */
  | 'read'
  /** `GET …/workflows/:workflowId/runs/:runId/events`: the live stream as Server-Sent Events. */
  | 'watch'
  /** `POST …/workflows/:workflowId/create-run` and `…/stream?runId=`: a new run. */
  | 'start'
  /** `POST …/workflows/:workflowId/resume-stream?runId=`. */
  | 'resume'
  /** `POST …/workflows/:workflowId/runs/:runId/cancel`. */
  | 'cancel'
  /** `POST …/workflows/:workflowId/restart?runId=`: a run whose server died goes on from its stored state. */
  | 'restart';

export interface RouteMatch {
  readonly action: SteplineRouteAction;
  readonly method: 'GET' | 'POST';
  /** The Mastra call behind it, below Mastra's `/api`. */
  readonly kind:
    | 'details'
    | 'list'
    | 'read'
    | 'watch'
    | 'create-run'
    | 'stream'
    | 'resume-stream'
    | 'cancel'
    | 'restart';
  readonly workflowId: string;
  readonly runId: string | undefined;
}

const segment = '([^/]+)';
// The paths mirror Mastra's own (runId in the query string where Mastra has it there), so the browser
// side is Stepline's HTTP transport pointed at the route; only `events` is the route's own.
const table: readonly {
  readonly pattern: RegExp;
  readonly method: 'GET' | 'POST';
  readonly kind: RouteMatch['kind'];
  readonly action: SteplineRouteAction;
}[] = [
  { pattern: new RegExp(`workflows/${segment}$`), method: 'GET', kind: 'details', action: 'details' },
  { pattern: new RegExp(`workflows/${segment}/runs$`), method: 'GET', kind: 'list', action: 'list' },
  {
    pattern: new RegExp(`workflows/${segment}/runs/${segment}$`),
    method: 'GET',
    kind: 'read',
    action: 'read',
  },
  {
    pattern: new RegExp(`workflows/${segment}/runs/${segment}/events$`),
    method: 'GET',
    kind: 'watch',
    action: 'watch',
  },
  {
    pattern: new RegExp(`workflows/${segment}/runs/${segment}/cancel$`),
    method: 'POST',
    kind: 'cancel',
    action: 'cancel',
  },
  {
    pattern: new RegExp(`workflows/${segment}/create-run$`),
    method: 'POST',
    kind: 'create-run',
    action: 'start',
  },
  { pattern: new RegExp(`workflows/${segment}/stream$`), method: 'POST', kind: 'stream', action: 'start' },
  {
    pattern: new RegExp(`workflows/${segment}/resume-stream$`),
    method: 'POST',
    kind: 'resume-stream',
    action: 'resume',
  },
  {
    pattern: new RegExp(`workflows/${segment}/restart$`),
    method: 'POST',
    kind: 'restart',
    action: 'restart',
  },
];

export type RouteLookup =
  | { readonly ok: true; readonly match: RouteMatch }
  | { readonly ok: false; readonly status: 404 | 405; readonly allow?: string };

/**
 * Finds what a request path asks for. `path` is what follows the route's base path (`/workflows/…`);
 * without a base path the end of the whole path is matched, which is what a catch-all route
 * (`app/api/stepline/[...path]/route.ts`) sees.
 *
 * @example
 * matchRoute('GET', '/api/stepline/workflows/brief/runs/r1', '/api/stepline');
 * // { ok: true, match: { action: 'read', workflowId: 'brief', runId: 'r1', … } }
 */
export function matchRoute(
  method: string,
  pathname: string,
  basePath: string | undefined,
  runIdQuery: string | null,
): RouteLookup {
  let path = pathname.replace(/\/+$/, '');
  if (basePath !== undefined) {
    const base = basePath.replace(/\/+$/, '');
    if (!path.startsWith(`${base}/`)) return { ok: false, status: 404 };
    path = path.slice(base.length);
  }
  const allowed: string[] = [];
  for (const entry of table) {
    const found = (
      basePath === undefined
        ? new RegExp(`(?:^|/)${entry.pattern.source}`)
        : new RegExp(`^/${entry.pattern.source}`)
    ).exec(path);
    if (!found) continue;
    if (entry.method !== method) {
      allowed.push(entry.method);
      continue;
    }
    const workflowId = decode(found[1]);
    const runId = found[2] === undefined ? runIdQuery || undefined : decode(found[2]);
    if (workflowId === undefined || (found[2] !== undefined && runId === undefined))
      return { ok: false, status: 404 };
    return {
      ok: true,
      match: { action: entry.action, method: entry.method, kind: entry.kind, workflowId, runId },
    };
  }
  return allowed.length > 0
    ? { ok: false, status: 405, allow: [...new Set(allowed)].join(', ') }
    : { ok: false, status: 404 };
}

function decode(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}

/**
 * Whether a request is the runs list across workflows, `GET …/runs`, answered by the route itself (Mastra
 * 1.71 has no such list). Asked only for paths `matchRoute` did not find, since without a base path
 * `…/workflows/:id/runs` ends the same way. `405` for another method.
 *
 * @example
 * matchRunsAcrossWorkflows('GET', '/api/stepline/runs', '/api/stepline'); // true
 */
export function matchRunsAcrossWorkflows(
  method: string,
  pathname: string,
  basePath: string | undefined,
): boolean | 405 {
  const path = pathname.replace(/\/+$/, '');
  const found =
    basePath === undefined ? /(?:^|\/)runs$/.test(path) : path === `${basePath.replace(/\/+$/, '')}/runs`;
  if (!found) return false;
  return method === 'GET' ? true : 405;
}

import { afterEach, describe, expect, it, vi } from 'vitest';
import { SteplineError } from '../util/stepline-error';
import { createMastraHttpTransport } from './mastra-http-transport';
import { createRouteTransport } from './route-transport';

// A browser reports a CORS block to the page only as `TypeError: Failed to fetch` — the same as a dead
// server — so this is a case no server can produce for a Node test: the page is simulated.
const failedFetch = (() => Promise.reject(new TypeError('Failed to fetch'))) as typeof fetch;
/** A live server without CORS headers: the page's request fails, an opaque `no-cors` one goes through. */
const corsBlocked = ((_url: string, init?: RequestInit) =>
  init?.mode === 'no-cors'
    ? Promise.resolve(new Response(null, { status: 200 }))
    : Promise.reject(new TypeError('Failed to fetch'))) as typeof fetch;
const run = { workflowId: 'content-brief', runId: 'r1' };

async function errorOf(promise: Promise<unknown>): Promise<SteplineError> {
  const caught = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  if (!SteplineError.isInstance(caught)) throw new Error('expected a SteplineError');
  return caught;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('a request the browser blocked (CORS)', () => {
  it('is a network error that names CORS and the route as the fix when the page is on another origin', async () => {
    vi.stubGlobal('location', { origin: 'http://localhost:3000', href: 'http://localhost:3000/runs/r1' });
    vi.stubGlobal('document', {});
    const transport = createMastraHttpTransport({ baseUrl: 'http://localhost:4111', fetch: corsBlocked });
    const error = await errorOf(transport.getRun(run));
    expect(error.code).toBe('network');
    expect(error.diagnosis).toBe('cors');
    expect(error.message).toContain('http://localhost:4111');
    expect(error.message).toContain('createSteplineRoute');
  });

  it('is a plain network error for a dead server, on the same origin (the route) and outside a browser', async () => {
    vi.stubGlobal('location', { origin: 'http://localhost:3000', href: 'http://localhost:3000/runs/r1' });
    vi.stubGlobal('document', {});
    const dead = createMastraHttpTransport({ baseUrl: 'http://localhost:4111', fetch: failedFetch });
    expect((await errorOf(dead.getRun(run))).diagnosis).toBeUndefined();
    const sameOrigin = createRouteTransport({ route: '/api/stepline', fetch: failedFetch });
    expect((await errorOf(sameOrigin.getRun(run))).diagnosis).toBeUndefined();
    vi.unstubAllGlobals();
    const server = createMastraHttpTransport({ baseUrl: 'http://localhost:4111', fetch: corsBlocked });
    const error = await errorOf(server.getRun(run));
    expect(error.code).toBe('network');
    expect(error.diagnosis).toBeUndefined();
  });
});

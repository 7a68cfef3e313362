import { createMastraHttpTransport, createRouteTransport, SteplineError } from '@stepline/client';
import { createSteplineRoute } from '@stepline/client/server';
import { createMockMastraFetch, type MastraChunk, mastraEvents } from '@stepline/client/testing';
import { QueryClient } from '@tanstack/react-query';
import { act, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { SteplineProvider } from '../stepline-provider';
import { useStartWorkflowRun } from './use-run-mutations';
import { useWorkflowRuns } from './use-workflow-runs';

// useWorkflowRuns() without a workflow id: every workflow's runs through the Stepline route, one request
// per read. The route runs here over the mock Mastra API; on the real server see
// apps/mastra-server/integration/stepline-route-runs-list.
/** A run stored in the mock Mastra API: one stream segment from workflow start to `end`. */
const storedRun = (
  runId: string,
  workflowId: string,
  at: number,
  steps: readonly MastraChunk[],
  end: MastraChunk,
) => ({
  workflowId,
  runId,
  createdAt: new Date(at),
  segments: [{ events: [mastraEvents.workflowStart(runId, workflowId), ...steps, end] }],
});
const suspended = (runId: string, workflowId: string, at: number) =>
  storedRun(
    runId,
    workflowId,
    at,
    [mastraEvents.stepSuspended('review', { startedAt: at, suspendPayload: { reason: 'Check it' } })],
    mastraEvents.workflowFinish('suspended'),
  );
const finished = (runId: string, workflowId: string, at: number) =>
  storedRun(
    runId,
    workflowId,
    at,
    mastraEvents.step('draft', { startedAt: at, output: { text: 'hi' } }),
    mastraEvents.workflowFinish('success', { result: { text: 'hi' } }),
  );

function routeOverMock(
  runs: NonNullable<Parameters<typeof createMockMastraFetch>[0]>['runs'],
  workflows: string[],
) {
  const mastra = createMockMastraFetch({ runs });
  const route = createSteplineRoute({
    mastra: { url: 'http://mastra.test', fetch: mastra },
    workflows,
    authorize: () => true,
    onError: () => {},
  });
  const asked: string[] = [];
  const fetch = ((input: string | URL | Request, init?: RequestInit) => {
    const request = new Request(new URL(String(input), 'http://app.test'), init);
    asked.push(`${request.method} ${new URL(request.url).pathname}`);
    return route(request);
  }) as typeof globalThis.fetch;
  const transport = createRouteTransport({ route: '/api/stepline', fetch });
  const wrapper = ({ children }: { children?: ReactNode }) => (
    <SteplineProvider transport={transport}>{children}</SteplineProvider>
  );
  return { wrapper, asked, mastra };
}

describe('useWorkflowRuns() across workflows', () => {
  it('lists the runs of several workflows in one request, needs a decision first, then newest', async () => {
    const { wrapper, asked, mastra } = routeOverMock(
      [
        finished('new', 'report', 3000),
        suspended('old', 'approval', 1000),
        finished('mid', 'approval', 2000),
      ],
      ['approval', 'report'],
    );
    // The mock stores what was streamed: create and run each to its end.
    for (const [workflowId, runId] of [
      ['report', 'new'],
      ['approval', 'old'],
      ['approval', 'mid'],
    ] as const) {
      const run = `http://mastra.test/api/workflows/${workflowId}`;
      await mastra(`${run}/create-run?runId=${runId}`, { method: 'POST', body: '{}' });
      await (await mastra(`${run}/stream?runId=${runId}`, { method: 'POST', body: '{}' })).text();
    }
    const { result } = renderHook(() => useWorkflowRuns({ refetchIntervalMs: false }), { wrapper });
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    expect(result.current.data!.runs.map((run) => [run.workflowId, run.runId, run.status])).toEqual([
      ['approval', 'old', 'suspended'],
      ['report', 'new', 'success'],
      ['approval', 'mid', 'success'],
    ]);
    expect(result.current.data!.failures).toEqual([]);
    expect(asked).toEqual(['GET /api/stepline/runs']);
  });

  it('starting a run reads the list across workflows again (the start invalidates it)', async () => {
    const { wrapper, asked } = routeOverMock([suspended('r1', 'approval', 1000)], ['approval']);
    const listReads = () => asked.filter((request) => request === 'GET /api/stepline/runs').length;
    const { result } = renderHook(
      () => ({
        start: useStartWorkflowRun('approval'),
        runs: useWorkflowRuns({ refetchIntervalMs: false }),
      }),
      { wrapper },
    );
    await waitFor(() => expect(result.current.runs.isSuccess).toBe(true));
    expect(listReads()).toBe(1);
    await act(() => result.current.start.mutateAsync({ runId: 'r1', inputData: {} }));
    // No polling here (refetchIntervalMs: false): only the start's invalidation reads the list again.
    await waitFor(() => expect(listReads()).toBe(2));
  });

  it('says what to change when the provider talks to Mastra directly (no route, no list across workflows)', async () => {
    const transport = createMastraHttpTransport({
      baseUrl: 'http://mastra.test',
      fetch: createMockMastraFetch({ runs: [] }),
    });
    const wrapper = ({ children }: { children?: ReactNode }) => (
      <SteplineProvider
        transport={transport}
        queryClient={new QueryClient({ defaultOptions: { queries: { retry: false } } })}
      >
        {children}
      </SteplineProvider>
    );
    const { result } = renderHook(() => useWorkflowRuns(), { wrapper });
    await waitFor(() => expect(result.current.isError).toBe(true));
    expect(SteplineError.isInstance(result.current.error)).toBe(true);
    expect(result.current.error!.message).toContain('route');
  });
});

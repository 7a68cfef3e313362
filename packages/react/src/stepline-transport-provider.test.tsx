import { createRouteTransport, normalizeSnapshot, type RunTransport } from '@stepline/client';
import { renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useWorkflowRun } from './hooks/use-workflow-run';
import { SteplineTransportProvider } from './stepline-transport-provider';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('<SteplineTransportProvider>', () => {
  it('follows a run through the transport it is given, and only through it', async () => {
    const fetched: string[] = [];
    vi.stubGlobal('fetch', async (input: RequestInfo | URL) => {
      fetched.push(String(input));
      return Response.json({ error: 'not through fetch', code: 'not-found' }, { status: 404 });
    });
    const read: string[] = [];
    const route = createRouteTransport({ route: '/unused' });
    const transport: RunTransport = {
      ...route,
      getRun: async (run) => {
        read.push(`${run.workflowId}/${run.runId}`);
        const snapshot = normalizeSnapshot({
          runId: run.runId,
          workflowName: run.workflowId,
          status: 'success',
          steps: { draft: { status: 'success', output: { text: 'hi' }, startedAt: 1, endedAt: 2 } },
          result: { text: 'hi' },
        });
        if (!snapshot.ok) throw snapshot.error;
        return snapshot.value;
      },
      observeRun: async () => {},
    };
    const wrapper = ({ children }: { children?: ReactNode }) => (
      <SteplineTransportProvider transport={transport}>{children}</SteplineTransportProvider>
    );
    const { result } = renderHook(() => useWorkflowRun({ workflowId: 'approval', runId: 'r1' }), { wrapper });
    await waitFor(() => expect(result.current.run.status).toBe('success'));
    expect(read).toContain('approval/r1');
    expect(fetched).toEqual([]);
  });
});

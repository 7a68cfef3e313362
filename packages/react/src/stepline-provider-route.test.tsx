import { renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useWorkflowRun } from './hooks/use-workflow-run';
import { SteplineProvider } from './stepline-provider';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('<SteplineProvider route>', () => {
  it('sends every request to the app route on the same origin, never to Mastra', async () => {
    const urls: string[] = [];
    vi.stubGlobal('fetch', async (input: RequestInfo | URL) => {
      urls.push(String(input));
      return Response.json({
        runId: 'r1',
        workflowName: 'approval',
        status: 'success',
        steps: { draft: { status: 'success', output: { text: 'hi' }, startedAt: 1, endedAt: 2 } },
        result: { text: 'hi' },
      });
    });
    const wrapper = ({ children }: { children?: ReactNode }) => (
      <SteplineProvider route="/api/stepline/">{children}</SteplineProvider>
    );
    const { result } = renderHook(() => useWorkflowRun({ workflowId: 'approval', runId: 'r1' }), { wrapper });
    await waitFor(() => expect(result.current.run.status).toBe('success'));
    expect(result.current.run.steps.get('draft')?.status).toBe('success');
    expect(urls).toContain('/api/stepline/workflows/approval/runs/r1');
    expect(urls.every((url) => url.startsWith('/api/stepline/workflows/'))).toBe(true);
  });
});

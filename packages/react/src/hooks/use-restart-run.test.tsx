import { createMastraHttpTransport } from '@stepline/client';
import { createMockMastraFetch, mastraEvents } from '@stepline/client/testing';
import { act, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { SteplineProvider } from '../stepline-provider';
import { useRestartRun } from './use-run-mutations';

describe('useRestartRun', () => {
  it('sends POST /workflows/:id/restart?runId= for the run, as a mutation', async () => {
    const runId = 'run-1';
    const fetch = createMockMastraFetch({
      runs: [
        {
          workflowId: 'pipeline',
          runId,
          segments: [{ events: [mastraEvents.workflowStart(runId, 'pipeline')] }],
        },
      ],
    });
    const transport = createMastraHttpTransport({ baseUrl: 'http://mastra.test', fetch });
    const wrapper = ({ children }: { children: ReactNode }) => (
      <SteplineProvider transport={transport}>{children}</SteplineProvider>
    );
    const { result } = renderHook(() => useRestartRun({ workflowId: 'pipeline', runId }), { wrapper });
    await act(() => result.current.mutateAsync());
    const restarts = fetch.requests.filter((request) => request.route === 'restart');
    expect(restarts).toHaveLength(1);
    expect(restarts[0]).toMatchObject({ method: 'POST', workflowId: 'pipeline', runId, query: { runId } });
  });
});

import type { WorkflowDetails } from '@stepline/client';
import { QueryClient, QueryClientContext, type UseQueryResult, useQuery } from '@tanstack/react-query';
import { useContext, useState } from 'react';
import { useRunController, useRunSelector } from '../run-scope';

export const workflowDetailsKey = (workflowId: string) => ['stepline', 'workflow', workflowId] as const;

/** The query behind `useWorkflowDetails`, with its loading and error states. */
export function useWorkflowDetailsQuery(): UseQueryResult<WorkflowDetails> {
  const controller = useRunController('useWorkflowDetails');
  const workflowId = useRunSelector((run) => run.workflowId) ?? '';
  // Inside <SteplineProvider> there is always a client; a bare <RunScope> gets its own.
  const outer = useContext(QueryClientContext);
  const [own] = useState(() => (outer ? undefined : new QueryClient()));
  return useQuery(
    {
      queryKey: workflowDetailsKey(workflowId),
      queryFn: () => controller.getWorkflowDetails(),
      enabled: workflowId !== '',
      staleTime: Number.POSITIVE_INFINITY,
      retry: 1,
    },
    outer ?? own,
  );
}

/**
 * The workflow of the run in scope: step descriptions and JSON schemas (`GET /workflows/:id`), read once
 * and shared through React Query. `undefined` until it arrives, on the server, and when it cannot be read
 * (views fall back to step names).
 *
 * @example
 * const details = useWorkflowDetails();
 * const schema = details?.steps['legal-approval']?.resumeSchema;
 */
export function useWorkflowDetails(): WorkflowDetails | undefined {
  return useWorkflowDetailsQuery().data;
}

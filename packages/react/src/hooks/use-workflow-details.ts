import type { WorkflowDetails, WorkflowDetailsState } from '@stepline/client';
import { useEffect, useSyncExternalStore } from 'react';
import { useRunController } from '../run-scope';

/**
 * The workflow of the run in scope, with its loading and error states (`status`: `pending`, `success`,
 * `error`). Read once per workflow by the client (shared by every run of it under one provider), not
 * through React Query: a view that only shows runs ships no query library. Nothing is read on the server.
 *
 * @example
 * const details = useWorkflowDetailsQuery();
 * if (details.status === 'error') return <p>Schemas unavailable: {details.error.message}</p>;
 */
export function useWorkflowDetailsQuery(): WorkflowDetailsState {
  const controller = useRunController('useWorkflowDetails');
  const store = controller.workflowDetails;
  const state = useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
  useEffect(() => {
    // Shown through `status: 'error'`; a later mount tries again.
    if (store.getSnapshot().status !== 'success') store.load().catch(() => {});
  }, [store]);
  return state;
}

/**
 * The workflow of the run in scope: step descriptions and JSON schemas (`GET /workflows/:id`), read once
 * and shared. `undefined` until it arrives, on the server, and when it cannot be read (views fall back to
 * step names).
 *
 * @example
 * const details = useWorkflowDetails();
 * const schema = details?.steps['legal-approval']?.resumeSchema;
 */
export function useWorkflowDetails(): WorkflowDetails | undefined {
  return useWorkflowDetailsQuery().data;
}

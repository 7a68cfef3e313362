import type { ConnectionState, ResumeInput, RunController, RunSnapshot } from '@stepline/client';
import { useCallback, useEffect, useSyncExternalStore } from 'react';
import { usePageFrames } from '../page-frames';
import { useSteplineContext } from '../stepline-context';
import type { AnyWorkflowTypes, TypedResumeInput, TypedRunState, WorkflowTypes } from '../workflow-types';

export interface UseWorkflowRunOptions {
  readonly workflowId: string;
  readonly runId: string;
  /**
   * The run as the server rendered it (a `RunSnapshot`, or the body of `GET /workflows/:id/runs/:runId`):
   * shown at once, on the server and on the first client render, then the view goes live.
   */
  readonly initialSnapshot?: RunSnapshot | unknown;
  /** Set false to show the run without watching it (e.g. an inactive tab). Default true. */
  readonly enabled?: boolean;
}

export interface UseWorkflowRunResult<W extends WorkflowTypes = AnyWorkflowTypes> {
  /** The run; the same object until something changed. */
  readonly run: TypedRunState<W>;
  /** How the client is connected, apart from the run's own status. */
  readonly connection: ConnectionState;
  /**
   * Resume a suspended step; see `RunController.resume`. Not checked against the resume schema here
   * unless the provider has `runOptions={{ validateResume: validateJsonSchema }}` (Mastra checks it);
   * `useResumeStep` and the approval card check it before sending.
   */
  readonly resume: (input: TypedResumeInput<W>) => Promise<TypedRunState<W>>;
  readonly cancel: () => Promise<void>;
  /** Stop watching; the run goes on on the server. */
  readonly detach: () => void;
  readonly controller: RunController;
}

/**
 * Follows a run: its state, the connection, and the actions. Every component that uses the same run
 * shares one connection. Safe to render on the server: nothing is fetched until the component mounts.
 *
 * Pass the workflow's types (written by hand or `InferWorkflowTypes` from its zod schemas) to get typed
 * step outputs, suspend payloads and resume data.
 *
 * @example
 * function RunStatus({ runId }: { runId: string }) {
 *   const { run, connection } = useWorkflowRun({ workflowId: 'content-brief', runId });
 *   return <p>{run.status} ({connection.status})</p>;
 * }
 */
export function useWorkflowRun<W extends WorkflowTypes = AnyWorkflowTypes>(
  options: UseWorkflowRunOptions,
): UseWorkflowRunResult<W> {
  const { controllers } = useSteplineContext('useWorkflowRun');
  const { workflowId, runId, initialSnapshot, enabled = true } = options;
  const controller = controllers.get(workflowId, runId, { initialSnapshot });

  useEffect(() => {
    if (!enabled) return;
    return controllers.retain(controller);
  }, [controllers, controller, enabled]);

  // The stores deliver through the client's frame lane: at most one commit per frame, a status at once.
  usePageFrames();
  const run = useSyncExternalStore(
    controller.store.subscribe,
    controller.store.getSnapshot,
    controller.store.getSnapshot,
  );
  const connection = useSyncExternalStore(
    controller.connection.subscribe,
    controller.connection.getSnapshot,
    controller.connection.getSnapshot,
  );
  const resume = useCallback(
    (input: TypedResumeInput<W>) => controller.resume(input as ResumeInput) as Promise<TypedRunState<W>>,
    [controller],
  );
  const cancel = useCallback(() => controller.cancel(), [controller]);
  const detach = useCallback(() => controller.detach(), [controller]);
  // The state is the client's; the workflow types only narrow what its payloads are.
  return { run: run as TypedRunState<W>, connection, resume, cancel, detach, controller };
}

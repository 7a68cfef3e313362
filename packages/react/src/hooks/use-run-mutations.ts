import { type ResumeInput, type RunState, type StartRunInput, validateJsonSchema } from '@stepline/client';
import { type UseMutationResult, useMutation } from '@tanstack/react-query';
import { useSteplineQueryClient } from './use-stepline-query-client';
import { runsAcrossWorkflowsKey, workflowRunsKey } from './use-workflow-runs';

export interface StartedRun {
  readonly workflowId: string;
  readonly runId: string;
}

/**
 * Starts a run as a mutation (pending, error and retry states from TanStack Query). The run is created and
 * started; show it with `useWorkflowRun({ workflowId, runId })`, which joins the same connection.
 *
 * @example
 * const start = useStartWorkflowRun('content-brief');
 * <button onClick={() => start.mutate({ inputData: { topic } })} disabled={start.isPending}>Start</button>
 */
export function useStartWorkflowRun(
  workflowId: string,
): UseMutationResult<StartedRun, Error, StartRunInput & { readonly runId?: string }> {
  const {
    context: { controllers },
    queryClient,
  } = useSteplineQueryClient('useStartWorkflowRun');
  return useMutation(
    {
      mutationKey: ['stepline', 'start', workflowId],
      mutationFn: async (input) => {
        // The id is chosen here so the run's controller exists before the run does: views that mount while
        // it starts join its stream instead of opening another.
        const runId = input.runId ?? newRunId();
        const controller = controllers.get(workflowId, runId);
        await controller.start({ ...input, runId });
        // The view that shows the new run finds the stream still open.
        controllers.handOff(controller);
        return { workflowId, runId };
      },
      onSuccess: () =>
        Promise.all([
          queryClient.invalidateQueries({ queryKey: workflowRunsKey(workflowId) }),
          queryClient.invalidateQueries({ queryKey: runsAcrossWorkflowsKey() }),
        ]),
    },
    queryClient,
  );
}

/**
 * Resumes a suspended step of a run as a mutation. Data is checked against the step's resume schema first
 * (a `SteplineError` with code `validation` and `issues`), and two submits send one request.
 *
 * @example
 * const resume = useResumeStep({ workflowId, runId });
 * resume.mutate({ step: 'editorial-round.review', resumeData: { decision: 'approve' } });
 */
export function useResumeStep(run: StartedRun): UseMutationResult<RunState, Error, ResumeInput> {
  const {
    context: { controllers },
    queryClient,
  } = useSteplineQueryClient('useResumeStep');
  return useMutation(
    {
      mutationKey: ['stepline', 'resume', run.workflowId, run.runId],
      mutationFn: (input) =>
        controllers.get(run.workflowId, run.runId).resume(input, { validate: validateJsonSchema }),
    },
    queryClient,
  );
}

/**
 * Cancels a run as a mutation; `connection.cancelling` of `useWorkflowRun` stays true until the server
 * confirms.
 * @example
 * const cancel = useCancelRun({ workflowId, runId });
 * <button onClick={() => cancel.mutate()}>Cancel</button>
 */
export function useCancelRun(run: StartedRun): UseMutationResult<void, Error, void> {
  const {
    context: { controllers },
    queryClient,
  } = useSteplineQueryClient('useCancelRun');
  return useMutation(
    {
      mutationKey: ['stepline', 'cancel', run.workflowId, run.runId],
      mutationFn: () => controllers.get(run.workflowId, run.runId).cancel(),
    },
    queryClient,
  );
}

/**
 * Restarts a run whose server died (`connection.stalled` of `useWorkflowRun`) as a mutation: the server
 * goes on from the run's last stored state, and the run's view follows it. `connection.restarting` stays
 * true until the server answers.
 * @example
 * const restart = useRestartRun({ workflowId, runId });
 * {connection.stalled && <button onClick={() => restart.mutate()}>Restart</button>}
 */
export function useRestartRun(run: StartedRun): UseMutationResult<void, Error, void> {
  const {
    context: { controllers },
    queryClient,
  } = useSteplineQueryClient('useRestartRun');
  return useMutation(
    {
      mutationKey: ['stepline', 'restart', run.workflowId, run.runId],
      mutationFn: () => controllers.get(run.workflowId, run.runId).restart(),
    },
    queryClient,
  );
}

function newRunId(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return `run-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

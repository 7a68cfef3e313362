import type { RunState } from '@stepline/client';

/**
 * What a person sees of a run, and what the server's snapshot can tell: run status and result, and for
 * each step its status, output and error. Loop iterations before the last and call ids are left out
 * because a Mastra snapshot keeps neither.
 */
export function projectRun(state: RunState) {
  const steps: Record<string, { status: string; output: unknown; error: string | undefined }> = {};
  for (const id of state.stepIds) {
    const step = state.steps.get(id)!;
    steps[id] = { status: step.status, output: step.output, error: step.error?.message };
  }
  return { status: state.status, result: state.result, steps };
}

import { useStartWorkflowRun, WorkflowRun, type WorkflowRunProps } from '@stepline/react';
import { type ComponentType, useEffect, useRef, useState } from 'react';
import { type ScenarioName, scenarioEntry } from '../replay/fixtures';
import type { ReplayOptions } from '../replay/replay-server';

export type ReplayedRunProps = Omit<WorkflowRunProps, 'workflowId' | 'runId'> & {
  readonly scenario: ScenarioName;
  /** Start the run (create-run + stream) on mount, as an app does after a "Start" click. Default true. */
  readonly start?: boolean;
  /** Show the run with your own parts instead of `<WorkflowRun>` (headless stories). */
  readonly view?: ComponentType<{ readonly workflowId: string; readonly runId: string }>;
};

/**
 * `<WorkflowRun>` on a recorded run: it starts the run with the recorded input (the replay answers with
 * the recorded stream), or, with `start={false}`, opens the run as it already is on the server.
 */
export function ReplayedRun({ scenario, start = true, view: View, ...props }: ReplayedRunProps) {
  const entry = scenarioEntry(scenario);
  const starter = useStartWorkflowRun(entry.workflowId);
  const [started, setStarted] = useState(!start);
  const [error, setError] = useState<string | undefined>(undefined);
  const once = useRef(false);

  useEffect(() => {
    if (!start || once.current) return;
    once.current = true;
    const input = entry.segments[0]?.request.body as { inputData?: unknown } | undefined;
    starter
      .mutateAsync({ runId: entry.runId, inputData: input?.inputData })
      .then(() => setStarted(true))
      .catch((caught: unknown) => setError(caught instanceof Error ? caught.message : String(caught)));
  }, [start, entry, starter]);

  return (
    <div className="replay">
      <p className="replay__caption">
        Replaying <code>fixtures/recorded/{entry.name}</code>: {entry.description}
      </p>
      {error !== undefined ? (
        <p role="alert">Could not start the run: {error}</p>
      ) : !started ? (
        <p className="replay__starting">Starting the run…</p>
      ) : View ? (
        <View workflowId={entry.workflowId} runId={entry.runId} />
      ) : (
        <WorkflowRun workflowId={entry.workflowId} runId={entry.runId} {...props} />
      )}
    </div>
  );
}

/** The args the replay stories pass on to `<WorkflowRun>`. */
export type ReplayStoryArgs = Pick<WorkflowRunProps, 'unstyled' | 'title' | 'showHiddenSteps'>;

/** Controls for the `<WorkflowRun>` props the replay stories pass on. */
export const replayArgTypes = {
  unstyled: { control: 'boolean', description: 'Drop the `stepline-theme` class (no default styles).' },
  showHiddenSteps: { control: 'boolean', description: "Show Mastra's own `.map()` / `.sleep()` steps." },
  title: { control: 'text', description: 'The heading (default: the workflow id).' },
} as const;

/** A meta `render` for stories whose `parameters.replay` says what to replay. */
export function renderReplay(args: ReplayStoryArgs, { parameters }: { parameters: Record<string, unknown> }) {
  const replay = parameters.replay as ReplayOptions;
  return <ReplayedRun scenario={replay.scenario} start={(replay.from ?? 'start') === 'start'} {...args} />;
}

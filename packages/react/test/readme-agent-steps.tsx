// README.md, "Agent steps": the snippet verbatim between the markers, in a module that compiles and
// renders (readme-agent-steps.test.tsx compares the two, so the README cannot drift from what runs).
import { WorkflowRun } from '../src/components/workflow-run';
import { useStepTranscript } from '../src/hooks/use-step-transcript';

/** Stands in for the app's markdown renderer: Stepline bundles none. */
function Markdown({ children }: { children: string }) {
  return <div data-testid="markdown">{children}</div>;
}

export function ReadmeAgentSteps({ runId }: { runId: string }) {
  return (
    // README agent-steps start
    // biome-ignore format: the README's layout
    <WorkflowRun workflowId="agent-story" runId={runId}
      renderAgentOutput={({ transcripts, defaultContent }) =>
        transcripts.length > 0 ? <Markdown>{transcripts.at(-1)!.text}</Markdown> : defaultContent}>
      <Answer />
    </WorkflowRun>
    // README agent-steps end
  );
}

// README agent-steps start
// biome-ignore format: the README's layout
function Answer() {                      // inside <WorkflowRun> or <RunScope>
  const { text, streaming } = useStepTranscript('story-writer');
  return <p aria-busy={streaming}>{text}</p>;
}
// README agent-steps end

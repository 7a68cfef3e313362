import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { detailsOnlyTransport, recordedSnapshotBody, scenario } from '../test/render-helpers';

// Regression: the provider wrapped everything in a QueryClientProvider and the workflow's details went
// through `useQuery`, so a page that only shows a run shipped all of React Query (~10 kB gzip). Now only
// the runs list and the mutations import it: loading it here fails the test.
vi.mock('@tanstack/react-query', () => {
  throw new Error('@tanstack/react-query was imported by a view that only shows a run');
});

afterEach(cleanup);

describe('a view that only shows a run', () => {
  it('renders <WorkflowRun> with its approval card and the workflow details without React Query', async () => {
    const { SteplineProvider } = await import('./stepline-provider');
    const { WorkflowRun } = await import('./components/workflow-run');
    const { workflowId, runId } = scenario('content-brief-approve');
    const { transport } = detailsOnlyTransport(workflowId);
    render(
      <SteplineProvider transport={transport}>
        <WorkflowRun
          workflowId={workflowId}
          runId={runId}
          enabled={false}
          initialSnapshot={recordedSnapshotBody('content-brief-approve', 'suspended')}
        />
      </SteplineProvider>,
    );
    // The workflow's details (read by the client, not a query cache) name the step and give the form its
    // schema: the decision's answers as buttons.
    const card = await screen.findByRole('article', { name: /Approval needed: Editorial review/ });
    expect(await within(card).findByRole('button', { name: 'Approve' })).toBeTruthy();
  });
});

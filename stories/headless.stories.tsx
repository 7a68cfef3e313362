import type { JsonSchema } from '@stepline/client';
import { readWorkflowDetails } from '@stepline/client/wire';
import {
  ApprovalCard,
  formDecision,
  quickDecisions,
  RunHeader,
  RunScope,
  RunTimeline,
  SchemaForm,
  StepAgentOutput,
  stepDetails,
  useTimelineGroups,
  useWorkflowRun,
} from '@stepline/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { loadSnapshot, loadWorkflowDetails, type ScenarioName } from './replay/fixtures';
import type { ReplayOptions } from './replay/replay-server';
import { expectNoAxeViolations } from './support/play-helpers';
import { ReplayedRun } from './support/replayed-run';
import { SnapshotScope } from './support/snapshot-scope';

/**
 * The headless parts on their own: `RunTimeline.Root/Step/Group`, `RunHeader`, `ApprovalCard` and
 * `SchemaForm`. Finished states come straight from recorded snapshots (no network); the approval card
 * runs against the msw replay so that sending it really resumes the recorded run.
 */
type Args = {
  /** What the standalone `SchemaForm` stories submit to (a spy, shown in the Actions panel). */
  readonly onSubmit: (value: unknown) => unknown;
};

const meta: Meta<Args> = {
  title: 'Headless parts',
  args: { onSubmit: fn() },
};
export default meta;

type Story = StoryObj<Args>;

const slow = { timeout: 15_000 };

function snapshotLoader(scenario: ScenarioName, moment: string) {
  return async () => ({ snapshot: await loadSnapshot(scenario, moment) });
}

async function resumeSchema(workflowId: string, stepId: string): Promise<JsonSchema> {
  const details = readWorkflowDetails(workflowId, await loadWorkflowDetails(workflowId));
  const schema = details.steps[stepId]?.resumeSchema;
  if (!schema) throw new Error(`${workflowId} has no resume schema for ${stepId}`);
  return schema;
}

/**
 * A finished revise loop as a page opened afterwards sees it: the plan from the workflow's graph, the
 * editorial loop as a loop (not "Ran in parallel"), and the honest note that Mastra kept only the last
 * round.
 */
export const TimelineFromSnapshot: Story = {
  name: 'RunTimeline.Root: recorded revise loop, after a reload',
  loaders: [snapshotLoader('content-brief-revise-loop', 'final')],
  render: (_args, { loaded }) => (
    <SnapshotScope workflowId="content-brief" snapshot={loaded.snapshot}>
      <RunTimeline.Root
        details={stepDetails}
        agentOutput={StepAgentOutput}
        aria-label="Content brief steps"
      />
    </SnapshotScope>
  ),
  play: async ({ canvasElement }) => {
    const list = await within(canvasElement).findByRole('list', { name: 'Content brief steps' });
    await expect(list).toBeInTheDocument();
    await waitFor(() =>
      expect(canvasElement.querySelector('[data-step-id="publish"]')).toHaveAttribute(
        'data-status',
        'success',
      ),
    );
    // Drawn on the workflow's graph once its details arrive (a `dountil` loop).
    const loop = await waitFor(() => {
      const found = canvasElement.querySelector('li.stepline-block[data-kind="loop"]');
      if (!found?.textContent?.includes('until')) throw new Error('no loop block from the graph yet');
      return found;
    });
    await expect(loop).toHaveTextContent('Repeated until its condition holds · 2 rounds');
    await expect(loop).toHaveTextContent('Earlier rounds are not kept by the server');
    // Only the last round is stored: it is drawn as round 2, not as round 1.
    await expect(
      [...canvasElement.querySelectorAll('.stepline-step__round')].map((round) => round.textContent),
    ).toEqual(['Round 2']);
    await expect(canvasElement.querySelectorAll('li.stepline-block[data-kind="parallel"]')).toHaveLength(1);
    await expectNoAxeViolations(canvasElement);
  },
};

/** Before anything ran: every step of the workflow is there from the start, dimmed. */
export const TimelinePlanBeforeRun: Story = {
  name: 'RunTimeline.Root: the plan before the run starts',
  render: () => (
    <SnapshotScope
      workflowId="kitchen-sink"
      snapshot={{
        runId: 'not-started',
        workflowName: 'kitchen-sink',
        status: 'pending',
        steps: {},
        serializedStepGraph: [],
      }}
    >
      <RunTimeline.Root details={stepDetails} agentOutput={StepAgentOutput} />
    </SnapshotScope>
  ),
  play: async ({ canvasElement }) => {
    await waitFor(() =>
      expect(canvasElement.querySelectorAll('li.stepline-step[data-planned="pending"]')).toHaveLength(11),
    );
    await expect(canvasElement.querySelector('li.stepline-block[data-kind="conditional"]')).toHaveTextContent(
      'Branch · one of 2 branches',
    );
    await expectNoAxeViolations(canvasElement);
  },
};

/**
 * The inspector: a step's name opens its error, output and input as JSON trees (fold, copy, colours, no
 * wrapping inside strings): beside the list on a wide screen, a sheet on a phone. Escape returns to the row.
 */
export const TimelineInspector: Story = {
  name: 'RunTimeline.Root: inspector on a failed step',
  loaders: [snapshotLoader('always-fails', 'final')],
  render: (_args, { loaded }) => (
    <SnapshotScope workflowId="always-fails" snapshot={loaded.snapshot}>
      <RunTimeline.Root details={stepDetails} agentOutput={StepAgentOutput} />
    </SnapshotScope>
  ),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await waitFor(() =>
      expect(canvasElement.querySelector('[data-step-id="ship-order"]')).toHaveAttribute(
        'data-planned',
        'not-run',
      ),
    );
    // The step that failed the run is open from the start.
    const open = await canvas.findByRole('button', { name: 'Charge the card' });
    await waitFor(() => expect(open).toHaveAttribute('aria-pressed', 'true'));
    const inspector = await canvas.findByRole('complementary', { name: 'Charge the card' });
    await expect(within(inspector).getByRole('heading', { name: 'Error' })).toBeInTheDocument();
    // The JSON tree is a lazy chunk: found once its code is there.
    await expect(await within(inspector).findByText('"Card declined for order-7"')).toBeInTheDocument();
    await expect(inspector).toBeVisible();
    const fold = within(inspector).getAllByRole('button', { name: 'Fold' })[0]!;
    await userEvent.click(fold);
    await expect(fold).toHaveAttribute('aria-expanded', 'false');
    await expectNoAxeViolations(canvasElement);
    await userEvent.keyboard('{Escape}');
    await expect(canvas.queryByRole('complementary')).not.toBeInTheDocument();
    await expect(open).toHaveFocus();
    // And by keyboard again: Enter on the name opens it, with focus on its title.
    await userEvent.keyboard('{Enter}');
    await expect(await canvas.findByRole('heading', { name: 'Charge the card' })).toHaveFocus();
  },
};

/**
 * The timeline on its own, as a page that imports nothing else draws it: rows only. Without `details`
 * (from `@stepline/react/inspector`) a step's name is text, not a button, and no inspector opens, not
 * even on the step that failed the run; the failing row says the error itself.
 */
export const TimelineRowsOnly: Story = {
  name: 'RunTimeline.Root: rows only (no inspector, no agent answers)',
  loaders: [snapshotLoader('always-fails', 'final')],
  render: (_args, { loaded }) => (
    <SnapshotScope workflowId="always-fails" snapshot={loaded.snapshot}>
      <RunTimeline.Root aria-label="Order steps" />
    </SnapshotScope>
  ),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await canvas.findByRole('list', { name: 'Order steps' });
    await waitFor(() =>
      expect(canvasElement.querySelector('[data-step-id="ship-order"]')).toHaveAttribute(
        'data-planned',
        'not-run',
      ),
    );
    const failed = canvasElement.querySelector('[data-step-id="charge-card"]');
    await expect(failed).toHaveAttribute('data-status', 'failed');
    await expect(failed).toHaveTextContent('Charge the card');
    // With no inspector and no failure line above it, the row says why: nowhere else would.
    await expect(failed).toHaveTextContent('Card declined for order-7');
    await expect(canvas.queryByRole('button', { name: 'Charge the card' })).not.toBeInTheDocument();
    await expect(canvas.queryByRole('complementary')).not.toBeInTheDocument();
    await expectNoAxeViolations(canvasElement);
  },
};

/** Opening one parallel branch in the inspector leaves its siblings as they were. */
export const TimelineInspectParallelBranch: Story = {
  name: 'RunTimeline.Root: inspect one parallel branch',
  loaders: [snapshotLoader('content-brief-approve', 'final')],
  render: (_args, { loaded }) => (
    <SnapshotScope workflowId="content-brief" snapshot={loaded.snapshot}>
      <RunTimeline.Root details={stepDetails} agentOutput={StepAgentOutput} />
    </SnapshotScope>
  ),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const sibling = () =>
      canvasElement
        .querySelector<HTMLElement>('[data-step-id="research-competitors"]')!
        .getBoundingClientRect();
    await canvas.findByRole('button', { name: 'Collect sources' });
    const before = sibling();
    await userEvent.click(canvas.getByRole('button', { name: 'Collect sources' }));
    await canvas.findByRole('complementary', { name: 'Collect sources' });
    const after = sibling();
    await expect(after.height).toBe(before.height);
    await expectNoAxeViolations(canvasElement);
  },
};

/** Branch, nested workflow, sleeps and a foreach, with Mastra's own `.map()`/`.sleep()` steps shown. */
export const TimelineKitchenSink: Story = {
  name: 'RunTimeline.Root: kitchen sink, hidden steps shown',
  loaders: [snapshotLoader('kitchen-sink', 'final')],
  render: (_args, { loaded }) => (
    <SnapshotScope workflowId="kitchen-sink" snapshot={loaded.snapshot}>
      <RunTimeline.Root details={stepDetails} agentOutput={StepAgentOutput} showHiddenSteps />
    </SnapshotScope>
  ),
  play: async ({ canvasElement }) => {
    // Read from the stored run: the foreach's count comes from its output, and its lost iterations are said.
    const foreach = await waitFor(() => {
      const found = canvasElement.querySelector('li.stepline-block[data-kind="foreach"]');
      if (!found?.textContent?.includes('5 items')) throw new Error('no foreach count yet');
      return found;
    });
    await expect(foreach).toHaveTextContent('Ran for each of 5 items · 2 at a time');
    await expect(foreach).toHaveTextContent('Its iterations are not kept by the server, only the result');
    await expectNoAxeViolations(canvasElement);
  },
};

function OwnComposition() {
  const groups = useTimelineGroups();
  return (
    <RunTimeline.Root details={stepDetails} agentOutput={StepAgentOutput} aria-label="My steps">
      {groups.map((ids) =>
        ids.length > 1 ? (
          <RunTimeline.Group key={ids[0]} stepIds={ids} label="Research, side by side" />
        ) : (
          <RunTimeline.Step key={ids[0]} id={ids[0]!}>
            {({ label, status }) => (
              <span>
                <strong>{label}</strong> — {status.label}
              </span>
            )}
          </RunTimeline.Step>
        ),
      )}
    </RunTimeline.Root>
  );
}

/** Your own composition of `RunTimeline.Step` and `.Group` from `useTimelineGroups()`. */
export const TimelineComposed: Story = {
  name: 'RunTimeline.Step / Group: own composition',
  loaders: [snapshotLoader('content-brief-approve', 'suspended')],
  render: (_args, { loaded }) => (
    <SnapshotScope workflowId="content-brief" snapshot={loaded.snapshot}>
      <OwnComposition />
    </SnapshotScope>
  ),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByText('Research, side by side')).toBeInTheDocument();
    await expectNoAxeViolations(canvasElement);
  },
};

/**
 * `RunHeader` for a few recorded end states (status in words, elapsed time, connection). Each sits in the
 * run's own section, as in a page: a `<header>` outside one is the page's banner, and three are two too
 * many (axe: landmark-no-duplicate-banner).
 */
export const Headers: Story = {
  name: 'RunHeader: recorded states',
  loaders: [
    async () => ({
      suspended: await loadSnapshot('content-brief-approve', 'suspended'),
      failed: await loadSnapshot('always-fails', 'final'),
      canceled: await loadSnapshot('cancel-mid-run', 'final'),
    }),
  ],
  render: (_args, { loaded }) => (
    <div style={{ display: 'grid', gap: '1rem' }}>
      <section aria-label="A content brief waiting for an editor">
        <SnapshotScope workflowId="content-brief" snapshot={loaded.suspended}>
          <RunHeader title="Waiting for an editor" showCancel={false} />
        </SnapshotScope>
      </section>
      <section aria-label="A failed run">
        <SnapshotScope workflowId="always-fails" snapshot={loaded.failed}>
          <RunHeader title="Failed" />
        </SnapshotScope>
      </section>
      <section aria-label="A canceled run">
        <SnapshotScope workflowId="slow-pipeline" snapshot={loaded.canceled}>
          <RunHeader title="Canceled" />
        </SnapshotScope>
      </section>
    </div>
  ),
};

function LegalApproval({ workflowId, runId }: { workflowId: string; runId: string }) {
  const { controller } = useWorkflowRun({ workflowId, runId });
  return (
    <RunScope controller={controller}>
      <div className="stepline-theme">
        <ApprovalCard stepId="legal-approval" headingLevel={2} />
      </div>
    </RunScope>
  );
}

/**
 * One `ApprovalCard` with its form generated from the step's real resume schema: the `approved`
 * question as Approve / Reject buttons, and a required `approver`. Approving resumes the recorded run;
 * the card leaves once the step is resumed.
 */
export const ApprovalCardLive: Story = {
  name: 'ApprovalCard: legal sign-off',
  parameters: { replay: { scenario: 'parallel-approvals', from: 335 } satisfies ReplayOptions },
  render: () => <ReplayedRun scenario="parallel-approvals" start={false} view={LegalApproval} />,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const card = await canvas.findByRole('article', { name: /Approval needed: Legal sign-off/ }, slow);
    // The form is a lazy chunk: a run opened while it waits may show the card a moment before its form.
    await userEvent.click(await within(card).findByRole('button', { name: 'Approve' }, slow));
    await expect(await within(card).findByText('Approver is required')).toBeVisible();
    await expectNoAxeViolations(canvasElement);

    await userEvent.type(within(card).getByLabelText(/Approver/), 'lee@legal');
    await userEvent.click(within(card).getByRole('button', { name: 'Approve' }));
    await waitFor(() => expect(card).not.toBeInTheDocument(), slow);
  },
};

/** The same card straight from a snapshot, without a server: the form, the reason, the shortcuts. */
export const ApprovalCardFromSnapshot: Story = {
  name: 'ApprovalCard: editorial review (snapshot)',
  loaders: [snapshotLoader('content-brief-approve', 'suspended')],
  render: (_args, { loaded }) => (
    <SnapshotScope workflowId="content-brief" snapshot={loaded.snapshot}>
      <ApprovalCard stepId="editorial-round.review" />
    </SnapshotScope>
  ),
  play: async ({ canvasElement }) => {
    const card = await within(canvasElement).findByRole('article', { name: /Editorial review/ }, slow);
    await within(card).findByRole('button', { name: 'Approve' }, slow);
    await expect(within(card).getByRole('button', { name: 'Request changes' })).toBeInTheDocument();
    await expectNoAxeViolations(canvasElement);
  },
};

/**
 * `SchemaForm` alone, on the editorial review's recorded resume schema with `decision={formDecision(schema)}`:
 * the required `decision` is the form's three buttons, `notes` a field; Enter answers nothing.
 */
export const SchemaFormEditorialReview: Story = {
  name: 'SchemaForm: editorial review schema',
  loaders: [async () => ({ schema: await resumeSchema('content-brief', 'editorial-round.review') })],
  render: (args, { loaded }) => (
    <div className="stepline-theme">
      <SchemaForm
        schema={loaded.schema}
        decision={formDecision(loaded.schema)}
        aria-label="Review the brief"
        onSubmit={args.onSubmit}
      />
    </div>
  ),
  play: async ({ args, canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.queryByRole('radio')).not.toBeInTheDocument();
    await userEvent.type(canvas.getByLabelText(/Notes/), 'Tighten the intro');
    await userEvent.click(canvas.getByRole('button', { name: 'Approve' }));
    await waitFor(() =>
      expect(args.onSubmit).toHaveBeenCalledWith({ decision: 'approve', notes: 'Tighten the intro' }),
    );
  },
};

/** The parallel approvals' schema with the approver known in advance: shortcuts appear. */
export const SchemaFormWithBase: Story = {
  name: 'SchemaForm: legal sign-off, approver known',
  loaders: [async () => ({ schema: await resumeSchema('parallel-approvals', 'legal-approval') })],
  render: (args, { loaded }) => (
    <div className="stepline-theme">
      <SchemaForm
        schema={loaded.schema}
        defaultValue={{ approver: 'ada@legal' }}
        quickActions={quickDecisions(loaded.schema, { base: { approver: 'ada@legal' } })}
        aria-label="Legal sign-off"
        onSubmit={args.onSubmit}
      />
    </div>
  ),
  play: async ({ args, canvasElement }) => {
    await userEvent.click(within(canvasElement).getByRole('button', { name: 'Reject' }));
    await waitFor(() =>
      expect(args.onSubmit).toHaveBeenCalledWith({ approved: false, approver: 'ada@legal' }),
    );
  },
};

/** Your own view on `useWorkflowRun` + `RunScope`, live on a replay: `RunHeader` and a timeline. */
export const LiveComposition: Story = {
  name: 'RunHeader + RunTimeline: live replay',
  parameters: { replay: { scenario: 'kitchen-sink' } satisfies ReplayOptions },
  render: () => <ReplayedRun scenario="kitchen-sink" view={HeaderAndTimeline} />,
  play: async ({ canvasElement }) => {
    await waitFor(
      () => expect(canvasElement.querySelector('.stepline-header')).toHaveAttribute('data-status', 'success'),
      slow,
    );
  },
};

function HeaderAndTimeline({ workflowId, runId }: { workflowId: string; runId: string }) {
  const { controller } = useWorkflowRun({ workflowId, runId });
  return (
    <RunScope controller={controller}>
      <div className="stepline-theme" style={{ display: 'grid', gap: '1rem' }}>
        <RunHeader title="Kitchen sink" headingLevel={2} />
        <RunTimeline.Root details={stepDetails} agentOutput={StepAgentOutput} />
      </div>
    </RunScope>
  );
}

import {
  type JsonSchema,
  type RunState,
  type StepState,
  selectSuspendedSteps,
  type WorkflowDetails,
  withoutWorkflowMeta,
} from '@stepline/client';
import { type ReactNode, useCallback, useEffect, useId, useMemo, useRef } from 'react';
import { useRunConnection } from '../hooks/use-run-connection';
import { useWorkflowDetails, useWorkflowDetailsQuery } from '../hooks/use-workflow-details';
import { useRunController, useRunSelector, useRunStep } from '../run-scope';
import { lazyPart, useLazyPart, useLazyPartFailure } from './lazy-part';
import { PayloadContent } from './payload-content';
import { type StepLabels, useStepLabeler } from './step-labels';
import { WaitingSince } from './waiting-since';

/** What a `renderApproval` function gets for one suspended step. */
export interface ApprovalRenderProps {
  readonly step: StepState;
  readonly label: string;
  /** The suspend payload's `reason` (or `message`), when it has one. */
  readonly reason: string | undefined;
  /** The rest of the suspend payload. */
  readonly details: unknown;
  /** The step's resume schema; `undefined` while the workflow is loading or when the step has none. */
  readonly resumeSchema: JsonSchema | undefined;
  /** The step's suspend schema (titles for the payload's fields), when known. */
  readonly suspendSchema: JsonSchema | undefined;
  /** The workflow could not be read (yet): the schema is unknown. */
  readonly schemaStatus: 'loading' | 'ready' | 'unavailable';
  /** Resumes this step with `resumeData` (checked against the schema first; sent once). */
  readonly resume: (resumeData: unknown) => Promise<RunState>;
  /** A resume of this step is in flight. */
  readonly resuming: boolean;
}

export type RenderApproval = (props: ApprovalRenderProps) => ReactNode;

/** Splits a suspend payload into the sentence to show and the rest. */
export function approvalReason(payload: unknown): { reason: string | undefined; details: unknown } {
  const cleaned = withoutWorkflowMeta(payload);
  if (typeof cleaned === 'string') return { reason: cleaned, details: undefined };
  if (typeof cleaned !== 'object' || cleaned === null || Array.isArray(cleaned)) {
    return { reason: undefined, details: cleaned };
  }
  const record = cleaned as Record<string, unknown>;
  const key =
    typeof record.reason === 'string' ? 'reason' : typeof record.message === 'string' ? 'message' : undefined;
  if (key === undefined)
    return { reason: undefined, details: Object.keys(record).length > 0 ? record : undefined };
  const { [key]: reason, ...rest } = record;
  return { reason: reason as string, details: Object.keys(rest).length > 0 ? rest : undefined };
}

/** Everything an approval needs about one step; shared by the default card and `renderApproval`. */
function useApproval(stepId: string, stepLabels: StepLabels | undefined): ApprovalRenderProps | undefined {
  const controller = useRunController('ApprovalCard');
  const step = useRunStep(stepId);
  const labelOf = useStepLabeler(stepLabels);
  const detailsQuery = useWorkflowDetailsQuery();
  const resuming = useRunConnection((connection) => connection.resuming.includes(stepId));
  const resume = useCallback(
    // Checked against the resume schema first, with the checker of the form's lazily loaded chunk.
    async (resumeData: unknown) =>
      controller.resume(
        { step: stepId, resumeData },
        { validate: (await approvalForm.preload()).validateJsonSchema },
      ),
    [controller, stepId],
  );
  if (!step) return undefined;
  const { reason, details } = approvalReason(step.suspendPayload);
  const data: WorkflowDetails | undefined = detailsQuery.data;
  return {
    step,
    label: labelOf(step),
    reason,
    details,
    resumeSchema: data?.steps[stepId]?.resumeSchema,
    suspendSchema: data?.steps[stepId]?.suspendSchema,
    schemaStatus: data ? 'ready' : detailsQuery.status === 'error' ? 'unavailable' : 'loading',
    resume,
    resuming,
  };
}

export interface ApprovalCardProps {
  /** The suspended step (full id, `outer.inner` for a nested step). */
  readonly stepId: string;
  readonly stepLabels?: StepLabels;
  /**
   * The submit button's text when the resume schema asks no yes/no or pick-one question (a question is
   * answered by its own buttons: "Approve", "Request changes", "Reject"). Default "Send".
   */
  readonly submitLabel?: ReactNode;
  /** Heading level of the card's title. Default 3. */
  readonly headingLevel?: 2 | 3 | 4 | 5 | 6;
  readonly className?: string;
}

/**
 * An approval request: how long it has waited, the step's suspend payload as content (its `reason` or
 * `message` as the lead sentence, the other fields under their titles, text as text), and a form
 * generated from the step's resume schema. When the schema asks one question (a required boolean such as
 * `approved`, or an enum such as `decision`) the answers are the form's buttons, named by the schema
 * ("Approve", "Request changes", "Reject"): nothing is ever sent without pressing one. Submitting resumes
 * this step only. Renders nothing once the step is not suspended.
 *
 * @example
 * <ApprovalCard stepId="legal-approval" />
 */
export function ApprovalCard({
  stepId,
  stepLabels,
  submitLabel = 'Send',
  headingLevel = 3,
  className,
}: ApprovalCardProps) {
  const approval = useApproval(stepId, stepLabels);
  const titleId = useId();
  if (approval?.step.status !== 'suspended') return null;
  const Heading = `h${headingLevel}` as const;
  return (
    <article
      className={className ? `stepline-approval ${className}` : 'stepline-approval'}
      aria-labelledby={titleId}
      data-status={approval.step.status}
      data-step-id={stepId}
      data-resuming={approval.resuming ? 'true' : undefined}
    >
      <Heading className="stepline-approval__title" id={titleId} tabIndex={-1}>
        <span className="stepline-approval__icon" aria-hidden="true">
          ‖
        </span>{' '}
        Approval needed: {approval.label}
      </Heading>
      <p className="stepline-approval__since">
        <WaitingSince since={approval.step.suspendedAt} />
      </p>
      {approval.reason !== undefined && <p className="stepline-approval__reason">{approval.reason}</p>}
      <PayloadContent
        className="stepline-approval__payload"
        value={approval.details}
        schema={approval.suspendSchema}
      />
      <ApprovalForm approval={approval} submitLabel={submitLabel} />
      {approval.resuming && (
        <p className="stepline-approval__pending" data-pending="true">
          Sending…
        </p>
      )}
    </article>
  );
}

function ApprovalForm({ approval, submitLabel }: { approval: ApprovalRenderProps; submitLabel: ReactNode }) {
  // The form waits for the workflow's details anyway (never there on the server), so loading its code
  // in the meantime shows nothing new: the same line until both are there.
  if (approval.schemaStatus === 'loading') return <FormLoading />;
  return <LoadedApprovalForm approval={approval} submitLabel={submitLabel} />;
}

function FormLoading() {
  return <p className="stepline-approval__loading">Loading the form…</p>;
}

function LoadedApprovalForm(props: { approval: ApprovalRenderProps; submitLabel: ReactNode }) {
  // The loading line until the chunk is there, then the form for good (nothing typed is ever dropped:
  // a loaded part stays loaded). No Suspense boundary, as for the timeline's lazy parts.
  const loaded = useLazyPart(approvalForm);
  const failure = useLazyPartFailure(approvalForm);
  if (loaded) return <loaded.ApprovalForm {...props} />;
  // The form's code did not arrive: said so, with a way to try again, not "Loading" for ever while the
  // run waits for this very decision.
  if (failure !== undefined) {
    return (
      <p className="stepline-approval__failed" role="alert">
        The form could not be loaded.{' '}
        <button
          type="button"
          className="stepline-button"
          onClick={() => approvalForm.preload().catch(() => {})}
        >
          Try again
        </button>
      </p>
    );
  }
  return <FormLoading />;
}

// The schema form and its checks are most of the approval code and only needed once a run waits for a
// person: a separate chunk, fetched when the workflow turns out to have such steps (`RunApprovals`).
const approvalForm = /* @__PURE__ */ lazyPart(() => import('./approval-form'));

export interface RunApprovalsProps {
  readonly stepLabels?: StepLabels;
  /** Draw each approval yourself; the default is an `ApprovalCard`. */
  readonly renderApproval?: RenderApproval;
  /** Move focus to an approval that appears while the run is shown, unless the user is typing. Default true. */
  readonly focusNewApprovals?: boolean;
  readonly submitLabel?: ReactNode;
  readonly headingLevel?: 2 | 3 | 4 | 5 | 6;
  readonly className?: string;
}

/**
 * One approval card per suspended step (parallel approvals give several, each resumed on its own). A card
 * leaves as soon as its step is no longer suspended, wherever it was resumed. When a new approval appears
 * focus moves to it, unless the user is typing in a field.
 *
 * @example
 * <RunApprovals renderApproval={({ label, resume }) => <MyCard title={label} onApprove={() => resume({ approved: true })} />} />
 */
export function RunApprovals({
  stepLabels,
  renderApproval,
  focusNewApprovals = true,
  submitLabel,
  headingLevel,
  className,
}: RunApprovalsProps) {
  // Keyed by the suspension too: a step that suspends again (the next round of a review loop) gets a
  // fresh card, not the previous round's form with its typed notes.
  const cardKeys = useRunSelector(
    (run) => selectSuspendedSteps(run).map((step) => `${step.id}\u0000${step.suspendedAt ?? ''}`),
    keysEqual,
  );
  const stepIds = useMemo(() => cardKeys.map((key) => key.slice(0, key.indexOf('\u0000'))), [cardKeys]);
  // The form's code is fetched as soon as the workflow shows steps that wait for a person, so a card that
  // appears later draws its form at once.
  const details = useWorkflowDetails();
  const asksPeople =
    stepIds.length > 0 ||
    (details !== undefined && Object.values(details.steps).some((step) => step.resumeSchema !== undefined));
  useEffect(() => {
    if (asksPeople) approvalForm.preload().catch(() => {});
  }, [asksPeople]);
  const items = useRef(new Map<string, HTMLElement>());
  const known = useRef<Set<string> | undefined>(undefined);
  /** The run's view around the cards, kept after the last card left (for focus to go somewhere useful). */
  const scope = useRef<Element | null>(null);
  // Approvals in the first picture of the run (a waiting run opened by its URL) are not "new": focus is
  // left where the page put it, with no focus box drawn on load.
  const loaded = useRunSelector((run) => run.stepIds.length > 0);
  /** The approval that holds focus, so focus is not dropped on the page when that card leaves. */
  const focusedStep = useRef<string | undefined>(undefined);

  useEffect(() => {
    if (!loaded) return;
    const previous = known.current;
    known.current = new Set(stepIds);
    if (!previous || !focusNewApprovals) return;
    const left = focusedStep.current !== undefined && !stepIds.includes(focusedStep.current);
    if (left) focusedStep.current = undefined;
    const fresh = stepIds.find((id) => !previous.has(id));
    if (fresh !== undefined && !isTyping()) {
      focusApproval(items.current.get(fresh));
    } else if (left && focusIsLost()) {
      // The card the user was in was answered (here or elsewhere): go on to the next one, or, after the
      // last, to the run's heading, whose status says what happens now.
      if (stepIds.length > 0) focusApproval(items.current.get(stepIds[0]!));
      else focusRunHeading(scope.current);
    }
  }, [stepIds, focusNewApprovals, loaded]);

  if (stepIds.length === 0) return null;
  return (
    <div
      className={className ? `stepline-approvals ${className}` : 'stepline-approvals'}
      data-count={stepIds.length}
    >
      {stepIds.map((id, index) => (
        // biome-ignore lint/a11y/noStaticElementInteractions: focus is only observed here, to keep it on a card
        <div
          key={cardKeys[index]}
          className="stepline-approvals__item"
          data-step-id={id}
          onFocus={() => {
            focusedStep.current = id;
          }}
          onBlur={(event) => {
            const next = event.relatedTarget as Node | null;
            if (next && !event.currentTarget.contains(next) && focusedStep.current === id) {
              focusedStep.current = undefined;
            }
          }}
          ref={(element) => {
            if (element) {
              items.current.set(id, element);
              scope.current =
                element.closest('.stepline-run') ?? element.parentElement?.parentElement ?? null;
            } else items.current.delete(id);
          }}
        >
          {renderApproval ? (
            <CustomApproval stepId={id} stepLabels={stepLabels} render={renderApproval} />
          ) : (
            <ApprovalCard
              stepId={id}
              stepLabels={stepLabels}
              {...(submitLabel === undefined ? {} : { submitLabel })}
              {...(headingLevel === undefined ? {} : { headingLevel })}
            />
          )}
        </div>
      ))}
    </div>
  );
}

function CustomApproval({
  stepId,
  stepLabels,
  render,
}: {
  stepId: string;
  stepLabels: StepLabels | undefined;
  render: RenderApproval;
}) {
  const approval = useApproval(stepId, stepLabels);
  if (approval?.step.status !== 'suspended') return null;
  return <>{render(approval)}</>;
}

/** Moves focus to an approval's heading (or the approval itself), scrolling it into view. */
function focusApproval(item: HTMLElement | undefined): void {
  if (!item) return;
  const target = item.querySelector<HTMLElement>('h1,h2,h3,h4,h5,h6,[data-stepline-focus]') ?? item;
  if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
  target.focus({ preventScroll: true });
  if (typeof target.scrollIntoView === 'function') {
    const reduce =
      typeof window.matchMedia === 'function' &&
      window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    target.scrollIntoView({ block: 'nearest', behavior: reduce ? 'auto' : 'smooth' });
  }
}

/** The run's heading (`RunHeader` marks it) in the view around the approvals. */
function focusRunHeading(scope: Element | null): void {
  const heading = scope?.querySelector<HTMLElement>('[data-stepline-run-heading]');
  if (!heading) return;
  if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
  heading.focus({ preventScroll: true });
}

function focusIsLost(): boolean {
  return (
    typeof document !== 'undefined' && (!document.activeElement || document.activeElement === document.body)
  );
}

/** The user is typing somewhere: focus must not be taken away. */
function isTyping(): boolean {
  if (typeof document === 'undefined') return false;
  const active = document.activeElement as HTMLElement | null;
  if (!active || active === document.body) return false;
  if (active.isContentEditable) return true;
  const tag = active.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT';
}

function keysEqual(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((key, i) => key === b[i]);
}

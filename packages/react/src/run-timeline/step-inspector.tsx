import { type StepState, stepAtExecution, stepHistoryMissing, stepRoundsEqual } from '@stepline/client';
import { type ReactNode, useEffect, useId, useRef } from 'react';
import { JsonTree } from '../components/json-tree';
import { StatusBadge } from '../components/status-badge';
import { visuallyHidden } from '../components/visually-hidden';
import { type InspectorStore, useInspectedStep } from './inspector-store';
import { StepWrites } from './step-writes';
import { useTimelineConfig } from './timeline-context';
import { useRunDerived } from './use-run-plan';

/**
 * The inspected step's error, approval request, decision, output, input, `writer` output and rounds, as
 * JSON trees: a side panel beside the list on wide screens, a sheet from the bottom on phones (the
 * stylesheet decides). Escape or Close returns focus to the step's row. In the timeline's lazy
 * chunk with the JSON tree (step-details.ts), loaded by `LazyStepInspector`.
 */
export function StepInspector({
  store,
  renderInspector,
}: {
  store: InspectorStore;
  renderInspector?: ((step: StepState) => ReactNode) | undefined;
}) {
  const selected = useInspectedStep(store);
  // A loop's round is inspected as that round: its input, output and decision, not the latest round's.
  const step = useRunDerived(
    (run) => {
      const whole = selected === undefined ? undefined : run.steps.get(selected.stepId);
      if (!whole || selected?.execution === undefined) return whole;
      return stepAtExecution(whole, selected.execution) ?? whole;
    },
    [selected],
    stepRoundsEqual,
  );
  const { labelOf } = useTimelineConfig();
  const historyMissing = useRunDerived(
    (run) => selected !== undefined && stepHistoryMissing(run, selected.stepId),
    [selected],
  );
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (selected !== undefined && store.wantsFocus()) headingRef.current?.focus();
  }, [selected, store]);
  if (selected === undefined || !step) return null;
  const label = selected.round === undefined ? labelOf(step) : `${labelOf(step)} · Round ${selected.round}`;
  const close = () => {
    store.select(undefined);
    const row = document.querySelector<HTMLElement>(
      `[data-row-key="${CSS.escape(selected.rowKey)}"] .stepline-step__open`,
    );
    row?.focus();
  };
  return (
    <aside
      className="stepline-inspector"
      // Inside the run's <section> an <aside> is no landmark unless it says so.
      // biome-ignore lint/a11y/noRedundantRoles: not redundant inside a section
      role="complementary"
      aria-labelledby={headingId}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.stopPropagation();
          close();
        }
      }}
    >
      <div className="stepline-inspector__head">
        <h3 className="stepline-inspector__title" id={headingId} ref={headingRef} tabIndex={-1}>
          {label}
        </h3>
        <StatusBadge status={step.status} />
        <button type="button" className="stepline-link stepline-inspector__close" onClick={close}>
          Close
          <span className="stepline-sr-only" style={visuallyHidden}>
            {' '}
            the details of {label}
          </span>
        </button>
      </div>
      <div className="stepline-inspector__body">
        {step.error !== undefined && <JsonTree label="Error" value={step.error} />}
        {step.suspendPayload !== undefined && (
          <JsonTree label="Approval request" value={step.suspendPayload} />
        )}
        {step.resumePayload !== undefined && <JsonTree label="Resume data" value={step.resumePayload} />}
        {step.output !== undefined && <JsonTree label="Output" value={step.output} />}
        {step.input !== undefined && <JsonTree label="Input" value={step.input} openDepth={1} />}
        {historyMissing && (
          <p className="stepline-inspector__note">
            Output written while it ran (<code>writer</code>) is not kept by the server: this page read the
            stored run, which holds each step’s result only.
          </p>
        )}
        {step.writes.length > 0 && (
          <section className="stepline-inspector__section" aria-label={`Written by ${label}`}>
            <h4 className="stepline-json__label">Written while running</h4>
            <StepWrites writes={step.writes} label={label} />
          </section>
        )}
        {step.executions.length > 1 &&
          step.executions
            .toArray()
            .map((execution, index) =>
              execution.output === undefined && execution.error === undefined ? null : (
                <JsonTree
                  key={execution.key}
                  label={`Round ${execution.iteration ?? index + 1}: ${execution.error ? 'error' : 'output'}`}
                  value={execution.error ?? execution.output}
                  openDepth={0}
                />
              ),
            )}
        {renderInspector?.(step)}
      </div>
    </aside>
  );
}

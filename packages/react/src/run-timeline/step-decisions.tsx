import { type StepDecision, type StepState, selectStepDecisions } from '@stepline/client';
import type { ReactNode } from 'react';
import { useClockFormats } from '../components/clock-formats';
import { formatClockTime } from '../components/clock-time';

/**
 * The receipts of a step a person answered, one per round, oldest first: "Changes requested by Ada ·
 * 10:42 — “Add a cost table”", then "Approved · 10:44". Read from each round's resume data
 * (`selectStepDecisions`), so a review loop keeps every answer and its notes.
 *
 * @example
 * {step.resumePayload !== undefined && <StepDecisions step={step} />}
 */
export function StepDecisions({ step }: { readonly step: StepState }): ReactNode {
  // After hydration, and once the clock's formats are ready: no locale data loaded inside a commit.
  const clockReady = useClockFormats();
  const receipts = selectStepDecisions(step);
  if (receipts.length === 0) return null;
  const rounds = receipts.length > 1;
  return (
    // Paragraphs, not a nested list: the rows' own list stays the only list of steps.
    <div className="stepline-decisions">
      {receipts.map((receipt) => (
        <p
          key={receipt.executionKey}
          className="stepline-decision"
          data-tone={receipt.tone}
          data-decision={receipt.value === undefined ? undefined : String(receipt.value)}
        >
          <span className="stepline-decision__icon" aria-hidden="true">
            {receipt.tone === 'positive' ? '✓' : receipt.tone === 'negative' ? '⊘' : '↺'}
          </span>
          {rounds && <span className="stepline-decision__round">Round {receipt.round}: </span>}
          <span className="stepline-decision__label">{receipt.label}</span>
          {receipt.by !== undefined && <span className="stepline-decision__by"> by {receipt.by}</span>}
          <DecisionTime receipt={receipt} clockReady={clockReady} />
          {receipt.notes !== undefined && <q className="stepline-decision__notes">{receipt.notes}</q>}
        </p>
      ))}
    </div>
  );
}

/** When it was decided (the payload's own time, else the resume), in the reader's time zone. */
function DecisionTime({ receipt, clockReady }: { receipt: StepDecision; clockReady: boolean }) {
  const at = receipt.at ?? receipt.resumedAt;
  if (at === undefined || !clockReady) return null;
  return (
    <>
      {' · '}
      <time className="stepline-decision__at" dateTime={new Date(at).toISOString()}>
        {formatClockTime(at)}
      </time>
    </>
  );
}

import type { StepExecution } from '@stepline/client';
import { lazy, Suspense, useId, useState } from 'react';
import { visuallyHidden } from '../components/visually-hidden';
import { preloadStepDetails, stepDetails } from './lazy-step-details';

// A step's rounds are drawn only once a person opens them: their rows (and the JSON trees of their
// payloads) are in the timeline's lazy chunk, fetched when the toggle is pointed at, focused or pressed.
const RoundsChunk = /* @__PURE__ */ lazy(() =>
  stepDetails.preload().then((module) => ({ default: module.StepIterationRows })),
);

export function StepIterations({
  executions,
  label,
}: {
  executions: readonly StepExecution[];
  label: string;
}) {
  const [open, setOpen] = useState(false);
  const listId = useId();
  return (
    <div className="stepline-iterations" data-state={open ? 'open' : 'closed'}>
      <button
        type="button"
        className="stepline-link stepline-iterations__toggle"
        aria-expanded={open}
        aria-controls={listId}
        onPointerEnter={preloadStepDetails}
        onFocus={preloadStepDetails}
        onClick={() => setOpen((current) => !current)}
      >
        {open ? 'Hide' : 'Show'} {executions.length} rounds
        <span className="stepline-sr-only" style={visuallyHidden}>
          {' '}
          of {label}
        </span>
      </button>
      <ol className="stepline-iterations__list" id={listId} hidden={!open} aria-label={`Rounds of ${label}`}>
        {open && <IterationRows executions={executions} />}
      </ol>
    </div>
  );
}

function IterationRows({ executions }: { executions: readonly StepExecution[] }) {
  // Chosen once per opening: switching from the lazy element to the loaded one would remount the rows.
  const [loaded] = useState(stepDetails.get);
  if (loaded) return <loaded.StepIterationRows executions={executions} />;
  return (
    <Suspense
      fallback={
        <li className="stepline-iteration" aria-busy="true">
          Loading the rounds…
        </li>
      }
    >
      <RoundsChunk executions={executions} />
    </Suspense>
  );
}

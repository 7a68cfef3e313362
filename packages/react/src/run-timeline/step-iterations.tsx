import type { StepExecution } from '@stepline/client';
import { useId, useState } from 'react';
import { useLazyPart } from '../components/lazy-part';
import { visuallyHidden } from '../components/visually-hidden';
import { preloadStepDetails, stepDetails } from './lazy-step-details';

// A step's rounds are drawn only once a person opens them: their rows (and the JSON trees of their
// payloads) are in the timeline's lazy chunk, fetched when the toggle is pointed at, focused or pressed.

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
  // The same loader as the inspector's (no Suspense boundary): a stand-in row until the chunk is there.
  const loaded = useLazyPart(stepDetails);
  if (loaded) return <loaded.StepIterationRows executions={executions} />;
  return (
    <li className="stepline-iteration" aria-busy="true">
      Loading the rounds…
    </li>
  );
}

import type { StepState } from '@stepline/client';
import { useCallback, useRef } from 'react';
import { useWorkflowDetails } from '../hooks/use-workflow-details';
import { humanizeStepName } from './format';

/** Labels by full step id (`outer.inner` for nested steps), e.g. `{ 'legal-approval': 'Legal sign-off' }`. */
export type StepLabels = Readonly<Record<string, string>>;

export type StepLabeler = (step: Pick<StepState, 'id' | 'name'>) => string;

/**
 * A step's human label: your `stepLabels`, else the workflow's step description, else the step name made
 * readable (`research-sources` → `Research sources`).
 * @example
 * const labelOf = useStepLabeler({ publish: 'Publish to the CMS' });
 * labelOf(step);
 */
export function useStepLabeler(stepLabels?: StepLabels): StepLabeler {
  const details = useWorkflowDetails();
  const labels = useShallowStable(stepLabels);
  return useCallback(
    (step) => {
      const given = labels?.[step.id];
      if (given !== undefined) return given;
      const description = details?.steps[step.id]?.description?.trim();
      return description ? description : humanizeStepName(step.name);
    },
    [labels, details],
  );
}

/** The same object for as long as its entries are the same, so `stepLabels={{…}}` inline is fine. */
export function useShallowStable<T extends Readonly<Record<string, unknown>> | undefined>(value: T): T {
  const ref = useRef(value);
  if (!shallowEqual(ref.current, value)) ref.current = value;
  return ref.current;
}

function shallowEqual(
  a: Readonly<Record<string, unknown>> | undefined,
  b: Readonly<Record<string, unknown>> | undefined,
): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) => Object.is(a[key], b[key]));
}

import { lastDot } from '../util/last-dot';

/**
 * Steps Mastra adds on its own: `.map()` becomes `mapping_<workflowId>_<n>`, `.sleep()` becomes
 * `sleep_<uuid>` (random per server process unless the workflow names it), `.sleepUntil()` becomes
 * `sleep_until_<uuid>` (also a `sleep_` prefix), and 0.x runs start with `__trigger__`. A timeline hides them by default; the state
 * keeps them, because their outputs feed the next step.
 */

/**
 * @example
 * isInternalStepId('mapping_content-brief_2'); // true
 * isInternalStepId('review'); // false
 * isInternalStepId('outer.mapping_inner_1'); // true: the leaf decides
 */
export function isInternalStepId(stepId: string): boolean {
  // Asked for every event: prefix checks on the leaf, no slice and no regular expressions.
  const start = lastDot(stepId) + 1;
  return (
    stepId.startsWith('mapping_', start) ||
    stepId.startsWith('sleep_', start) ||
    stepId.startsWith('__', start)
  );
}

/**
 * Steps Mastra adds on its own: `.map()` becomes `mapping_<workflowId>_<n>`, `.sleep()` becomes
 * `sleep_<uuid>` (random per server process unless the workflow names it), `.sleepUntil()` becomes
 * `sleep_until_<uuid>`, and 0.x runs start with `__trigger__`. A timeline hides them by default; the state
 * keeps them, because their outputs feed the next step.
 */
const internalPatterns = [/^mapping_/, /^sleep_/, /^sleep_until_/, /^__/];

/**
 * @example
 * isInternalStepId('mapping_content-brief_2'); // true
 * isInternalStepId('review'); // false
 * isInternalStepId('outer.mapping_inner_1'); // true: the leaf decides
 */
export function isInternalStepId(stepId: string): boolean {
  const leaf = stepId.slice(stepId.lastIndexOf('.') + 1);
  return internalPatterns.some((pattern) => pattern.test(leaf));
}

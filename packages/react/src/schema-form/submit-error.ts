import type { FormIssue } from './issue-placement';

/**
 * The per-field problems an `onSubmit` rejection carries, if any: a `SteplineError` with code
 * `validation` has `issues`, and so may an app's own error. Read by shape, not by class, so errors from
 * another copy of the package (or a server wrapper) work too.
 *
 * @example
 * submitErrorIssues(new SteplineError('validation', 'Bad', { issues: [{ path: ['notes'], message: 'is too long' }] }));
 * // [{ path: ['notes'], message: 'is too long' }]
 */
export function submitErrorIssues(error: unknown): FormIssue[] | undefined {
  if (typeof error !== 'object' || error === null || !('issues' in error)) return undefined;
  const { issues } = error;
  if (!Array.isArray(issues)) return undefined;
  const valid = issues.filter(
    (issue): issue is FormIssue =>
      typeof issue === 'object' &&
      issue !== null &&
      Array.isArray(issue.path) &&
      issue.path.every((segment: unknown) => typeof segment === 'string' || typeof segment === 'number') &&
      typeof issue.message === 'string',
  );
  return valid.length > 0 ? valid : undefined;
}

/**
 * The sentence for a rejection that is not about fields.
 *
 * @example
 * submitErrorMessage(new Error('Step already resumed')); // 'Step already resumed'
 */
export function submitErrorMessage(error: unknown): string {
  if (error instanceof Error && error.message.trim().length > 0) return error.message;
  if (typeof error === 'string' && error.trim().length > 0) return error;
  return 'Submitting failed. Try again.';
}

const focusableSelector =
  'input:not([disabled]), select:not([disabled]), textarea:not([disabled]), button:not([disabled])';

/**
 * Moves focus to the first field (in document order) that shows an error: to its invalid control, or its
 * first control when the error is on a group (a list that is too short). With no invalid field, focus goes
 * to the form's alert, so a keyboard or screen reader user lands on what stopped the submit.
 *
 * @example
 * useEffect(() => formRef.current && focusFirstInvalid(formRef.current), [submitAttempt]);
 */
export function focusFirstInvalid(form: HTMLElement): void {
  const field = form.querySelector('[data-invalid]');
  const control =
    field?.querySelector<HTMLElement>('[aria-invalid="true"]:not([disabled])') ??
    field?.querySelector<HTMLElement>(focusableSelector) ??
    form.querySelector<HTMLElement>('[role="alert"]');
  control?.focus();
}

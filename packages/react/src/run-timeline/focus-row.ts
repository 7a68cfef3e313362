/**
 * Moves focus to a timeline row ("Jump to the running step"): its first button (the name that opens the
 * inspector), else the row itself. A row without a button (a timeline without `details`) is made
 * focusable by script only (`tabIndex = -1`), so the jump still lands where a screen reader reads on,
 * without adding a stop to the Tab order.
 */
export function focusRow(row: HTMLElement): void {
  const button = row.querySelector<HTMLElement>('button');
  if (button) {
    button.focus({ preventScroll: true });
    return;
  }
  if (!row.hasAttribute('tabindex')) row.tabIndex = -1;
  row.focus({ preventScroll: true });
}

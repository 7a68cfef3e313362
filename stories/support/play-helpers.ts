import axe from 'axe-core';
import { expect, waitFor } from 'storybook/test';
import { currentReplay } from '../replay/replay-server';

/**
 * axe-core on the story's canvas. Colour contrast is checked only when asked (`contrast: true`): text
 * caught mid-transition (a row fading in, a dimmed step lighting up) reads as low contrast for a frame,
 * so it is checked on a settled canvas, after the play function (`afterEach` in .storybook/preview.tsx).
 */
export async function expectNoAxeViolations(
  element: Element,
  options: { readonly contrast?: boolean } = {},
): Promise<void> {
  const results = await axe.run(element, {
    rules: { 'color-contrast': { enabled: options.contrast === true } },
  });
  const described = results.violations.map(
    (violation) =>
      `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`,
  );
  await expect(described).toEqual([]);
}

/** The run's status as `<WorkflowRun>` puts it on its root (`data-status`). */
export async function waitForRunStatus(canvasElement: HTMLElement, status: string, timeout = 15_000) {
  await waitFor(
    () => {
      const run = canvasElement.querySelector('.stepline-run');
      if (run?.getAttribute('data-status') !== status) {
        throw new Error(`run is ${run?.getAttribute('data-status') ?? 'not shown'}, waiting for ${status}`);
      }
    },
    { timeout },
  );
}

/**
 * Every connection status the header shows from now on, in order (`data-connection`), including ones
 * that last only a moment, such as "reconnecting" between a dropped stream and the next one.
 */
export function recordConnectionStates(canvasElement: HTMLElement): {
  readonly seen: string[];
  stop(): void;
} {
  const seen: string[] = [];
  const note = () => {
    const value = canvasElement.querySelector('.stepline-header')?.getAttribute('data-connection');
    if (value && seen[seen.length - 1] !== value) seen.push(value);
  };
  note();
  const observer = new MutationObserver(note);
  observer.observe(canvasElement, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: ['data-connection'],
  });
  return { seen, stop: () => observer.disconnect() };
}

/** The bodies of the `resume-stream` requests the replay received, in order. */
export function resumeBodies(): unknown[] {
  return (currentReplay()?.requests ?? [])
    .filter((request) => request.route === 'resume-stream')
    .map((request) => request.body);
}

/** For `findBy…` and `waitFor`: replays run at the recorded pace. */
export const slow = { timeout: 15_000 };

// @vitest-environment node
import { createRequire } from 'node:module';
import type { RunTransport } from '@stepline/client';
import { act } from 'react';
import { renderToString } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { detailsOnlyTransport, recordedSnapshotBody, scenario } from '../../test/render-helpers';
import { SteplineProvider } from '../stepline-provider';
import { WorkflowRun } from './workflow-run';

function app(transport: RunTransport, workflowId: string, runId: string, initialSnapshot: unknown) {
  return (
    <SteplineProvider transport={transport}>
      <WorkflowRun workflowId={workflowId} runId={runId} initialSnapshot={initialSnapshot} />
    </SteplineProvider>
  );
}

/** Installs a jsdom window as the global one (after the server render), the way a browser page has it. */
async function installDom(html: string): Promise<{ container: HTMLElement; restore: () => void }> {
  // jsdom ships no types; only its constructor is needed.
  const { JSDOM } = createRequire(import.meta.url)('jsdom') as {
    JSDOM: new (
      html: string,
      options: { pretendToBeVisual: boolean; url: string },
    ) => { window: Window & typeof globalThis };
  };
  const dom = new JSDOM(`<!doctype html><html><body><div id="root">${html}</div></body></html>`, {
    pretendToBeVisual: true,
    url: 'http://localhost/',
  });
  const added: string[] = [];
  const globals = globalThis as Record<string, unknown>;
  for (const key of Object.getOwnPropertyNames(dom.window)) {
    if (key in globalThis) continue;
    try {
      globals[key] = (dom.window as unknown as Record<string, unknown>)[key];
      added.push(key);
    } catch {
      // A getter that is not available here; nothing React needs.
    }
  }
  globals.window = dom.window;
  globals.document = dom.window.document;
  globals.IS_REACT_ACT_ENVIRONMENT = true;
  return {
    container: dom.window.document.getElementById('root')!,
    restore: () => {
      for (const key of added) delete globals[key];
      delete globals.window;
      delete globals.document;
      delete globals.IS_REACT_ACT_ENVIRONMENT;
      dom.window.close();
    },
  };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('server rendering', () => {
  it.each([
    ['content-brief-approve', 'mid-parallel'],
    ['content-brief-approve', 'suspended'],
    ['many-steps', 'final'],
  ])('%s (%s): renders to a string without a DOM, then hydrates without a mismatch', async (name, moment) => {
    expect(typeof window).toBe('undefined');
    expect(typeof document).toBe('undefined');
    const { workflowId, runId } = scenario(name);
    const snapshot = recordedSnapshotBody(name, moment);

    const html = renderToString(app(detailsOnlyTransport(workflowId).transport, workflowId, runId, snapshot));
    expect(html).toContain('stepline-theme');
    expect(html).toContain('role="status"');
    if (moment === 'mid-parallel') {
      expect(html).toContain('Running in parallel · 3 branches');
      expect(html).toContain('data-status="running"');
    }
    if (moment === 'suspended') expect(html).toContain('Approval needed');
    if (name === 'many-steps') expect(html).toContain('data-virtualized="true"');

    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { container, restore } = await installDom(html);
    try {
      const { hydrateRoot } = await import('react-dom/client');
      const recoverable: unknown[] = [];
      let root: ReturnType<typeof hydrateRoot> | undefined;
      await act(async () => {
        root = hydrateRoot(
          container,
          app(detailsOnlyTransport(workflowId).transport, workflowId, runId, snapshot),
          {
            onRecoverableError: (error) => recoverable.push(error),
          },
        );
      });
      await act(async () => {
        await new Promise((resolve) => setTimeout(resolve, 50));
      });
      expect(recoverable).toEqual([]);
      const hydrationErrors = errors.mock.calls.filter((call) =>
        /hydrat|did not match/i.test(String(call[0])),
      );
      expect(hydrationErrors).toEqual([]);
      // Hydrated, then live on the client: the workflow's descriptions replace the step names.
      expect(container.querySelector('.stepline-timeline')).not.toBeNull();
      await act(async () => root!.unmount());
    } finally {
      restore();
    }
  });
});

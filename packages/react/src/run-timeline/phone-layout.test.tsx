import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunController } from '@stepline/client';
import { cleanup, render } from '@testing-library/react';
import { chromium } from 'playwright-core';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { detailsOnlyTransport, recordedState, showState } from '../../test/render-helpers';
import { useWorkflowRun } from '../hooks/use-workflow-run';
import { RunScope } from '../run-scope';
import { SteplineProvider } from '../stepline-provider';
import { RunTimeline } from '.';

// The rows' markup as the components render it (jsdom lays nothing out), laid out by the real stylesheet
// in Debian's Chromium at a phone's width.
const chromiumPath = process.env.STEPLINE_CHROMIUM ?? '/usr/bin/chromium';
const styles = readFileSync(join(import.meta.dirname, '../styles.css'), 'utf8');

afterEach(() => cleanup());

function Scoped({ children }: { children: ReactNode }) {
  const { controller } = useWorkflowRun({ workflowId: 'content-brief', runId: 'run-1', enabled: false });
  captured = controller;
  return <RunScope controller={controller}>{children}</RunScope>;
}
let captured: RunController | undefined;

/** The markup of the recorded review loop (changes requested, then approved), as the timeline draws it. */
async function loopMarkup(): Promise<string> {
  const { container } = render(
    <SteplineProvider transport={detailsOnlyTransport('content-brief').transport}>
      <div className="stepline-theme">
        <Scoped>
          <RunTimeline.Root />
        </Scoped>
      </div>
    </SteplineProvider>,
  );
  await showState(captured!, recordedState('content-brief-revise-loop'));
  await vi.waitFor(() =>
    expect(
      container.querySelector('li[data-step-id="editorial-round.review"] .stepline-step__status'),
    ).not.toBeNull(),
  );
  return container.innerHTML;
}

describe('a loop on a phone', () => {
  it('"Changes requested" squeezes the step name on a phone: the name keeps its width, the status wraps', async () => {
    expect(existsSync(chromiumPath), `Chromium not found at ${chromiumPath} (set STEPLINE_CHROMIUM)`).toBe(
      true,
    );
    const markup = await loopMarkup();
    const browser = await chromium.launch({
      executablePath: chromiumPath,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
      ],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
      await page.setContent(
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><style>body{margin:16px}</style></head><body>${markup}</body></html>`,
      );
      await page.addStyleTag({ content: styles });
      const row = await page.evaluate(() => {
        const item = document.querySelector<HTMLElement>('li[data-row-key="editorial-round.review"]')!;
        const name = item.querySelector<HTMLElement>('.stepline-step__open, .stepline-step__name')!;
        const status = item.querySelector<HTMLElement>('.stepline-step__status')!;
        return {
          status: status.textContent,
          nameCut: name.scrollWidth > name.clientWidth,
          statusCut: status.scrollWidth > status.clientWidth,
        };
      });
      expect(row).toEqual({ status: 'Changes requested', nameCut: false, statusCut: false });
    } finally {
      await browser.close();
    }
  });
});

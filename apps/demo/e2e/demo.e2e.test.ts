import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoUnderTest, startDemoUnderTest } from './demo-harness.ts';

// The built demo in Debian's Chromium against the real Mastra server, which the test kills and restarts.
const screenshotsDir = resolve(import.meta.dirname, '../../../artifacts/e2e');

let harness: DemoUnderTest;

beforeAll(async () => {
  mkdirSync(screenshotsDir, { recursive: true });
  harness = await startDemoUnderTest();
}, 120_000);

afterAll(async () => {
  await harness?.close();
});

async function openPage(): Promise<Page> {
  const page = await harness.browser.newPage({ viewport: { width: 1100, height: 1400 } });
  page.on('pageerror', (error) => {
    throw error;
  });
  return page;
}

const shot = (page: Page, name: string) =>
  page.screenshot({ path: join(screenshotsDir, `${name}.png`), fullPage: true });

/** Starts a run over the API as another client would; `ended` resolves once its stream closes. */
async function runByApi(
  workflowId: string,
  inputData: unknown,
): Promise<{ runId: string; ended: Promise<string> }> {
  const api = `${harness.mastra.apiUrl}/workflows/${workflowId}`;
  const created = (await (await fetch(`${api}/create-run`, { method: 'POST', body: '{}' })).json()) as {
    runId: string;
  };
  const ended = fetch(`${api}/stream?runId=${created.runId}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ inputData }),
  }).then((response) => response.text());
  return { runId: created.runId, ended };
}

/** Starts a run over the API as another client would, reading its stream in the background. */
async function startRunByApi(workflowId: string, inputData: unknown): Promise<string> {
  const { runId, ended } = await runByApi(workflowId, inputData);
  void ended;
  return runId;
}

async function storedStepIds(workflowId: string, runId: string): Promise<string[]> {
  const response = await fetch(`${harness.mastra.apiUrl}/workflows/${workflowId}/runs/${runId}`);
  const body = (await response.json()) as { steps: Record<string, unknown> };
  return Object.keys(body.steps).filter((id) => !id.startsWith('mapping_') && !id.startsWith('sleep_'));
}

/**
 * The timeline's rows: `data-row-key` is unique per row, `data-step-id` repeats on a loop's rounds (one row
 * per round, told apart by `data-round`). Duplicates are checked on the row key.
 */
async function rowsOnPage(page: Page): Promise<{ keys: string[]; stepIds: string[] }> {
  const rows = await page.$$eval('li[data-row-key]', (items) =>
    items.map((item) => [item.getAttribute('data-row-key') ?? '', item.getAttribute('data-step-id') ?? '']),
  );
  return { keys: rows.map(([key]) => key!), stepIds: [...new Set(rows.map(([, stepId]) => stepId!))] };
}

describe('the demo in a real browser', () => {
  it('survives a reload mid-run: the same run continues, no step missing or twice', async () => {
    const runId = await startRunByApi('slow-pipeline', { label: 'e2e reload' });
    const page = await openPage();
    await page.goto(`${harness.demo.url}/#/runs/slow-pipeline/${runId}`);
    await page.waitForFunction(
      () => document.querySelectorAll('[data-step-id][data-status="success"]').length >= 3,
    );
    await shot(page, '01-running-before-reload');

    await page.reload();
    await page.waitForSelector('.stepline-run[data-status="success"]', { timeout: 30_000 });
    await shot(page, '02-finished-after-reload');
    const onPage = await rowsOnPage(page);
    expect(new Set(onPage.keys).size).toBe(onPage.keys.length);
    expect([...onPage.stepIds].sort()).toEqual((await storedStepIds('slow-pipeline', runId)).sort());
    await page.close();
  });

  it('starts a content brief, approves it in the card, and sees it publish', async () => {
    const page = await openPage();
    await page.goto(`${harness.demo.url}/#/`);
    await page.getByLabel('Topic').fill('Tidal power');
    await page.getByRole('button', { name: 'Start run' }).click();
    await page.waitForURL(/#\/runs\/content-brief\//);
    const approval = page.locator('.stepline-approval');
    await approval.waitFor({ timeout: 30_000 });
    await shot(page, '03-approval-card');

    await approval.getByRole('button', { name: /^approve$/i }).click();
    await page.waitForSelector('.stepline-run[data-status="success"]', { timeout: 30_000 });
    await shot(page, '04-published');
    const onPage = await rowsOnPage(page);
    expect(new Set(onPage.keys).size).toBe(onPage.keys.length);
    expect(onPage.stepIds).toContain('publish');
    await page.close();
  });

  it('recovers when the server is killed and restarted, and the approval still goes through', async () => {
    const page = await openPage();
    await page.goto(`${harness.demo.url}/#/`);
    await page.getByLabel('Topic').fill('Heat pumps');
    await page.getByRole('button', { name: 'Start run' }).click();
    await page.waitForURL(/#\/runs\/content-brief\//);
    await page.locator('.stepline-approval').waitFor({ timeout: 30_000 });

    await harness.mastra.kill();
    await page.waitForSelector(
      '.stepline-header[data-connection="reconnecting"], .stepline-header[data-connection="offline"]',
      {
        timeout: 30_000,
      },
    );
    await shot(page, '05-server-down');

    await harness.mastra.start();
    await page.waitForSelector(
      '.stepline-header[data-connection="polling"], .stepline-header[data-connection="live"]',
      {
        timeout: 30_000,
      },
    );
    await shot(page, '06-server-back');
    await page
      .locator('.stepline-approval')
      .getByRole('button', { name: /^approve$/i })
      .click();
    await page.waitForSelector('.stepline-run[data-status="success"]', { timeout: 30_000 });
    await shot(page, '07-published-after-restart');
    await page.close();
  });

  it('demo as a showcase (issue 14): any workflow from its input schema, runs listed by status, a schema-driven headless approval', async () => {
    const page = await openPage();
    await page.goto(`${harness.demo.url}/#/`);
    // Parallel approvals from a form generated from its input schema (contract, amount).
    await page.getByLabel('Workflow').selectOption('parallel-approvals');
    await page.getByLabel(/Contract/).fill('MSA-7');
    await page.getByLabel(/Amount/).fill('1200');
    await page.getByRole('button', { name: 'Start run' }).click();
    await page.waitForURL(/#\/runs\/parallel-approvals\//);
    await page.locator('.stepline-approval').first().waitFor({ timeout: 30_000 });
    const runId = decodeURIComponent(page.url().split('/').pop()!);

    // The runs list: status badges, the workflow, and the run that needs a decision first.
    await page.goto(`${harness.demo.url}/#/`);
    const first = page.locator('.demo__runs tbody tr').first();
    await first.waitFor({ timeout: 30_000 });
    // Mastra stores the run as running until both parallel approvals have suspended, a moment after the
    // first card shows: the list says so once its next poll reads the stored run.
    await page.waitForFunction(
      () => document.querySelector('.demo__runs tbody tr')?.textContent?.includes('Needs a decision'),
      null,
      { timeout: 30_000 },
    );
    await expect(first.textContent()).resolves.toContain('parallel-approvals');
    await expect(page.getByText(/1 run needs a decision/).count()).resolves.toBe(1);

    // The headless page answers from the step's resume schema (it sent {decision:'approve'} to every
    // workflow before): an approver, then Approve, per card.
    await page.goto(`${harness.demo.url}/#/runs/parallel-approvals/${runId}/headless`);
    for (const [step, approver] of [
      ['Legal sign-off', 'lee@legal'],
      ['Finance sign-off', 'fay@finance'],
    ] as const) {
      const form = page.getByRole('form', { name: `Answer ${step}` });
      await form.waitFor({ timeout: 30_000 });
      await form.getByLabel(/Approver/).fill(approver);
      await form.getByRole('button', { name: 'Approve' }).click();
      await form.waitFor({ state: 'detached', timeout: 30_000 });
    }
    await page.getByRole('heading', { name: /parallel-approvals — success/ }).waitFor({ timeout: 30_000 });
    await shot(page, '08-headless-approved');
    await page.close();
  });

  it('runs list polls one request per interval through the route, not one per workflow (11 workflows made 11 requests every 5 s)', async () => {
    // Runs of several workflows, in several states: three wait for a decision, one failed, one ran through.
    await Promise.all([
      startRunByApi('content-brief', { topic: 'Polling' }),
      startRunByApi('parallel-approvals', { contract: 'MSA-9', amount: 90 }),
      startRunByApi('nested-approval', { employee: 'Bo', amount: 30 }),
      runByApi('always-fails', { orderId: 'POLL-1' }).then(({ ended }) => ended),
      runByApi('flaky-retry', { symbol: 'POLL' }).then(({ ended }) => ended),
    ]);
    const page = await openPage();
    await page.goto(`${harness.demo.url}/#/`);
    await page.waitForFunction(
      () => document.querySelectorAll('.demo__runs tbody tr[data-status="suspended"]').length >= 3,
      null,
      { timeout: 30_000 },
    );
    // Every workflow's runs in one list, each with its status badge; those that need a decision on top.
    const rows = await page.locator('.demo__runs tbody tr').evaluateAll((trs) =>
      trs.map((tr) => ({
        status: tr.getAttribute('data-status'),
        workflow: tr.querySelectorAll('td')[1]?.textContent,
        badge: tr.querySelector('td')?.textContent?.trim(),
      })),
    );
    const workflows = new Set(rows.map((row) => row.workflow));
    for (const id of [
      'content-brief',
      'parallel-approvals',
      'nested-approval',
      'always-fails',
      'flaky-retry',
    ]) {
      expect(workflows, id).toContain(id);
    }
    const firstOther = rows.findIndex((row) => row.status !== 'suspended');
    expect(rows.slice(firstOther).some((row) => row.status === 'suspended')).toBe(false);
    expect(rows.find((row) => row.workflow === 'always-fails')?.badge).toContain('Failed');
    expect(
      rows.filter((row) => row.status === 'suspended').every((row) => row.badge === 'Needs a decision'),
    ).toBe(true);

    const from = harness.demo.apiRequests.length;
    const windowMs = 15_000;
    await page.waitForTimeout(windowMs);
    const requests = harness.demo.apiRequests.slice(from).map(({ method, url }) => `${method} ${url}`);
    const listReads = requests.filter((request) => /^GET \/stepline\/runs(\?|$)/.test(request));
    const perMinute = (listReads.length * 60_000) / windowMs;
    console.log(`runs list: ${listReads.length} requests in ${windowMs / 1000} s (${perMinute} per minute)`);
    // One read every 5 s: 3 in the window (4 if a read lands on both edges), and no list per workflow.
    expect(listReads.length).toBeLessThanOrEqual(4);
    expect(listReads.length).toBeGreaterThanOrEqual(2);
    expect(requests.filter((request) => /\/workflows\/[^/]+\/runs(\?|$)/.test(request))).toEqual([]);
    await shot(page, '09-runs-list-across-workflows');
    await page.close();
  });

  it('runs list shows failed runs, and a rejected brief as Rejected: it was listed as success', async () => {
    const failed = await runByApi('always-fails', { orderId: 'E2E-1' });
    const brief = await runByApi('content-brief', { topic: 'Rejected in e2e' });
    await Promise.all([failed.ended, brief.ended]);
    const rejected = await fetch(
      `${harness.mastra.apiUrl}/workflows/content-brief/resume-stream?runId=${brief.runId}`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ step: 'editorial-round.review', resumeData: { decision: 'reject' } }),
      },
    );
    await rejected.text();

    const page = await openPage();
    await page.goto(`${harness.demo.url}/#/`);
    const row = (runId: string) =>
      page.locator('.demo__runs tbody tr', { has: page.locator(`a[href*="${runId}"]`) }).first();
    await row(brief.runId).waitFor({ timeout: 30_000 });
    await expect(row(failed.runId).getAttribute('data-status')).resolves.toBe('failed');
    await expect(row(failed.runId).textContent()).resolves.toContain('Failed');
    await expect(row(failed.runId).textContent()).resolves.toContain('always-fails');
    // Mastra stores the bailed brief as a success; the list says what the editor decided.
    await expect(row(brief.runId).getAttribute('data-status')).resolves.toBe('success');
    await expect(row(brief.runId).getAttribute('data-outcome')).resolves.toBe('rejected');
    const text = await row(brief.runId).textContent();
    expect(text).toContain('Rejected');
    expect(text).not.toContain('Succeeded');
    await shot(page, '09-runs-list');
    await page.close();
  });

  it('headless page approves every workflow that suspends from its schemas, and shows step titles, not ids (Approve was hard-coded and threw on other workflows)', async () => {
    // Which workflows suspend, from the server itself: a new one fails here until it has an input below.
    const inputs: Record<string, unknown> = {
      'content-brief': { topic: 'Headless' },
      'nested-approval': { employee: 'Cy', amount: 5000 },
      'parallel-approvals': { contract: 'MSA-3', amount: 300 },
    };
    const workflows = (await (await fetch(`${harness.mastra.apiUrl}/workflows`)).json()) as Record<
      string,
      { allSteps?: Record<string, { resumeSchema?: unknown }> }
    >;
    const suspending = Object.entries(workflows)
      .filter(([, workflow]) => Object.values(workflow.allSteps ?? {}).some((step) => step.resumeSchema))
      .map(([id]) => id)
      .sort();
    expect(suspending).toEqual(Object.keys(inputs).sort());

    const page = await openPage();
    for (const workflowId of suspending) {
      const { runId, ended } = await runByApi(workflowId, inputs[workflowId]);
      await ended;
      await page.goto(`${harness.demo.url}/#/runs/${workflowId}/${runId}/headless`);
      await page.getByRole('heading', { name: `${workflowId} — suspended` }).waitFor({ timeout: 30_000 });
      // The plan from the workflow's graph: what comes after the decision is listed already, titled.
      const toCome = page.locator('.demo__steps li[data-status="pending"]');
      await expect(toCome.count()).resolves.toBeGreaterThan(0);
      await expect(toCome.first().textContent()).resolves.toContain('To come');
      await shot(page, `10-headless-${workflowId}-waiting`);
      // Step titles from the workflow's own descriptions, the id beside them.
      const first = page.locator('.demo__steps li[data-step-id]').first();
      await expect(first.locator('.demo__step-title').textContent()).resolves.not.toBe(
        await first.getAttribute('data-step-id'),
      );
      let answered = 0;
      for (;;) {
        const next = page.locator('.demo__approval form').first();
        const open = await next
          .waitFor({ timeout: 5_000 })
          .then(() => true)
          .catch(() => false);
        if (!open) break;
        const name = (await next.getAttribute('aria-label')) ?? '';
        expect(name).not.toMatch(/^Answer [a-z]+(-[a-z]+)*(\.[a-z]+(-[a-z]+)*)?$/); // a title, not a step id
        const form = page.getByRole('form', { name });
        // Required text fields (an approver) get a value; the decision is the schema's own button.
        for (const input of await form.locator('input[required], input[aria-required="true"]').all()) {
          if ((await input.getAttribute('type')) !== 'radio') await input.fill('e2e@example.com');
        }
        await form.getByRole('button', { name: /^approve$/i }).click();
        await form.waitFor({ state: 'detached', timeout: 30_000 });
        answered += 1;
      }
      expect(answered).toBeGreaterThan(0);
      await page.getByRole('heading', { name: `${workflowId} — success` }).waitFor({ timeout: 30_000 });
      await shot(page, `10-headless-${workflowId}`);
      const stored = (await (
        await fetch(`${harness.mastra.apiUrl}/workflows/${workflowId}/runs/${runId}`)
      ).json()) as { status: string; result?: { status?: string } };
      expect(stored.status).toBe('success');
    }
    await page.close();
  });

  it('dark shell: the page, its forms and the runs list follow the system dark mode (the shell ignored it)', async () => {
    await (await runByApi('always-fails', { orderId: 'DARK-1' })).ended;
    const page = await harness.browser.newPage({
      viewport: { width: 1100, height: 1000 },
      colorScheme: 'dark',
    });
    await page.goto(`${harness.demo.url}/#/`);
    await page.locator('.demo__runs tbody tr').first().waitFor({ timeout: 30_000 });
    await page.locator('.demo__start input').first().waitFor({ timeout: 30_000 });
    const colours = await page.evaluate(() => {
      const luminance = (css: string) => {
        const [r, g, b] = (css.match(/\d+(\.\d+)?/g) ?? ['255', '255', '255']).map(Number) as [
          number,
          number,
          number,
        ];
        return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
      };
      const style = (selector: string) => getComputedStyle(document.querySelector(selector)!);
      return {
        page: luminance(style('body').backgroundColor),
        text: luminance(style('.demo').color),
        picker: luminance(style('.demo__select').backgroundColor),
        input: luminance(style('.demo__start input').backgroundColor),
        cell: luminance(style('.demo__runs td').color),
      };
    });
    await shot(page, '11-runs-dark');
    expect(colours.page).toBeLessThan(0.2);
    expect(colours.picker).toBeLessThan(0.3);
    expect(colours.input).toBeLessThan(0.3);
    expect(colours.text).toBeGreaterThan(0.7);
    expect(colours.cell).toBeGreaterThan(0.7);
    await page.close();
  });

  it('start form offers every workflow the server has, each with a form from its input schema (only a fixed 11 of 15 were offered)', async () => {
    const served = Object.keys(
      (await (await fetch(`${harness.mastra.apiUrl}/workflows`)).json()) as Record<string, unknown>,
    ).sort();
    const page = await openPage();
    await page.goto(`${harness.demo.url}/#/`);
    const picker = page.getByLabel('Workflow');
    await page.waitForFunction(
      (count) => document.querySelectorAll('.demo__select option').length === count,
      served.length,
    );
    const offered = await picker
      .locator('option')
      .evaluateAll((options) => options.map((option) => (option as HTMLOptionElement).value));
    expect([...offered].sort()).toEqual(served);
    for (const workflowId of offered) {
      await picker.selectOption(workflowId);
      const form = page.getByRole('form', { name: `Input of ${workflowId}` });
      await form.waitFor({ timeout: 10_000 });
      // A form made from the schema: fields (or none for an empty object), not the raw JSON fallback.
      await expect(page.getByText(/No input schema/).count()).resolves.toBe(0);
    }
    // One that the fixed list left out, started from its generated form.
    await picker.selectOption('agent-text-stream');
    await page.getByRole('button', { name: 'Start run' }).click();
    await page.waitForURL(/#\/runs\/agent-text-stream\//);
    await page.waitForSelector('.stepline-run[data-status="success"]', { timeout: 30_000 });
    await page.close();
  });

  it('phone: the runs list and the headless page fit the screen (the table pushed the page sideways)', async () => {
    const { runId, ended } = await runByApi('content-brief', { topic: 'On a phone' });
    await ended;
    const page = await harness.browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true });
    for (const path of ['#/', `#/runs/content-brief/${runId}/headless`]) {
      await page.goto(`${harness.demo.url}/${path}`);
      await page.locator('.demo__runs tbody tr, .demo__approval form').first().waitFor({ timeout: 30_000 });
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width, path).toBeLessThanOrEqual(390);
    }
    await page.goto(`${harness.demo.url}/#/`);
    await page.locator('.demo__runs tbody tr').first().waitFor({ timeout: 30_000 });
    await shot(page, '12-runs-phone');
    await page.close();
  });
});

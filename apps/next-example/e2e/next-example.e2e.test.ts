import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { freePort, launchChromium } from '@stepline/test-support';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SpawnedMastraServer, spawnMastraServer } from '../../mastra-server/src/spawn-server.ts';

// The example app as a user runs it: `next build`, `next start` (compression on), the real Mastra
// server, Debian's Chromium. The browser talks only to Next; Next's one Stepline route talks to Mastra.
const appDir = resolve(import.meta.dirname, '..');
const nextBin = resolve(appDir, 'node_modules/.bin/next');
const storageDir = mkdtempSync(join(tmpdir(), 'stepline-next-'));
const storageUrl = `file:${join(storageDir, 'mastra.db')}`;
let mastraPort: number;
let mastra: SpawnedMastraServer | undefined;
let next: ChildProcess | undefined;
let appUrl: string;
let browser: Browser;
let context: BrowserContext;

async function waitForHttp(url: string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      await fetch(url);
      return;
    } catch (error) {
      if (Date.now() > until) throw error;
      await new Promise((done) => setTimeout(done, 200));
    }
  }
}

beforeAll(async () => {
  mastraPort = await freePort();
  mastra = await spawnMastraServer({ storageUrl, port: mastraPort });
  const env = { ...process.env, MASTRA_URL: `http://127.0.0.1:${mastraPort}`, NEXT_TELEMETRY_DISABLED: '1' };
  const started = Date.now();
  await promisify(execFile)(nextBin, ['build'], { cwd: appDir, env, maxBuffer: 64 * 1024 * 1024 });
  console.log(`next build: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const port = await freePort();
  next = spawn(nextBin, ['start', '-p', String(port), '-H', '127.0.0.1'], {
    cwd: appDir,
    env,
    stdio: 'ignore',
  });
  appUrl = `http://127.0.0.1:${port}`;
  await waitForHttp(appUrl, 60_000);
  browser = await launchChromium();
  context = await browser.newContext();
  await context.addCookies([{ name: 'stepline-demo-user', value: 'ada', url: appUrl }]);
}, 600_000);

afterAll(async () => {
  await browser?.close();
  next?.kill('SIGTERM');
  await mastra?.kill('SIGKILL');
  rmSync(storageDir, { recursive: true, force: true });
});

const mastraApi = () => `http://127.0.0.1:${mastraPort}/api`;

async function storedRun(workflowId: string, runId: string) {
  const response = await fetch(`${mastraApi()}/workflows/${workflowId}/runs/${runId}`);
  return (await response.json()) as { status: string; steps: Record<string, { startedAt?: number }> };
}

describe('apps/next-example under next start', () => {
  it('the route answers 401 without the demo user and 404 JSON for an unknown run, creating nothing', async () => {
    const anonymous = await fetch(`${appUrl}/api/stepline/workflows/content-brief/runs`);
    expect(anonymous.status).toBe(401);
    const cookie = { Cookie: 'stepline-demo-user=ada' };
    const before = (
      (await (await fetch(`${mastraApi()}/workflows/content-brief/runs`)).json()) as { total: number }
    ).total;
    const unknown = await fetch(`${appUrl}/api/stepline/workflows/content-brief/runs/no-such-run/events`, {
      headers: cookie,
    });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ code: 'not-found' });
    const after = (
      (await (await fetch(`${mastraApi()}/workflows/content-brief/runs`)).json()) as { total: number }
    ).total;
    expect(after).toBe(before);
  });

  it('is live through next start: each step shows while the run runs, timed from its start on the server', async () => {
    const page = await context.newPage();
    // When each step's row first appears, by the page's clock (the same machine's as Mastra's).
    await page.addInitScript(() => {
      const seen: Record<string, number> = {};
      (window as unknown as { steplineSeen: Record<string, number> }).steplineSeen = seen;
      new MutationObserver(() => {
        for (const row of document.querySelectorAll<HTMLElement>('[data-step-id]')) {
          const id = row.dataset.stepId!;
          if (seen[id] === undefined && row.dataset.status !== 'pending') seen[id] = Date.now();
        }
      }).observe(document, { subtree: true, childList: true, attributes: true });
    });
    await page.goto(appUrl);
    await page.getByRole('button', { name: 'Start slow-pipeline' }).click();
    await page.waitForURL(/\/runs\/slow-pipeline\//);
    const runId = page.url().split('/').at(-1)!;
    await page.waitForFunction(() => document.querySelector('[data-step-id="stage-06"]') !== null);
    // Mid-run: the run is not over when its sixth stage is on screen.
    expect((await storedRun('slow-pipeline', runId)).status).toBe('running');
    await page.waitForFunction(
      () => document.querySelector('[data-step-id="stage-12"]')?.getAttribute('data-status') === 'success',
      undefined,
      { timeout: 30_000 },
    );
    const seen = await page.evaluate(
      () => (window as unknown as { steplineSeen: Record<string, number> }).steplineSeen,
    );
    const stored = await storedRun('slow-pipeline', runId);
    const timed = Object.entries(stored.steps)
      .filter(
        ([id, step]) => id.startsWith('stage-') && step.startedAt !== undefined && seen[id] !== undefined,
      )
      .map(([id, step]) => ({ id, startedAt: step.startedAt!, lag: (seen[id]! - step.startedAt!) / 1000 }));
    expect(timed.length).toBe(12);
    // Steps that started before the run page showed its first row waited for the page, not the stream.
    const pageShown = Math.min(...Object.values(seen));
    const live = timed
      .filter((step) => step.startedAt >= pageShown)
      .map((step) => step.lag)
      .sort((a, b) => a - b);
    const lags = timed.map((step) => step.lag).sort((a, b) => a - b);
    const median = live[Math.floor(live.length / 2)]!;
    const worst = live.at(-1)!;
    console.log(
      `next start, step start on the server -> row in the page: median ${median.toFixed(3)} s, max ${worst.toFixed(3)} s over the ${live.length} steps started while the page was open (target < 0.5 s); every step: ${timed.map((step) => `${step.id} ${step.lag.toFixed(3)}`).join(', ')}`,
    );
    expect(live.length).toBeGreaterThanOrEqual(8);
    expect(lags.length).toBe(12);
    // Buffered by compression, every row would appear at the end: seconds, not fractions.
    expect(worst).toBeLessThan(1);
    await page.close();
  });

  it('approves in the card, and a reload mid-run shows every step once', async () => {
    const page = await context.newPage();
    await page.goto(appUrl);
    await page.getByRole('button', { name: 'Start content-brief' }).click();
    await page.waitForURL(/\/runs\/content-brief\//);
    const approve = page.getByRole('button', { name: /approve/i }).first();
    await approve.waitFor({ timeout: 30_000 });
    // Reloaded while waiting for the decision: the server-rendered page already shows the run.
    await page.reload();
    await approve.waitFor({ timeout: 30_000 });
    await approve.click();
    await page.waitForFunction(
      () => document.querySelector('[data-step-id="publish"]')?.getAttribute('data-status') === 'success',
      undefined,
      { timeout: 30_000 },
    );
    const ids = await page.$$eval('[data-step-id]', (rows) =>
      rows.map((row) => (row as HTMLElement).dataset.stepId),
    );
    expect(new Set(ids).size).toBe(ids.length);
    await page.close();
  });

  it('follows a run through a Mastra kill and restart: the stored run, then the end after a restart', async () => {
    const page = await context.newPage();
    await page.goto(appUrl);
    await page.getByRole('button', { name: 'Start slow-pipeline' }).click();
    await page.waitForURL(/\/runs\/slow-pipeline\//);
    const runId = page.url().split('/').at(-1)!;
    await page.waitForFunction(() => document.querySelector('[data-step-id="stage-03"]') !== null);
    await mastra?.kill('SIGKILL');
    mastra = await spawnMastraServer({ storageUrl, port: mastraPort });
    // The run died with its process; restarting it through the route continues from its stored state.
    const restarted = await fetch(`${appUrl}/api/stepline/workflows/slow-pipeline/restart?runId=${runId}`, {
      method: 'POST',
      headers: { Cookie: 'stepline-demo-user=ada' },
    });
    expect(restarted.status).toBe(200);
    await page.waitForFunction(
      () => document.querySelector('[data-step-id="stage-12"]')?.getAttribute('data-status') === 'success',
      undefined,
      { timeout: 45_000 },
    );
    const ids = await page.$$eval('[data-step-id]', (rows) =>
      rows.map((row) => (row as HTMLElement).dataset.stepId),
    );
    expect(new Set(ids).size).toBe(ids.length);
    await page.close();
  });
});

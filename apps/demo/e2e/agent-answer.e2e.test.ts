import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { longAnswerTokens } from '../../mastra-server/src/agents/model-scripts.ts';
import { type DemoUnderTest, startDemoUnderTest } from './demo-harness.ts';

// An agent answering on a scripted model, watched in Debian's Chromium through the built demo; the page
// is reloaded in the middle of the answer. What the page shows at the end must be the model's script,
// exactly: no token lost, none repeated (observe replays the history twice after the reload).
const tokens = 4_000;
const tokensPerSecond = 500;
let harness: DemoUnderTest;

beforeAll(async () => {
  harness = await startDemoUnderTest();
}, 120_000);

afterAll(async () => {
  await harness?.close();
});

describe('an agent answer in a real browser', () => {
  it('reloaded mid-answer, shows exactly the model’s script: no token lost or repeated', async () => {
    const api = `${harness.mastra.apiUrl}/workflows/agent-long-answer`;
    const { runId } = (await (await fetch(`${api}/create-run`, { method: 'POST', body: '{}' })).json()) as {
      runId: string;
    };
    // Another client starts the run and reads its stream to the end, as an app's backend would.
    const streamed = fetch(`${api}/stream?runId=${runId}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ inputData: { tokens, tokensPerSecond } }),
    }).then((response) => response.text());

    const page = await harness.browser.newPage({ viewport: { width: 1100, height: 1200 } });
    const errors: unknown[] = [];
    page.on('pageerror', (error) => errors.push(error));
    await page.goto(`${harness.demo.url}/#/runs/agent-long-answer/${runId}`);
    const answer = '[data-step-id="long-writer"] .stepline-transcript__text';
    await page.waitForFunction(
      (selector) => (document.querySelector(selector)?.textContent?.length ?? 0) > 2_000,
      answer,
    );
    const beforeReload = (await page.textContent(answer)) ?? '';

    await page.reload();
    // Right after the reload the replayed history fills the answer; it must still be a prefix of the script.
    await page.waitForFunction(
      (selector) => (document.querySelector(selector)?.textContent?.length ?? 0) > 0,
      answer,
    );
    const script = longAnswerTokens(tokens).join('');
    const afterReload = (await page.textContent(answer)) ?? '';
    // Still mid-answer: the reload really happened while the agent was writing.
    expect(await page.getAttribute('[data-step-id="long-writer"]', 'data-status')).toBe('running');
    expect(script.startsWith(afterReload)).toBe(true);
    expect(afterReload.length).toBeGreaterThanOrEqual(beforeReload.length);

    await page.waitForSelector('.stepline-run[data-status="success"]', { timeout: 60_000 });
    expect(await page.textContent(answer)).toBe(script);
    expect(await page.$('[data-step-id="long-writer"] .stepline-transcript__caret')).toBeNull();
    expect(errors).toEqual([]);
    await streamed;
    await page.close();
  }, 90_000);
});

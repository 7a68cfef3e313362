// A 10,000-token agent answer streamed at 200 tokens/s into <WorkflowRun> in Debian's Chromium, production
// React under the Profiler. Part of `pnpm bench`; runs alone too (after `pnpm build`):
//   node --experimental-strip-types --disable-warning=ExperimentalWarning bench/react-profiler/agent-answer-benchmark.ts
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { bundlePage } from './bundle-page.ts';
import type { AgentAnswerOptions, AgentAnswerResult, BenchWindow } from './results.ts';

const chromiumPath = process.env.STEPLINE_CHROMIUM ?? '/usr/bin/chromium';
const options: AgentAnswerOptions = { tokens: 10_000, tokensPerSecond: 200 };

/** Writes `### An agent answer streaming into <WorkflowRun>` through `out`. */
export async function agentAnswerBrowserSection(out: (line?: string) => void): Promise<void> {
  if (!existsSync(chromiumPath)) {
    throw new Error(
      `Chromium not found at ${chromiumPath}: install Debian's chromium or set STEPLINE_CHROMIUM.`,
    );
  }
  const bundle = await bundlePage();
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
  let result: AgentAnswerResult;
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: Error[] = [];
    page.on('pageerror', (error) => errors.push(error));
    await page.setContent(
      '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Stepline agent answer</title></head><body></body></html>',
    );
    await page.addStyleTag({ content: bundle.styles });
    await page.addScriptTag({ content: bundle.script });
    result = await page.evaluate(
      (given) => (window as unknown as BenchWindow).steplineBench.agentAnswer(given),
      options,
    );
    if (errors.length > 0) throw errors[0];
    await page.close();
  } finally {
    await browser.close();
  }
  if (!result.textShown) throw new Error('The page did not show the whole answer.');

  out(
    `### An agent answer: ${options.tokens.toLocaleString('en-US')} tokens at ${options.tokensPerSecond} tokens/s`,
  );
  out();
  out(
    `A \`createStep(agent)\` answer as Mastra 1.71 sends it (one \`workflow-step-output\` per token, most tokens byte-identical repeats, then the step-finish/finish chunks), pushed into a mounted \`<WorkflowRun>\` at the rate above; from the first token until the DOM shows the whole answer. Long tasks from a \`PerformanceObserver\` (\`longtask\`, over 50 ms). One run.`,
  );
  out();
  out(
    '| tokens | s | frames | frames/s | commits | most commits in one frame | long tasks | longest task ms | largest commit ms |',
  );
  out('|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  out(
    `| ${result.tokens.toLocaleString('en-US')} | ${result.seconds.toFixed(1)} | ${result.frames.toLocaleString('en-US')} | ${result.framesPerSecond.toFixed(0)} | ${result.commits.toLocaleString('en-US')} | ${result.maxCommitsInOneFrame} | ${result.longTasks} | ${result.longestTaskMs.toFixed(0)} | ${result.largestCommitMs.toFixed(1)} |`,
  );
  out();
  out(
    `Targets: at most one commit per frame: **${result.maxCommitsInOneFrame <= 1 ? 'met' : 'missed'}**; no long task over 50 ms: **${result.longTasks === 0 ? 'met' : 'missed'}** (${result.longTasks}, longest ${result.longestTaskMs.toFixed(0)} ms); the page keeps drawing frames: ${result.framesPerSecond.toFixed(0)} frames/s.`,
  );
  out();
}

if (import.meta.main) {
  await agentAnswerBrowserSection((line = '') => process.stdout.write(`${line}\n`));
}

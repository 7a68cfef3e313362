// A 10,000-token agent answer streamed at 200 tokens/s into <WorkflowRun> in Debian's Chromium, production
// React under the Profiler. Part of `pnpm bench`; runs alone too (after `pnpm build`):
//   node --experimental-strip-types --disable-warning=ExperimentalWarning bench/react-profiler/agent-answer-benchmark.ts
// STEPLINE_CPU_PROFILE=/tmp/answer.cpuprofile also writes Chromium's CPU profile of the run (open it in
// DevTools' Performance panel): where script time goes; layout and paint show as "(program)". Add
// STEPLINE_BENCH_MINIFY=0 for React's and Stepline's function names in it.
import { existsSync, writeFileSync } from 'node:fs';
import type { CDPSession } from 'playwright-core';
import { chromium } from 'playwright-core';
import { bundlePage } from './bundle-page.ts';
import type { AgentAnswerOptions, AgentAnswerResult, BenchWindow } from './results.ts';

const chromiumPath = process.env.STEPLINE_CHROMIUM ?? '/usr/bin/chromium';

/** Writes `### An agent answer streaming into <WorkflowRun>` through `out`. */
export async function agentAnswerBrowserSection(out: (line?: string) => void, quick = false): Promise<void> {
  // Quick: a smoke run of the row (2 s of tokens), not the published figure.
  const options: AgentAnswerOptions = { tokens: quick ? 400 : 10_000, tokensPerSecond: 200 };
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
  let phases: string[] = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: Error[] = [];
    page.on('pageerror', (error) => errors.push(error));
    await page.setContent(
      '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Stepline agent answer</title></head><body></body></html>',
    );
    await page.addStyleTag({ content: bundle.styles });
    await page.addScriptTag({ content: bundle.script });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const profilePath = process.env.STEPLINE_CPU_PROFILE;
    if (profilePath) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
      await cdp.send('Profiler.start');
    }
    // Where the main thread's time goes, sampled every few seconds while the answer streams: a cost that
    // grows with the text shows as a growing share per sample.
    const samples: MetricsSample[] = [];
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        samples.push(await readMetrics(cdp));
        await new Promise((resolve) => setTimeout(resolve, 5_000));
      }
    })();
    result = await page.evaluate(
      (given) => (window as unknown as BenchWindow).steplineBench.agentAnswer(given),
      options,
    );
    sampling = false;
    await sampler;
    samples.push(await readMetrics(cdp));
    phases = phaseShares(samples);
    if (profilePath) {
      const { profile } = await cdp.send('Profiler.stop');
      writeFileSync(profilePath, JSON.stringify(profile));
    }
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
    '| tokens | s | frames | frames/s | commits | most commits in one frame | long tasks | longest task ms | largest commit ms | mean commit ms, first tenth | mean commit ms, last tenth |',
  );
  out('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  out(
    `| ${result.tokens.toLocaleString('en-US')} | ${result.seconds.toFixed(1)} | ${result.frames.toLocaleString('en-US')} | ${result.framesPerSecond.toFixed(0)} | ${result.commits.toLocaleString('en-US')} | ${result.maxCommitsInOneFrame} | ${result.longTasks} | ${result.longestTaskMs.toFixed(0)} | ${result.largestCommitMs.toFixed(1)} | ${result.firstTenthCommitMs.toFixed(2)} | ${result.lastTenthCommitMs.toFixed(2)} |`,
  );
  out();
  out(
    `Targets: at most one commit per frame: **${result.maxCommitsInOneFrame <= 1 ? 'met' : 'missed'}**; no long task over 50 ms: **${result.longTasks === 0 ? 'met' : 'missed'}** (${result.longTasks}, longest ${result.longestTaskMs.toFixed(0)} ms${longTaskTimes(result)}); the page keeps drawing frames: ${result.framesPerSecond.toFixed(0)} frames/s. The largest commit (${result.largestCommitMs.toFixed(1)} ms) came at ${result.largestCommitSeconds.toFixed(1)} s.`,
  );
  out();
  out(
    'Where the main thread went, per sampling interval (s from the first token; shares of wall time: all tasks, script, layout, style recalculation). A cost that grows with the text grows down the table.',
  );
  out();
  out('| s | busy | script | layout | style |');
  out('|---|---:|---:|---:|---:|');
  for (const line of phases) out(line);
  out();
}

if (import.meta.main) {
  await agentAnswerBrowserSection(
    (line = '') => process.stdout.write(`${line}\n`),
    process.env.BENCH_QUICK === '1',
  );
}

interface MetricsSample {
  readonly at: number;
  readonly script: number;
  readonly layout: number;
  readonly style: number;
  readonly task: number;
}

/** Chromium's cumulative main-thread times (s), from the DevTools protocol's `Performance.getMetrics`. */
async function readMetrics(cdp: CDPSession): Promise<MetricsSample> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const value = (name: string) => metrics.find((metric) => metric.name === name)?.value ?? 0;
  return {
    at: value('Timestamp'),
    script: value('ScriptDuration'),
    layout: value('LayoutDuration'),
    style: value('RecalcStyleDuration'),
    task: value('TaskDuration'),
  };
}

/** Per sampling interval: the share of wall time the main thread spent in script, layout, style. */
function phaseShares(samples: readonly MetricsSample[]): string[] {
  const lines: string[] = [];
  for (let index = 1; index < samples.length; index++) {
    const from = samples[index - 1]!;
    const to = samples[index]!;
    const wall = to.at - from.at;
    if (wall <= 0) continue;
    const share = (value: number) => `${((value / wall) * 100).toFixed(0)}%`;
    lines.push(
      `| ${(from.at - samples[0]!.at).toFixed(0)}–${(to.at - samples[0]!.at).toFixed(0)} | ${share(to.task - from.task)} | ${share(to.script - from.script)} | ${share(to.layout - from.layout)} | ${share(to.style - from.style)} |`,
    );
  }
  return lines;
}

/** The first long tasks, as `ms at s`: whether they come with the text's growth or at the start or end. */
function longTaskTimes(result: AgentAnswerResult): string {
  if (result.longTasksAt.length === 0) return '';
  const shown = result.longTasksAt
    .slice(0, 8)
    .map((task) => `${task.ms.toFixed(0)} ms at ${task.seconds.toFixed(1)} s`);
  const more =
    result.longTasksAt.length > shown.length ? `, ${result.longTasksAt.length - shown.length} more` : '';
  return `: ${shown.join(', ')}${more}`;
}

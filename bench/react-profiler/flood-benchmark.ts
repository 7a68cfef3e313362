// The flood row of the React benchmark alone, run after run, with the frames that held two commits and
// the components each of their commits started from. After `pnpm build`:
//   STEPLINE_BENCH_MINIFY=0 node --experimental-strip-types --disable-warning=ExperimentalWarning bench/react-profiler/flood-benchmark.ts [runs]
// (unminified: the components' names; the published figures come from react-profiler-benchmark.ts).
import { chromium } from 'playwright-core';
import { bundlePage } from './bundle-page.ts';
import type { BenchWindow, FloodOptions, FloodResult } from './results.ts';

const chromiumPath = process.env.STEPLINE_CHROMIUM ?? '/usr/bin/chromium';
const runs = Number(process.argv[2] ?? 5);
const options: FloodOptions = { eventsPerSecond: 5_000, seconds: 3, distinctSteps: 100, diagnose: true };

const bundle = await bundlePage();
const browser = await chromium.launch({
  executablePath: chromiumPath,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
});
try {
  for (let run = 1; run <= runs; run++) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: Error[] = [];
    page.on('pageerror', (error) => errors.push(error));
    await page.setContent(
      '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Stepline flood</title></head><body></body></html>',
    );
    await page.addStyleTag({ content: bundle.styles });
    await page.addScriptTag({ content: bundle.script });
    const result: FloodResult = await page.evaluate(
      (given) => (window as unknown as BenchWindow).steplineBench.flood(given),
      options,
    );
    await page.close();
    if (errors.length > 0) throw errors[0];
    process.stdout.write(
      `run ${run}: ${result.commits} commits in ${result.frames} frames (${(result.commits / result.frames).toFixed(2)} per frame), most in one frame ${result.maxCommitsInOneFrame}, frames with 2+ ${result.framesWithSeveralCommits}; rows ${result.domRowsSucceeded}/${result.domRows} success, run ${result.domRunStatus}\n`,
    );
    for (const frame of result.crowdedFrames ?? []) {
      process.stdout.write(`  frame at ${frame.frameMs.toFixed(0)} ms:\n`);
      for (const commit of frame.commits) {
        process.stdout.write(
          `    +${commit.atMs.toFixed(1)} ms, ${commit.rows} rows, ${commit.actualDuration.toFixed(1)} ms, from ${commit.causes.join(', ') || '?'}\n`,
        );
      }
    }
  }
} finally {
  await browser.close();
}

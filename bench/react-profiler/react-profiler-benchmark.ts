// The React part of `pnpm bench`: <WorkflowRun> in Debian's Chromium under the React Profiler, in React's
// production build. Runs alone too:
//   node --experimental-strip-types --disable-warning=ExperimentalWarning bench/react-profiler/react-profiler-benchmark.ts
import { existsSync } from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';
import { bundlePage } from './bundle-page.ts';
import type { BenchWindow, FloodOptions, FloodResult, LargeRunOptions, LargeRunResult } from './results.ts';

const chromiumPath = process.env.STEPLINE_CHROMIUM ?? '/usr/bin/chromium';
const viewport = { width: 1280, height: 900 };
/** The full size, or (quick) a smoke run of every row that finishes in seconds. */
function sizes(quick: boolean) {
  return {
    floodOptions: {
      eventsPerSecond: 5_000,
      seconds: quick ? 1 : 3,
      distinctSteps: 100,
    } satisfies FloodOptions,
    floodRuns: quick ? 1 : 3,
    largeSteps: quick ? 500 : 5_000,
    largeRuns: quick ? 1 : 5,
    unwindowedRuns: quick ? 1 : 3,
  };
}

type Bundle = Awaited<ReturnType<typeof bundlePage>>;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function medianOf<T>(results: readonly T[], pick: (result: T) => number): number {
  return median(results.map(pick));
}

const int = (value: number) => Math.round(value).toLocaleString('en-US');
const ms = (value: number) => (value < 10 ? value.toFixed(1) : Math.round(value).toLocaleString('en-US'));

/** One measurement in a fresh page, so every run starts from a cold page like a user's. */
async function inFreshPage<T>(
  browser: Browser,
  bundle: Bundle,
  measure: (page: Page) => Promise<T>,
): Promise<T> {
  const page = await browser.newPage({ viewport });
  const errors: Error[] = [];
  page.on('pageerror', (error) => errors.push(error));
  try {
    await page.setContent(
      '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Stepline React benchmark</title></head><body></body></html>',
    );
    await page.addStyleTag({ content: bundle.styles });
    await page.addScriptTag({ content: bundle.script });
    const result = await measure(page);
    if (errors.length > 0) throw errors[0];
    return result;
  } finally {
    await page.close();
  }
}

function runFlood(browser: Browser, bundle: Bundle, floodOptions: FloodOptions): Promise<FloodResult> {
  return inFreshPage(browser, bundle, (page) =>
    page.evaluate((options) => (window as unknown as BenchWindow).steplineBench.flood(options), floodOptions),
  );
}

function runLarge(browser: Browser, bundle: Bundle, options: LargeRunOptions): Promise<LargeRunResult> {
  return inFreshPage(browser, bundle, (page) =>
    page.evaluate((given) => (window as unknown as BenchWindow).steplineBench.largeRun(given), options),
  );
}

async function repeat<T>(runs: number, measure: () => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  for (let i = 0; i < runs; i++) results.push(await measure());
  return results;
}

function checkFlood(result: FloodResult): void {
  if (
    result.domRows === 0 ||
    result.domRowsSucceeded !== result.domRows ||
    result.domRunStatus !== 'success'
  ) {
    throw new Error(`After the flood the DOM did not show the finished run: ${JSON.stringify(result)}`);
  }
  if (result.commits === 0) {
    throw new Error('The Profiler reported no commits: react-dom/profiling is not in the bundle.');
  }
}

/**
 * Writes the section `## React: <WorkflowRun> under the React Profiler` through `out`, one line per call.
 * Needs the built packages (`pnpm run build`) and Chromium at /usr/bin/chromium (or `STEPLINE_CHROMIUM`).
 */
export async function reactProfilerSection(out: (line?: string) => void, quick = false): Promise<void> {
  const { floodOptions, floodRuns, largeSteps, largeRuns, unwindowedRuns } = sizes(quick);
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
  let floods: FloodResult[];
  let windowed: LargeRunResult[];
  let unwindowed: LargeRunResult[];
  try {
    floods = await repeat(floodRuns, () => runFlood(browser, bundle, floodOptions));
    windowed = await repeat(largeRuns, () => runLarge(browser, bundle, { steps: largeSteps }));
    unwindowed = await repeat(unwindowedRuns, () =>
      runLarge(browser, bundle, { steps: largeSteps, virtualizeAbove: Number.POSITIVE_INFINITY }),
    );
  } finally {
    await browser.close();
  }
  for (const result of floods) checkFlood(result);
  const version = browser.version();

  out('## React: <WorkflowRun> under the React Profiler');
  out();
  out(
    `Chromium ${version} headless (\`--disable-gpu\`), ${viewport.width}×${viewport.height} viewport; React 19.3.1 production build with \`react-dom/profiling\` (so \`<Profiler onRender>\` reports \`actualDuration\`) and \`@stepline/react/styles.css\`. The run reaches \`<WorkflowRun>\` as in an app: \`<SteplineProvider transport>\` with a \`RunTransport\` playing the server (Mastra-shaped chunks built with \`mastraEvents\` on \`observeRun\`; \`getRun\` answers with what Mastra would have stored). A \`<Profiler>\` around the provider counts commits, a \`requestAnimationFrame\` loop counts frames, and a \`<Profiler>\` around each row's default content (the public \`renderStep\` prop) counts timeline rows rendered. Each run in a fresh page.`,
  );
  out();

  const f = (pick: (result: FloodResult) => number) => medianOf(floods, pick);
  const worstFrame = Math.max(...floods.map((result) => result.maxCommitsInOneFrame));
  out(
    `### Flood: ${int(floodOptions.eventsPerSecond)} events/s for ${floodOptions.seconds} s into a mounted <WorkflowRun>`,
  );
  out();
  out(
    `The ingest stream's mix (sequential steps, parallel blocks, loops, foreach progress, writer and data-* chunks) over ${floods[0]!.distinctSteps} distinct step ids (under the 200 rows where the timeline windows, so every row is in the DOM; the timeline draws steps that overlapped in time as one group, and a loop's iterations span the run, so it draws fewer rows than ids), handed over by a timer loop that delivers every event due as one read (the busier the main thread, the more events per read); counted from the first event until the DOM shows the finished run. Median of ${floodRuns} runs; the most commits in one frame is the worst run's.`,
  );
  out();
  out(
    '| events | reads | s | frames | commits | commits per frame | most commits in one frame | frames with 2+ commits | render ms | ms per commit | largest commit ms | row renders |',
  );
  out('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  out(
    `| ${int(f((r) => r.events))} | ${int(f((r) => r.reads))} | ${f((r) => r.pushSeconds).toFixed(2)} | ${int(f((r) => r.frames))} | ${int(f((r) => r.commits))} | ${f((r) => r.commits / r.frames).toFixed(2)} | ${worstFrame} | ${int(f((r) => r.framesWithSeveralCommits))} | ${ms(f((r) => r.renderMs))} | ${f((r) => r.renderMs / r.commits).toFixed(2)} | ${ms(f((r) => r.largestCommitMs))} | ${int(f((r) => r.rowRenders))} |`,
  );
  out();
  out(
    `Afterwards the DOM held ${floods[0]!.domRows} timeline rows (for ${floods[0]!.distinctSteps} step ids), every one \`success\`, and the run \`success\`, in every run; from the last event to that DOM took ${ms(f((r) => r.settleMs))} ms. Each commit rendered ${f((r) => r.rowRenders / r.commits).toFixed(2)} timeline rows on average; the page asked for ${int(f((r) => r.frameRequests / r.frames))} \`requestAnimationFrame\` callbacks per frame. The page drew ${f((r) => r.frames / r.windowSeconds).toFixed(0)} frames/s during the flood (${f((r) => r.idleFramesPerSecond).toFixed(0)} when quiet).`,
  );
  out();
  out(
    `Target: at most one React commit per animation frame under the flood: **${worstFrame <= 1 ? 'met' : 'missed'}** (${f((r) => r.commits / r.frames).toFixed(2)} commits per frame; up to ${worstFrame} in one frame, in ${int(f((r) => r.framesWithSeveralCommits))} of ${int(f((r) => r.frames))} frames more than one).`,
  );
  out();

  out(`### A run of ${int(largeSteps)} steps`);
  out();
  out(
    `${int(largeSteps - 1)} sequential steps done and the last one running, as \`getRun\` returns it when the view attaches (the run loads after the mount commit, so first render is every commit from \`root.render\` until the DOM holds the rows). Then one \`step-result\` for the running step on the live stream, with the timeline scrolled to it. Median of ${largeRuns} runs windowed, ${unwindowedRuns} not windowed.`,
  );
  out();
  out(
    '| timeline | rows in the DOM | commits to the rows | mount commit ms | render ms | largest commit ms | wall ms to rows in the DOM | wall ms to the next frame |',
  );
  out('|---|---:|---:|---:|---:|---:|---:|---:|');
  const label = (results: LargeRunResult[]) =>
    results[0]!.windowed
      ? 'windowed (the default above 200 rows)'
      : 'not windowed (`virtualizeAbove: Infinity`)';
  for (const results of [windowed, unwindowed]) {
    const l = (pick: (result: LargeRunResult) => number) => medianOf(results, pick);
    out(
      `| ${label(results)} | ${int(l((r) => r.firstRender.rowsInDom))} of ${int(l((r) => r.firstRender.listSize))} | ${int(l((r) => r.firstRender.commits))} | ${ms(l((r) => r.firstRender.mountCommitMs))} | ${ms(l((r) => r.firstRender.renderMs))} | ${ms(l((r) => r.firstRender.largestCommitMs))} | ${ms(l((r) => r.firstRender.wallToRowsMs))} | ${ms(l((r) => r.firstRender.wallToPaintMs))} |`,
    );
  }
  out();
  out(
    '| one `step-result` | commits | render ms | rows re-rendered | rows in the DOM | wall ms to the DOM |',
  );
  out('|---|---:|---:|---:|---:|---:|');
  for (const results of [windowed, unwindowed]) {
    const l = (pick: (result: LargeRunResult) => number) => medianOf(results, pick);
    out(
      `| ${label(results)} | ${int(l((r) => r.update.commits))} | ${ms(l((r) => r.update.renderMs))} | ${int(l((r) => r.update.rowsRerendered))} | ${int(l((r) => r.update.rowsInDom))} | ${ms(l((r) => r.update.wallMs))} |`,
    );
  }
  out();
  const all = [...windowed, ...unwindowed];
  const onlyThatStep = all.every(
    (result) => result.update.rowsRerendered === 1 && result.update.rowIds[0] === result.update.stepId,
  );
  const rowCounts = [...new Set(all.map((result) => result.update.rowsRerendered))].sort((a, b) => a - b);
  out(
    `Target: a one-step update re-renders that step only: **${onlyThatStep ? 'met' : 'missed'}** (${onlyThatStep ? `1 row, \`${all[0]!.update.stepId}\`, in every run` : `${rowCounts.join(' to ')} rows re-rendered`}, counted by the per-row \`<Profiler>\`).`,
  );
  out();
}

if (import.meta.main) {
  await reactProfilerSection(
    (line = '') => process.stdout.write(`${line}\n`),
    process.env.BENCH_QUICK === '1',
  );
}

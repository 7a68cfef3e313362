#!/usr/bin/env node
// Screenshots of the run view, taken from the stories in Debian's Chromium through playwright-core:
// desktop and phone, light and dark, for the states a reader meets (running, waiting for a decision,
// decided, failed, canceled, a 300-step run). They land in docs/screenshots/ and the README links them.
//
//   node scripts/screenshots.mjs            builds Storybook (storybook-static/) first
//   node scripts/screenshots.mjs --no-build uses the storybook-static/ already there
//   node scripts/screenshots.mjs --only=decided,loop   only those states (after a change that touches them)
//
// A story's play function drives it (answering the card, pressing cancel); the script waits for the
// state it photographs, so the pictures come from the real components on recorded runs.
import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = fileURLToPath(new URL('..', import.meta.url));
const staticDir = join(root, 'storybook-static');
const outDir = join(root, 'docs', 'screenshots');

/** What to photograph: a story, and when it shows the state (evaluated in the story's page). */
const shots = [
  {
    name: 'running',
    story: 'screens--running',
    ready: () =>
      document.querySelector('[data-step-id="stage-04"]')?.getAttribute('data-status') === 'running',
  },
  {
    name: 'waiting',
    story: 'screens--waiting-for-decision',
    ready: () => document.querySelector('.stepline-form__decision') !== null,
  },
  {
    name: 'decided',
    story: 'workflowrun-approvals--content-brief-reject',
    ready: () =>
      document.querySelector('.stepline-run')?.getAttribute('data-outcome') === 'rejected' &&
      document.querySelector('.stepline-decision') !== null,
  },
  {
    name: 'loop',
    story: 'workflowrun-approvals--content-brief-revise-loop',
    ready: () =>
      document.querySelector('.stepline-run')?.getAttribute('data-status') === 'success' &&
      document.querySelectorAll('.stepline-step__round').length === 2,
  },
  {
    name: 'failed',
    story: 'workflowrun-recorded-runs--failure',
    ready: () =>
      document.querySelector('.stepline-run')?.getAttribute('data-status') === 'failed' &&
      document.querySelector('.stepline-inspector') !== null,
  },
  {
    name: 'canceled',
    story: 'workflowrun-recorded-runs--cancel-mid-run',
    ready: () => document.querySelector('.stepline-run')?.getAttribute('data-status') === 'canceled',
  },
  {
    name: 'big-run',
    story: 'workflowrun-recorded-runs--many-steps',
    ready: () => document.querySelector('.stepline-run')?.getAttribute('data-status') === 'success',
  },
];

const viewports = [
  { name: 'desktop', width: 1280, height: 900 },
  { name: 'phone', width: 390, height: 844 },
];
const themes = ['light', 'dark'];
const only = process.argv
  .find((arg) => arg.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',');

const types = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.bin': 'application/octet-stream',
};

function serve(dir) {
  const server = createServer((request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url, 'http://x').pathname)).replace(
      /^(\.\.[/\\])+/,
      '',
    );
    let file = join(dir, path);
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!file.startsWith(dir) || !existsSync(file)) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'Content-Type': types[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(response);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

if (!process.argv.includes('--no-build')) {
  const built = spawnSync('pnpm', ['run', 'storybook:build'], { cwd: root, stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
}
if (!existsSync(join(staticDir, 'iframe.html'))) {
  console.error('No storybook-static/: run without --no-build.');
  process.exit(1);
}
mkdirSync(outDir, { recursive: true });

const server = await serve(staticDir);
const base = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({
  executablePath: process.env.STEPLINE_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
});
let failed = 0;
try {
  for (const shot of shots.filter((candidate) => !only || only.includes(candidate.name))) {
    for (const theme of themes) {
      for (const viewport of viewports) {
        const file = join(outDir, `${shot.name}-${theme}-${viewport.name}.png`);
        const page = await browser.newPage({
          viewport: { width: viewport.width, height: viewport.height },
          colorScheme: theme,
          reducedMotion: 'reduce',
        });
        try {
          // Storybook's afterEach checks every story with axe in both themes, switching the canvas's theme
          // back and forth: a picture taken then showed the other theme. Its end is `storyFinished`.
          await page.addInitScript(() => {
            const wait = setInterval(() => {
              const channel = window.__STORYBOOK_ADDONS_CHANNEL__;
              if (!channel) return;
              clearInterval(wait);
              channel.on('storyFinished', () => {
                window.__steplineStoryFinished = true;
              });
            }, 5);
          });
          await page.goto(`${base}/iframe.html?id=${shot.story}&viewMode=story&globals=theme:${theme}`);
          await page.waitForFunction(() => window.__steplineStoryFinished === true, undefined, {
            timeout: 90_000,
          });
          await page.waitForFunction(shot.ready, undefined, { timeout: 45_000 });
          // Let the frame that showed the state settle (fonts, the inspector's layout).
          await page.waitForTimeout(400);
          await page.screenshot({ path: file });
          console.log(`✓ ${file.slice(root.length)}`);
        } catch (error) {
          failed++;
          console.error(
            `✕ ${shot.name} ${theme} ${viewport.name}: ${error instanceof Error ? error.message : error}`,
          );
        } finally {
          await page.close();
        }
      }
    }
  }
} finally {
  await browser.close();
  server.close();
}
process.exit(failed > 0 ? 1 : 0);

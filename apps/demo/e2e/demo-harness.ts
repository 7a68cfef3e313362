import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { launchChromium } from '@stepline/test-support';
import type { Browser } from 'playwright-core';
import { build } from 'vite';
import {
  type RestartableMastraServer,
  startRestartableServer,
} from '../../mastra-server/integration/restartable-server.ts';
import { type DemoServer, startDemoServer } from './demo-server.ts';

const appDir = resolve(import.meta.dirname, '..');

export interface DemoUnderTest {
  /** The real Mastra server the demo talks to; the test may kill and restart it. */
  readonly mastra: RestartableMastraServer;
  /** The built demo, with `/api` forwarded to Mastra (same origin, as under Vite). */
  readonly demo: DemoServer;
  readonly browser: Browser;
  close(): Promise<void>;
}

/**
 * The demo as the e2e tests drive it: `vite build` of apps/demo, the real Mastra server in a child
 * process on a temporary storage, a server for the build, and Debian's Chromium.
 */
export async function startDemoUnderTest(): Promise<DemoUnderTest> {
  const workDir = mkdtempSync(join(tmpdir(), 'stepline-demo-e2e-'));
  const outDir = join(workDir, 'dist');
  const [mastra] = await Promise.all([
    startRestartableServer(),
    build({ root: appDir, logLevel: 'warn', build: { outDir, emptyOutDir: true, sourcemap: false } }),
  ]);
  const demo = await startDemoServer({ distDir: outDir, apiPort: mastra.port });
  const browser = await launchChromium();
  return {
    mastra,
    demo,
    browser,
    async close() {
      await browser.close();
      await demo.close();
      await mastra.close();
      rmSync(workDir, { recursive: true, force: true });
    },
  };
}

import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

/** Debian's Chromium (`npm test` installs it), never a browser a test tool downloaded. */
export const chromiumPath = process.env.STEPLINE_CHROMIUM ?? '/usr/bin/chromium';

/**
 * Headless in a container without a GPU or a user namespace, and quiet: no calls home, no component
 * updates, no QUIC, no first-run or sync, which would put requests of their own on a test's network.
 */
export const chromiumArgs: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-quic',
  '--no-first-run',
  '--disable-sync',
];

/**
 * Launches the machine's Chromium for an end-to-end test, or says how to get one when it is missing.
 *
 * @example
 * const browser = await launchChromium();
 * const page = await browser.newPage();
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(chromiumPath)) {
    throw new Error(
      `Chromium not found at ${chromiumPath}: install Debian's chromium (.ci/run does) or set STEPLINE_CHROMIUM.`,
    );
  }
  return chromium.launch({ executablePath: chromiumPath, args: [...chromiumArgs] });
}

import { storybookTest } from '@storybook/addon-vitest/vitest-plugin';
import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';

// One vitest run for the whole workspace: each package or app is a project, so `pnpm test:unit` at the
// root covers everything and a single file can still be run with `vitest run path/to/file.test.ts`.
const source = (file: string) => new URL(`./packages/${file}`, import.meta.url).pathname;
// Tests run against the packages' source, so no build is needed between a change and its test; the
// private test-support package is source only.
const workspaceSource = {
  alias: [
    { find: /^@stepline\/client$/, replacement: source('client/src/index.ts') },
    { find: /^@stepline\/client\/testing$/, replacement: source('client/src/testing/index.ts') },
    { find: /^@stepline\/client\/wire$/, replacement: source('client/src/wire.ts') },
    { find: /^@stepline\/client\/server$/, replacement: source('client/src/server/index.ts') },
    { find: /^@stepline\/test-support$/, replacement: source('test-support/src/index.ts') },
  ],
};
// Debian's Chromium, never a browser downloaded by a test tool (README: `npm test` installs it).
const chromium = process.env.STEPLINE_CHROMIUM ?? '/usr/bin/chromium';

export default defineConfig({
  test: {
    projects: [
      {
        resolve: workspaceSource,
        test: {
          name: 'client',
          root: 'packages/client',
          // examples/: the framework-free examples, tested like the source (jsdom per file where needed).
          include: ['src/**/*.test.ts', 'examples/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          typecheck: { enabled: true, include: ['src/**/*.test-d.ts'], tsconfig: 'tsconfig.json' },
        },
      },
      {
        resolve: workspaceSource,
        test: {
          name: 'react',
          root: 'packages/react',
          include: ['src/**/*.test.{ts,tsx}'],
          environment: 'jsdom',
          testTimeout: 30_000,
          typecheck: { enabled: true, include: ['src/**/*.test-d.{ts,tsx}'], tsconfig: 'tsconfig.json' },
        },
      },
      {
        resolve: workspaceSource,
        test: {
          name: 'demo-e2e',
          root: 'apps/demo',
          include: ['e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 90_000,
          hookTimeout: 120_000,
        },
      },
      {
        // Every story in stories/ rendered in headless Chromium, its play function run as a test: the msw
        // worker replays the recorded Mastra streams (see .storybook/README.md).
        plugins: [storybookTest({ configDir: new URL('./.storybook', import.meta.url).pathname })],
        test: {
          name: 'storybook',
          testTimeout: 60_000,
          browser: {
            enabled: true,
            headless: true,
            provider: playwright({
              launchOptions: {
                executablePath: chromium,
                args: [
                  '--no-sandbox',
                  '--disable-gpu',
                  '--disable-background-networking',
                  '--disable-component-update',
                ],
              },
            }),
            instances: [{ browser: 'chromium' }],
          },
        },
      },
      {
        resolve: workspaceSource,
        // The benchmarks' own inputs, checked for what they claim to contain (the runs are `pnpm bench`).
        test: { name: 'bench', root: 'bench', include: ['*.test.ts'], environment: 'node' },
      },
      {
        resolve: workspaceSource,
        test: {
          // apps/next-example built with `next build`, served by `next start`, driven in Chromium.
          name: 'next-e2e',
          root: 'apps/next-example',
          include: ['e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 90_000,
          hookTimeout: 600_000,
        },
      },
      {
        resolve: workspaceSource,
        test: {
          name: 'mastra-server',
          root: 'apps/mastra-server',
          // integration/: the client driven against this real server (waits are on state; the timeouts
          // are only the backstop).
          include: ['src/**/*.test.ts', 'scripts/**/*.test.ts', 'integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});

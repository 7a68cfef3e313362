import { storybookTest } from '@storybook/addon-vitest/vitest-plugin';
import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';

// One vitest run for the whole workspace: each package or app is a project, so `pnpm test:unit` at the
// root covers everything and a single file can still be run with `vitest run path/to/file.test.ts`.
const clientSource = (file: string) => new URL(`./packages/client/src/${file}`, import.meta.url).pathname;
// Debian's Chromium, never a browser downloaded by a test tool (README: `npm test` installs it).
const chromium = process.env.STEPLINE_CHROMIUM ?? '/usr/bin/chromium';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'client',
          root: 'packages/client',
          include: ['src/**/*.test.ts'],
          environment: 'node',
          // Integration tests drive a real Mastra server; waits are on state, this is only the backstop.
          testTimeout: 30_000,
          typecheck: { enabled: true, include: ['src/**/*.test-d.ts'], tsconfig: 'tsconfig.json' },
        },
      },
      {
        resolve: {
          // Tests run against the core's source, so no build is needed between a change and its test.
          alias: [
            { find: /^@stepline\/client$/, replacement: clientSource('index.ts') },
            { find: /^@stepline\/client\/testing$/, replacement: clientSource('testing/index.ts') },
            { find: /^@stepline\/client\/server$/, replacement: clientSource('server/index.ts') },
          ],
        },
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
        test: {
          name: 'mastra-server',
          root: 'apps/mastra-server',
          include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});

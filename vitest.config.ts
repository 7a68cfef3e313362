import { defineConfig } from 'vitest/config';

// One vitest run for the whole workspace: each package or app is a project, so `pnpm test:unit` at the
// root covers everything and a single file can still be run with `vitest run path/to/file.test.ts`.
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

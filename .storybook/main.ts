import type { StorybookConfig } from '@storybook/react-vite';
import { mergeConfig, type UserConfig } from 'vite';

const source = (path: string) => new URL(`../packages/${path}`, import.meta.url).pathname;

const config: StorybookConfig = {
  framework: { name: '@storybook/react-vite', options: {} },
  stories: ['../stories/**/*.stories.@(ts|tsx)'],
  // The sidebar's test widget runs the `storybook` vitest project (the same tests as `pnpm test:unit`).
  addons: ['@storybook/addon-vitest'],
  // The msw worker script (`pnpm exec msw init .storybook/public` writes it; regenerate after an msw upgrade).
  staticDirs: ['./public'],
  core: {
    // Only the npm registry is reachable here, and nobody needs Storybook phoning home anyway.
    disableTelemetry: true,
    disableWhatsNewNotifications: true,
  },
  typescript: { reactDocgen: false },
  async viteFinal(viteConfig) {
    const stories: UserConfig = {
      resolve: {
        // Stories run on the packages' source, like the demo and the unit tests: no build in between.
        alias: [
          { find: /^@stepline\/client$/, replacement: source('client/src/index.ts') },
          { find: /^@stepline\/client\/testing$/, replacement: source('client/src/testing/index.ts') },
          { find: /^@stepline\/client\/wire$/, replacement: source('client/src/wire.ts') },
          { find: /^@stepline\/react$/, replacement: source('react/src/index.ts') },
          { find: /^@stepline\/react\/styles\.css$/, replacement: source('react/src/styles.css') },
        ],
        // packages/react resolves these from its own node_modules: one copy for the whole page.
        dedupe: ['react', 'react-dom', '@tanstack/react-query'],
      },
      build: {
        // The preview bundles React, the packages and the recordings: big, and fine for a static Storybook.
        chunkSizeWarningLimit: 4096,
        rolldownOptions: {
          onwarn(warning, warn) {
            // TanStack Query's "use client" directives mean nothing in a browser bundle.
            if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
            warn(warning);
          },
        },
      },
      optimizeDeps: {
        include: ['axe-core', '@tanstack/react-query', 'msw', 'msw/browser'],
      },
    };
    return mergeConfig(viteConfig, stories);
  },
};

export default config;

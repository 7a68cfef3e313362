import type { Options } from 'tsup';

/** What both builds (tsup.config.ts, tsup.modules.config.ts) must agree on, so they cannot drift apart. */
export const sharedBuildOptions = {
  sourcemap: true,
  // Rollup's tree-shaking pass would drop the 'use client' banner; esbuild's own bundling is enough.
  treeshake: false,
  target: 'es2022',
  // React, React Query and the core stay the app's own copies.
  external: ['react', 'react-dom', '@tanstack/react-query', '@stepline/client'],
  // Hooks and components run in the browser; Next.js's App Router needs to be told so.
  banner: { js: "'use client';" },
  esbuildOptions(options) {
    options.jsx = 'automatic';
  },
} satisfies Options;

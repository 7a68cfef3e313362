import { defineConfig } from 'tsup';

// The CommonJS build and the type declarations. The ESM files it writes are replaced by
// tsup.modules.config.ts (one file per module, so an app's bundler splits the lazy parts off), which
// `pnpm build` runs next.
export default defineConfig({
  // Approvals and agent transcript parts have their own entries so an app without them ships none of them.
  // Split chunks keep one copy of each context when an app requires several entries.
  entry: { index: 'src/index.ts', approvals: 'src/approvals.ts', agent: 'src/agent.ts' },
  format: ['esm', 'cjs'],
  splitting: true,
  dts: true,
  sourcemap: true,
  clean: true,
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
});

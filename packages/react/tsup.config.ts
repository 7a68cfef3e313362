import { defineConfig } from 'tsup';
import { sharedBuildOptions } from './tsup.shared';

// The CommonJS build and the type declarations. The ESM files it writes are replaced by
// tsup.modules.config.ts (one file per module, so an app's bundler splits the lazy parts off), which
// `pnpm build` runs next.
export default defineConfig({
  // Approvals, agent transcript parts and the step inspector have their own entries so an app without
  // them ships none of them. Split chunks keep one copy of each context when an app requires several entries.
  entry: {
    index: 'src/index.ts',
    approvals: 'src/approvals.ts',
    agent: 'src/agent.ts',
    inspector: 'src/inspector.ts',
  },
  format: ['esm', 'cjs'],
  splitting: true,
  dts: true,
  clean: true,
  ...sharedBuildOptions,
});

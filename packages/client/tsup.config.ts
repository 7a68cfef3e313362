import { defineConfig } from 'tsup';

// The CommonJS build and the type declarations. The ESM files it writes are replaced by
// tsup.modules.config.ts (one file per module), which `pnpm build` runs next.
export default defineConfig({
  // Separate entries so a browser bundle that imports the core never pulls in the server relay, the
  // testing helpers or the pipeline stages it does not call.
  entry: {
    index: 'src/index.ts',
    wire: 'src/wire.ts',
    server: 'src/server/index.ts',
    testing: 'src/testing/index.ts',
  },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  treeshake: true,
  target: 'es2022',
  // eventsource-parser 4 ships ESM only; bundling its ~2 kB keeps the CommonJS build loadable everywhere.
  noExternal: ['eventsource-parser'],
});

import { defineConfig } from 'tsup';

export default defineConfig({
  // Three entries so a browser bundle that imports the core never pulls in the server relay or the
  // testing helpers.
  entry: { index: 'src/index.ts', server: 'src/server/index.ts', testing: 'src/testing/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  treeshake: true,
  target: 'es2022',
  // eventsource-parser 4 ships ESM only; bundling its ~2 kB keeps the CommonJS build loadable everywhere.
  noExternal: ['eventsource-parser'],
});

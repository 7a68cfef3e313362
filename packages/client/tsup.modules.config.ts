import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { defineConfig } from 'tsup';
import { moduleFiles } from '../../scripts/tsup-module-files';

// The ESM build, one file per module (`pnpm build` runs it after tsup.config.ts, which writes the CommonJS
// build and the type declarations).
export default defineConfig({
  entry: ['src/**/*.ts', '!src/**/*.test.ts', '!src/**/*.test-d.ts', '!src/controller/fault-test-kit.ts'],
  format: ['esm'],
  bundle: true,
  splitting: false,
  dts: false,
  clean: false,
  sourcemap: true,
  treeshake: false,
  target: 'es2022',
  // A dependency like any other here (ESM only, which this build is); the CommonJS build bundles it.
  external: ['eventsource-parser', '@mastra/client-js'],
  esbuildPlugins: [moduleFiles(['.ts'])],
  // The bundled ESM files of the first build are replaced by the module files; `/server` and `/testing`
  // keep their published paths as re-exports of their folders' index modules.
  async onSuccess() {
    for (const name of readdirSync('dist')) {
      if (/^chunk-[A-Z0-9]+\.js(\.map)?$/.test(name)) rmSync(`dist/${name}`);
    }
    for (const entry of ['server', 'testing']) {
      rmSync(`dist/${entry}.js.map`, { force: true });
      writeFileSync(`dist/${entry}.js`, `export * from './${entry}/index.js';\n`);
    }
  },
});

import { existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { defineConfig, type Options } from 'tsup';

type Plugin = NonNullable<Options['esbuildPlugins']>[number];

/**
 * Every relative import stays an import of the module's own file (`./model/run-store.js`): each source
 * module becomes one ESM file, so an app's bundler sees the real module graph, puts the client code that
 * only a lazy React part uses (an inspector's, an approval form's) into that part's chunk, and drops
 * whole modules it does not use. Bundled into shared chunks, all of it sat in the first load.
 */
const moduleFiles: Plugin = {
  name: 'stepline-module-files',
  setup(build) {
    build.onResolve({ filter: /^\.\.?\// }, (args) => {
      if (args.kind === 'entry-point') return undefined;
      const base = resolve(args.resolveDir, args.path);
      for (const [suffix, written] of [
        ['.ts', '.js'],
        ['/index.ts', '/index.js'],
      ] as const) {
        if (existsSync(base + suffix)) return { path: args.path + written, external: true };
      }
      return { errors: [{ text: `Cannot find ${args.path} from ${dirname(args.importer)}` }] };
    });
  },
};

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
  esbuildPlugins: [moduleFiles],
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

import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { defineConfig, type Options } from 'tsup';
import { sharedBuildOptions } from './tsup.shared';

type Plugin = NonNullable<Options['esbuildPlugins']>[number];

/**
 * Every relative import stays an import of the module's own file (`./format.js`, `./agent-transcript/index.js`):
 * each source module becomes one ESM file, so an app's bundler sees the real module graph. Bundled into
 * shared chunks, a lazy part was lazy only in name: the approval form's code sat in the chunk every view
 * imports, and Vite put it into the first load.
 */
const moduleFiles: Plugin = {
  name: 'stepline-module-files',
  setup(build) {
    build.onResolve({ filter: /^\.\.?\// }, (args) => {
      if (args.kind === 'entry-point') return undefined;
      const base = resolve(args.resolveDir, args.path);
      for (const [suffix, written] of [
        ['.ts', '.js'],
        ['.tsx', '.js'],
        ['/index.ts', '/index.js'],
        ['/index.tsx', '/index.js'],
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
  entry: ['src/**/*.ts', 'src/**/*.tsx', '!src/**/*.test.ts', '!src/**/*.test.tsx', '!src/**/*.test-d.ts'],
  format: ['esm'],
  bundle: true,
  splitting: false,
  dts: false,
  clean: false,
  ...sharedBuildOptions,
  esbuildPlugins: [moduleFiles],
  // The bundled ESM chunks of the first build (shared chunks, and one per lazily imported module) are
  // replaced by the module files.
  async onSuccess() {
    const { readdir, rm } = await import('node:fs/promises');
    for (const name of await readdir('dist')) {
      if (/^[a-z-]+-[A-Z0-9]{8}\.js(\.map)?$/.test(name)) await rm(`dist/${name}`);
    }
  },
});

import { defineConfig } from 'tsup';
import { moduleFiles } from '../../scripts/tsup-module-files';
import { sharedBuildOptions } from './tsup.shared';

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
  esbuildPlugins: [moduleFiles(['.ts', '.tsx'])],
  // The bundled ESM chunks of the first build (shared chunks, and one per lazily imported module) are
  // replaced by the module files.
  async onSuccess() {
    const { readdir, rm } = await import('node:fs/promises');
    for (const name of await readdir('dist')) {
      if (/^[a-z-]+-[A-Z0-9]{8}\.js(\.map)?$/.test(name)) await rm(`dist/${name}`);
    }
  },
});

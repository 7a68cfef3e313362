import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig, type Options } from 'tsup';

type Plugin = NonNullable<Options['esbuildPlugins']>[number];

/**
 * The ESM build (`pnpm build` runs it after tsup.config.ts, which writes the CommonJS build, the type
 * declarations and ESM files this one replaces). All the browser code is ONE module, `dist/core.js`
 * (esm-core.ts): an app's bundler then lays the client's code out in import order. Bundled as shared
 * chunks (index, wire, server and testing splitting them), the same code gzipped 0.4-0.6 kB worse in
 * every React view and in `@stepline/client` whole, for the same minified bytes. `dist/index.js` and
 * `dist/wire.js` re-export their names from it; `/server` and `/testing` import from it what they share
 * with it.
 */
const shared = {
  format: ['esm'],
  dts: false,
  sourcemap: true,
  clean: false,
  treeshake: true,
  splitting: false,
  target: 'es2022',
  // eventsource-parser 4 is ESM only; bundled as in tsup.config.ts.
  noExternal: ['eventsource-parser'],
} satisfies Options;

const coreFile = resolve('esm-core.ts');
const coreModules = new Set(
  [...readFileSync(coreFile, 'utf8').matchAll(/^export \* from '(.+)';$/gm)].map((match) =>
    resolve(`${match[1]!.replace(/^\.\//, '')}.ts`),
  ),
);

/** The names an entry exports at run time, as esbuild bundles it. */
async function exportsOf(build: Parameters<Plugin['setup']>[0], entry: string): Promise<string[]> {
  const result = await build.esbuild.build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    metafile: true,
    format: 'esm',
    outdir: 'dist',
    external: ['eventsource-parser'],
    logLevel: 'silent',
  });
  return Object.values(result.metafile.outputs).flatMap((output) => output.exports);
}

/** Writes `dist/index.js` and `dist/wire.js` as re-exports of the core, and drops the replaced files. */
const entryFiles: Plugin = {
  name: 'stepline-entry-files',
  setup(build) {
    build.onEnd(async (result) => {
      if (result.errors.length > 0) return;
      for (const name of ['index', 'wire']) {
        const names = await exportsOf(build, `src/${name}.ts`);
        writeFileSync(`dist/${name}.js`, `export { ${names.join(', ')} } from './core.js';\n`);
        rmSync(`dist/${name}.js.map`, { force: true });
      }
      for (const file of readdirSync('dist')) {
        if (/^chunk-[A-Z0-9]+\.js(\.map)?$/.test(file)) rmSync(`dist/${file}`);
      }
    });
  },
};

/** `/server` and `/testing`: a module the core holds is imported from it, never bundled a second time. */
const fromCore: Plugin = {
  name: 'stepline-from-core',
  setup(build) {
    let graph: Promise<Set<string>> | undefined;
    const coreGraph = () => {
      graph ??= build.esbuild
        .build({
          entryPoints: ['src/index.ts', 'src/wire.ts'],
          bundle: true,
          write: false,
          metafile: true,
          format: 'esm',
          outdir: 'dist',
          external: ['eventsource-parser'],
          logLevel: 'silent',
        })
        .then((result) => new Set(Object.keys(result.metafile.inputs).map((input) => resolve(input))));
      return graph;
    };
    build.onResolve({ filter: /^\.\.?\// }, async (args) => {
      if (args.kind === 'entry-point') return undefined;
      const file = resolve(args.resolveDir, `${args.path}.ts`);
      if (coreModules.has(file)) return { path: './core.js', external: true };
      if ((await coreGraph()).has(file)) {
        return {
          errors: [
            {
              text: `${args.path} (from ${args.importer}) is part of the core: re-export it from esm-core.ts`,
            },
          ],
        };
      }
      return undefined;
    });
  },
};

export default defineConfig([
  { ...shared, entry: { core: 'esm-core.ts' }, esbuildPlugins: [entryFiles] },
  {
    ...shared,
    entry: { server: 'src/server/index.ts', testing: 'src/testing/index.ts' },
    esbuildPlugins: [fromCore],
  },
]);

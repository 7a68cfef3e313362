import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Options } from 'tsup';

type Plugin = NonNullable<Options['esbuildPlugins']>[number];

/**
 * The esbuild plugin behind both packages' one-file-per-module ESM builds: every relative import stays an
 * import of the module's own file (`./format.js`, `./model/run-store.js`, `./agent-transcript/index.js`),
 * so each source module becomes one ESM file and an app's bundler sees the real module graph. Bundled into
 * shared chunks, a lazy part was lazy only in name: its code (and the client code only it uses) sat in a
 * chunk every view imports, and Vite put it into the first load.
 *
 * @param sourceExtensions the package's source file extensions, e.g. `['.ts', '.tsx']`
 */
export function moduleFiles(sourceExtensions: readonly string[]): Plugin {
  const candidates = sourceExtensions.flatMap((extension) => [
    [extension, '.js'],
    [`/index${extension}`, '/index.js'],
  ]);
  // In the order a resolver tries them: a module file before a folder's index.
  candidates.sort((a, b) => Number(a[0].startsWith('/')) - Number(b[0].startsWith('/')));
  return {
    name: 'stepline-module-files',
    setup(build) {
      build.onResolve({ filter: /^\.\.?\// }, (args) => {
        if (args.kind === 'entry-point') return undefined;
        const base = resolve(args.resolveDir, args.path);
        for (const [suffix, written] of candidates) {
          if (existsSync(base + suffix)) return { path: args.path + written, external: true };
        }
        return { errors: [{ text: `Cannot find ${args.path} from ${dirname(args.importer)}` }] };
      });
    },
  };
}

import { resolve } from 'node:path';
import { build } from 'esbuild';

/**
 * page.tsx and everything it imports, as a script and a stylesheet: React's production build, with `react-dom/client`
 * swapped for `react-dom/profiling` (the production build that keeps `<Profiler onRender>` timings), the
 * built `@stepline/react` and `@stepline/client` dists, and `@stepline/react/styles.css`.
 */
export async function bundlePage(): Promise<{ script: string; styles: string }> {
  const result = await build({
    entryPoints: [resolve(import.meta.dirname, 'page.tsx')],
    absWorkingDir: resolve(import.meta.dirname, '..'),
    bundle: true,
    // STEPLINE_BENCH_MINIFY=0 keeps function names, for reading a CPU profile (STEPLINE_CPU_PROFILE).
    minify: process.env.STEPLINE_BENCH_MINIFY !== '0',
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    alias: { 'react-dom/client': 'react-dom/profiling' },
    outdir: 'out', // not written: the outputs are read from memory
    write: false,
    logLevel: 'silent',
  });
  const script = result.outputFiles.find((file) => file.path.endsWith('.js'))?.text;
  const styles = result.outputFiles.find((file) => file.path.endsWith('.css'))?.text;
  if (!script || !styles)
    throw new Error('The React benchmark page did not bundle into a script and a stylesheet.');
  return { script, styles };
}

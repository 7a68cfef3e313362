// What an app built with Vite ships for a Stepline view: `node scripts/app-bundle-size.mjs` (after
// `pnpm build`). size-limit (`pnpm size`) bundles each row into one esbuild file with every import()
// inlined, which cannot tell a part an app loads later from one it loads first; this builds each row as
// an app does (Vite, code splitting, the packages' published dist) and sums the gzip of the chunks loaded
// before anything lazy, then of the rest. React, React DOM, zod and React Query stay external (the views
// do not use React Query).
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const rows = [
  { name: 'provider and hooks', names: 'SteplineProvider, useWorkflowRun, useRunStep' },
  {
    name: 'timeline view (provider, useWorkflowRun, RunTimeline)',
    names: 'SteplineProvider, useWorkflowRun, RunTimeline',
  },
  {
    name: "timeline view on the app's own transport (SteplineTransportProvider)",
    names: 'SteplineTransportProvider, useWorkflowRun, RunTimeline',
  },
  { name: '<WorkflowRun> (SteplineProvider, WorkflowRun)', names: 'SteplineProvider, WorkflowRun' },
];

const kB = (bytes) => `${(bytes / 1024).toFixed(2)} kB`;
const work = mkdtempSync(join(tmpdir(), 'stepline-app-size-'));
try {
  for (const row of rows) {
    const entry = join(work, 'entry.js');
    const outDir = join(work, 'out');
    writeFileSync(entry, `export { ${row.names} } from '${join(root, 'packages/react/dist/index.js')}';\n`);
    await build({
      root: work,
      logLevel: 'silent',
      configFile: false,
      build: {
        outDir,
        emptyOutDir: true,
        minify: true,
        lib: { entry, formats: ['es'], fileName: () => 'main.js' },
        rollupOptions: {
          external: ['react', 'react-dom', 'react/jsx-runtime', 'zod', '@tanstack/react-query'],
          // 'use client' is meant for the app's bundler; it has nothing to say in this one.
          onwarn: () => {},
        },
      },
    });
    const gzip = (file) => gzipSync(readFileSync(join(outDir, file))).length;
    const first = new Set();
    const visit = (file) => {
      if (first.has(file)) return;
      first.add(file);
      const text = readFileSync(join(outDir, file), 'utf8');
      for (const match of text.matchAll(/(?:import|from)\s*["']\.\/([^"']+)["']/g)) visit(match[1]);
    };
    visit('main.js');
    const files = readdirSync(outDir).filter((file) => /\.m?js$/.test(file));
    const firstLoad = [...first].reduce((sum, file) => sum + gzip(file), 0);
    const all = files.reduce((sum, file) => sum + gzip(file), 0);
    console.log(
      `${row.name}: first load ${kB(firstLoad)}, lazy ${kB(all - firstLoad)} (${files.length - first.size} chunks), all ${kB(all)}`,
    );
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

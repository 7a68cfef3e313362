// What an app built with Vite ships for a Stepline view: `node scripts/app-bundle-size.mjs` (after
// `pnpm build`). size-limit (`pnpm size`) bundles each row into one esbuild file with every import()
// inlined, which cannot tell a part an app loads later from one it loads first; this builds each row as
// an app does (Vite's app build, code splitting, the packages' published dist) and sums the gzip of the
// chunks loaded before anything lazy, then lists each lazy chunk. React, React DOM, zod and React Query stay
// external (the views do not use React Query). kB = 1,000 bytes, as size-limit and BENCHMARKS.md count.
//
// An app build, not a library build: Vite leaves a library's ES output unminified in whitespace and never
// lets a lazy chunk import from the entry (it keeps the entry's exports exact), so every part shared with
// a lazy chunk becomes a chunk of its own; both made the figures several kB larger than an app ships.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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
    name: 'timeline view with its opt-in parts (RunTimeline, stepDetails, StepAgentOutput)',
    names: 'SteplineProvider, useWorkflowRun, RunTimeline, stepDetails, StepAgentOutput',
  },
  {
    name: "timeline view on the app's own transport (SteplineTransportProvider)",
    names: 'SteplineTransportProvider, useWorkflowRun, RunTimeline',
  },
  { name: '<WorkflowRun> (SteplineProvider, WorkflowRun)', names: 'SteplineProvider, WorkflowRun' },
];

const kB = (bytes) => `${(bytes / 1000).toFixed(2)} kB`;

/**
 * Each row built as an app: its first load (gzip bytes of the entry chunk and the chunks it imports
 * statically) and each lazy chunk. `pnpm bench` writes these into BENCHMARKS.md.
 *
 * @returns {Promise<{ name: string, firstLoad: number, later: number, lazy: { name: string, bytes: number }[] }[]>}
 */
export async function appBundleSizes() {
  const measured = [];
  const work = mkdtempSync(join(tmpdir(), 'stepline-app-size-'));
  try {
    for (const row of rows) {
      const entry = join(work, 'entry.js');
      // The app uses what it imports (an unused import would be shaken out).
      writeFileSync(
        entry,
        `import { ${row.names} } from '${join(root, 'packages/react/dist/index.js')}';\nglobalThis.stepline = { ${row.names} };\n`,
      );
      const result = await build({
        root: work,
        logLevel: 'silent',
        configFile: false,
        build: {
          outDir: join(work, 'out'),
          emptyOutDir: true,
          minify: true,
          // Vite's preload helper is the app's, whatever it lazy-loads; it is left out of Stepline's figures.
          modulePreload: false,
          rollupOptions: {
            input: entry,
            preserveEntrySignatures: false,
            external: ['react', 'react-dom', 'react/jsx-runtime', 'zod', '@tanstack/react-query'],
            // 'use client' is meant for the app's bundler; it has nothing to say in this one.
            onwarn: () => {},
          },
        },
      });
      const chunks = new Map(
        (Array.isArray(result) ? result[0] : result).output
          .filter((output) => output.type === 'chunk')
          .map((chunk) => [chunk.fileName, chunk]),
      );
      const gzip = (chunk) => gzipSync(chunk.code).length;
      const first = new Set();
      const visit = (fileName) => {
        const chunk = chunks.get(fileName);
        if (!chunk || first.has(fileName)) return;
        first.add(fileName);
        for (const imported of chunk.imports) visit(imported);
      };
      for (const chunk of chunks.values()) if (chunk.isEntry) visit(chunk.fileName);
      const lazy = [...chunks.values()]
        .filter((chunk) => !first.has(chunk.fileName))
        .map((chunk) => ({ name: chunk.name, bytes: gzip(chunk) }));
      measured.push({
        name: row.name,
        firstLoad: [...first].reduce((sum, fileName) => sum + gzip(chunks.get(fileName)), 0),
        later: lazy.reduce((sum, chunk) => sum + chunk.bytes, 0),
        lazy,
      });
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return measured;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const row of await appBundleSizes()) {
    const parts = row.lazy.map((chunk) => `${chunk.name} ${kB(chunk.bytes)}`).join(', ');
    console.log(
      `${row.name}: first load ${kB(row.firstLoad)}, lazy ${kB(row.later)} (${row.lazy.length} chunks${parts ? `: ${parts}` : ''}), all ${kB(row.firstLoad + row.later)}`,
    );
  }
}

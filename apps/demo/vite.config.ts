import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const source = (path: string) => new URL(`../../packages/${path}`, import.meta.url).pathname;
const mastraUrl = process.env.STEPLINE_MASTRA_URL ?? 'http://127.0.0.1:4111';

export default defineConfig({
  plugins: [react()],
  resolve: {
    // The demo runs on the packages' source: a change shows up without a build.
    alias: [
      { find: /^@stepline\/client$/, replacement: source('client/src/index.ts') },
      { find: /^@stepline\/react$/, replacement: source('react/src/index.ts') },
      { find: /^@stepline\/react\/styles\.css$/, replacement: source('react/src/styles.css') },
    ],
  },
  server: {
    host: '127.0.0.1',
    port: Number(process.env.STEPLINE_DEMO_PORT ?? 5173),
    // Same origin for the browser: the demo calls /api (and the example server's /custom/runs, the runs
    // of every workflow in one request) and Vite forwards them to the Mastra server.
    proxy: {
      '/api': { target: mastraUrl, changeOrigin: true },
      '/custom': { target: mastraUrl, changeOrigin: true },
    },
  },
  build: { outDir: 'dist', sourcemap: true },
});

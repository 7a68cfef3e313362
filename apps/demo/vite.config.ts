import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const source = (path: string) => new URL(`../../packages/${path}`, import.meta.url).pathname;
const mastraUrl = process.env.STEPLINE_MASTRA_URL ?? 'http://127.0.0.1:4111';
const routePath = '/stepline';

/**
 * The demo's Stepline route (server/demo-route.ts) on Vite's dev server, loaded through Vite so it runs on
 * the packages' source like the page: the browser asks the demo's origin, the route asks Mastra.
 */
function steplineRoute(): Plugin {
  return {
    name: 'stepline-route',
    configureServer(server) {
      let listener: Promise<(req: never, res: never) => Promise<void>> | undefined;
      server.middlewares.use((req, res, next) => {
        if (!req.url?.startsWith(`${routePath}/`)) return next();
        listener ??= Promise.all([
          server.ssrLoadModule('/server/demo-route.ts'),
          server.ssrLoadModule('@stepline/client/server'),
        ]).then(([demo, stepline]) => stepline.toNodeListener(demo.createDemoRoute(mastraUrl)));
        listener.then((listen) => listen(req as never, res as never)).catch(next);
      });
    },
  };
}

export default defineConfig({
  plugins: [react(), steplineRoute()],
  resolve: {
    // The demo runs on the packages' source: a change shows up without a build.
    alias: [
      { find: /^@stepline\/client$/, replacement: source('client/src/index.ts') },
      { find: /^@stepline\/client\/server$/, replacement: source('client/src/server/index.ts') },
      { find: /^@stepline\/react$/, replacement: source('react/src/index.ts') },
      { find: /^@stepline\/react\/styles\.css$/, replacement: source('react/src/styles.css') },
    ],
  },
  server: {
    host: '127.0.0.1',
    port: Number(process.env.STEPLINE_DEMO_PORT ?? 5173),
    // Same origin for the browser: runs go through the Stepline route above; the start form's list of
    // workflows and their input schemas are read from Mastra's /api, which Vite forwards.
    proxy: { '/api': { target: mastraUrl, changeOrigin: true } },
  },
  build: { outDir: 'dist', sourcemap: true },
});

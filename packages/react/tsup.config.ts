import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  treeshake: true,
  target: 'es2022',
  // React, React Query and the core stay the app's own copies.
  external: ['react', 'react-dom', '@tanstack/react-query', '@stepline/client'],
  esbuildOptions(options) {
    options.jsx = 'automatic';
  },
});

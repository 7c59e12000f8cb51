import { defineConfig } from 'vite';

/** The page's bundle: built from web/ into dist/web with content-hashed names, served by Express. */
export default defineConfig({
  root: 'web',
  base: '/',
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    // Sigma and graphology are the bulk of the bundle; one chunk keeps first load to few requests.
    chunkSizeWarningLimit: 1500,
  },
  worker: { format: 'es' },
});

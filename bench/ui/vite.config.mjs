import { defineConfig } from 'vite';

/** The baseline page of `npm run bench:ui`: bare sigma and ForceAtlas2, no app code. Never served by the app. */
export default defineConfig({
  root: 'bench/ui/page',
  base: '/bench/',
  logLevel: 'warn',
  build: { outDir: '../../../dist/bench-ui', emptyOutDir: true, chunkSizeWarningLimit: 1500 },
});

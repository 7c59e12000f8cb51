// Builds the baseline page of `npm run bench:ui` (bare sigma and ForceAtlas2) into dist/bench-ui.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildPage } from '../../web/build-web.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
await buildPage({
  html: 'bench/ui/page/index.html',
  entry: 'bench/ui/page/baseline.ts',
  outDir: path.join(root, 'dist', 'bench-ui'),
  base: '/bench/',
});

/* global console, process */
// Bundles the page with esbuild into dist/web: content-hashed file names under /assets, and an index.html
// that names them. Run by `npm run build` (and so by `npm start`) and before the browser tests.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Builds one page: `entry` and, when given, a web worker bundled first so that the page can be told
 * the worker's hashed URL (esbuild does not rewrite `new Worker(new URL(...))`).
 */
export async function buildPage({ html, entry, worker, outDir, base = '/' }) {
  fs.rmSync(outDir, { recursive: true, force: true });
  const assets = path.join(outDir, 'assets');
  const common = {
    bundle: true,
    format: 'esm',
    target: 'es2022',
    minify: true,
    sourcemap: true,
    outdir: assets,
    entryNames: '[name]-[hash]',
    assetNames: '[name]-[hash]',
    metafile: true,
    logLevel: 'warning',
    absWorkingDir: root,
  };
  const define = {};
  if (worker) {
    const built = await esbuild.build({ ...common, entryPoints: [worker] });
    define.__LAYOUT_WORKER_URL__ = JSON.stringify(`${base}assets/${outputName(built.metafile, '.js')}`);
  }
  const page = await esbuild.build({ ...common, entryPoints: [entry], define });
  const script = outputName(page.metafile, '.js');
  const style = outputName(page.metafile, '.css');
  const tags = [
    style ? `<link rel="stylesheet" href="${base}assets/${style}" />` : '',
    `<script type="module" src="${base}assets/${script}"></script>`,
  ].join('\n    ');
  const template = fs.readFileSync(path.join(root, html), 'utf8');
  if (!template.includes('<!-- assets -->'))
    throw new Error(`build-web: ${html} has no <!-- assets --> marker`);
  fs.writeFileSync(path.join(outDir, 'index.html'), template.replace('<!-- assets -->', tags));
}

function outputName(metafile, extension) {
  const file = Object.keys(metafile.outputs).find((name) => name.endsWith(extension));
  return file ? path.basename(file) : undefined;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildPage({
    html: 'web/index.html',
    entry: 'web/src/main.ts',
    worker: 'web/src/layout-worker.ts',
    outDir: path.join(root, 'dist', 'web'),
  });
  console.log('built dist/web');
}

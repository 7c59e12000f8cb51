/**
 * `npm run bench:ui`: how the map copes with an analyst-sized graph. A synthetic network of 10,000 actors
 * and 50,000 relations is loaded into the real service; headless Chromium opens the page and reports the
 * time to the first drawn frame and the layout's iterations per second, each against a baseline measured
 * in the same run (bare sigma on the same network; ForceAtlas2 on the main thread). No thresholds: a
 * benchmark prints, it does not judge.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import express from 'express';
import type { Actor, ActorKind } from '../../src/model/actor-schema';
import { createApp } from '../../src/app';
import { PROJECT_ROOT } from '../../src/config/config';
import { testConfig } from '../../tests/support/test-config';
import { type Relation } from '../../src/model/relation-schema';
import { RELATION_TYPES } from '../../src/model/relation-vocabulary';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store';
import { WEB_DIST_DIR } from '../../src/web/web-routes';
import { CHROMIUM_PATH, launchChromium } from '../../tests/browser/browser-harness';

const ACTORS = Number(process.env.BENCH_ACTORS ?? 10_000);
const RELATIONS = Number(process.env.BENCH_RELATIONS ?? 50_000);
const BASELINE_DIR = path.join(PROJECT_ROOT, 'dist', 'bench-ui');
const KINDS: ActorKind[] = [
  'state',
  'government',
  'agency',
  'official',
  'person',
  'organization',
  'expert',
  'media',
];

/** A small deterministic generator, so every run measures the same graph. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

/** Actors with a skewed number of ties (a few hubs, many peripheral actors), as in real news graphs. */
function syntheticGraph(): { actors: Actor[]; relations: Relation[] } {
  const next = random(42);
  const actors: Actor[] = Array.from({ length: ACTORS }, (_, i) => ({
    id: `actor-${i}`,
    name: `Actor ${i}`,
    aliases: [],
    kind: KINDS[i % KINDS.length]!,
  }));
  const pick = () => Math.floor(ACTORS * next() ** 2);
  const relations: Relation[] = [];
  for (let i = 0; relations.length < RELATIONS; i += 1) {
    const sourceId = pick();
    const targetId = Math.floor(ACTORS * next());
    if (sourceId === targetId) continue;
    relations.push({
      id: `relation-${i}`,
      sourceId: `actor-${sourceId}`,
      targetId: `actor-${targetId}`,
      type: RELATION_TYPES[Math.floor(next() * RELATION_TYPES.length)]!,
      date: `2025-0${1 + Math.floor(next() * 9)}-1${Math.floor(next() * 10)}`,
      datePrecision: 'day',
      confidence: 1,
      method: 'manual',
      reviewStatus: 'accepted',
    });
  }
  return { actors, relations };
}

function ensureBuilt(): void {
  if (!fs.existsSync(path.join(WEB_DIST_DIR, 'index.html')))
    execFileSync(process.execPath, ['web/build-web.mjs'], { stdio: 'inherit', cwd: PROJECT_ROOT });
  execFileSync(process.execPath, ['bench/ui/build-baseline.mjs'], { stdio: 'inherit', cwd: PROJECT_ROOT });
}

const ms = (value: number) => `${Math.round(value)} ms`;

async function main(): Promise<void> {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    console.log(`bench:ui skipped: no Chromium at ${CHROMIUM_PATH} (apt-get install chromium)`);
    return;
  }
  ensureBuilt();
  const store = openSqliteStore({ dataDir: ':memory:' });
  const loadStarted = Date.now();
  await store.upsertSnapshot(syntheticGraph());
  console.log(`loaded ${ACTORS} actors and ${RELATIONS} relations in ${ms(Date.now() - loadStarted)}`);

  // The service refuses networks above ANALYTICS_MAX_NODES (5000 by default); this one is bigger on purpose.
  const defaults = testConfig();
  const config = {
    ...defaults,
    analytics: {
      ...defaults.analytics,
      maxNodes: Math.max(defaults.analytics.maxNodes, ACTORS),
      maxEdges: Math.max(defaults.analytics.maxEdges, RELATIONS),
    },
  };
  const server = express()
    .use('/bench', express.static(BASELINE_DIR))
    .use(createApp(store, config))
    .listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // One request before measuring, so that neither page pays for the store's cold caches.
  await fetch(`${base}/api/network?kind=relations`);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on('pageerror', (error) => console.error(`baseline page: ${error.message}`));
    await page.goto(`${base}/bench/?kind=relations`);
    await page.waitForFunction(() => '__baseline' in window, null, { timeout: 600_000 });
    const baseline = await page.evaluate(
      () => (window as unknown as { __baseline: Record<string, number> }).__baseline,
    );
    await page.close();

    const app = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    app.on('pageerror', (error) => console.error(`app page: ${error.message}`));
    await app.goto(`${base}/?kind=relations`);
    app.on('console', (message) => {
      if (message.type() === 'error') console.error(`app console: ${message.text()}`);
    });
    // Report progress while the layout runs, so that a slow machine is seen to be working.
    const progress = setInterval(() => {
      void app
        .locator('#status')
        .textContent()
        .then((text) => console.log(`  ${text ?? ''}`))
        .catch(() => undefined);
    }, 15_000);
    try {
      await app.waitForFunction(
        () => document.body.dataset.layout === 'done' || document.body.dataset.status === 'error',
        null,
        { timeout: 600_000 },
      );
    } finally {
      clearInterval(progress);
    }
    if ((await app.evaluate(() => document.body.dataset.status)) === 'error')
      throw new Error(`bench:ui: the page could not draw: ${await app.locator('#status').textContent()}`);
    const metrics = await app.evaluate(() => {
      const handle = (window as unknown as { __stancegraph: { metrics: Record<string, unknown> } })
        .__stancegraph;
      return {
        ...(handle.metrics as { networkFetchMs: number; firstFrameMs: number }),
        layout: handle.metrics.layout as {
          iterations: number;
          elapsedMs: number;
          iterationsPerSecond: number;
        },
        nodes: Number(document.body.dataset.nodes),
        edges: Number(document.body.dataset.edges),
      };
    });
    await app.screenshot({ path: path.join(PROJECT_ROOT, 'bench', 'results', 'ui-bench.png') });

    const rows = [
      [
        'graph drawn',
        `${metrics.nodes} nodes, ${metrics.edges} edges`,
        `${baseline.nodes} nodes, ${baseline.edges} edges`,
        '',
      ],
      ['network fetch', ms(metrics.networkFetchMs), ms(baseline.fetchMs!), ''],
      [
        'time to first frame (from navigation)',
        ms(metrics.firstFrameMs),
        ms(baseline.firstFrameMs!),
        `${(metrics.firstFrameMs / baseline.firstFrameMs!).toFixed(2)}x`,
      ],
      [
        'layout iterations per second',
        `${metrics.layout.iterationsPerSecond.toFixed(1)} (ForceAtlas2 in a worker, ${metrics.layout.iterations} iterations in ${ms(metrics.layout.elapsedMs)})`,
        `${baseline.iterationsPerSecond!.toFixed(1)} (ForceAtlas2 on the main thread)`,
        `${(metrics.layout.iterationsPerSecond / baseline.iterationsPerSecond!).toFixed(2)}x`,
      ],
    ];
    console.log(
      `\nbench:ui  ${ACTORS} actors, ${RELATIONS} relations, Chromium headless (SwiftShader WebGL)`,
    );
    console.log(['measure', 'app', 'baseline', 'app/baseline'].join(' | '));
    for (const row of rows) console.log(row.join(' | '));
  } finally {
    await browser.close();
    server.close();
    await store.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

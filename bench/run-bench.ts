/**
 * `npm run bench`: every figure is measured against a baseline taken in the same run, and printed as a
 * ratio with its target. Results go to bench/results/ as JSON, to compare across versions.
 *
 *   npm run bench                    10k actors, 1k topics, 200k statements, 100k relations
 *   npm run bench -- --statements=1000000   (or npm run bench:1m) adds start-up time and memory at 1M
 *   npm run bench -- --quick         a small graph, to check the benchmark itself runs
 *   npm run bench -- --neo4j         also loads the same graph into Neo4j and runs the same use cases on it,
 *                                    each figure beside SQLite's with the Neo4j/SQLite ratio. A fresh server
 *                                    from scripts/neo4j, or the empty database NEO4J_URI and NEO4J_PASSWORD
 *                                    name. Not with the 1M run, which measures start-up only.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import express from 'express';
import louvain from 'graphology-communities-louvain';
import pino from 'pino';
import { createApp } from '../src/app';
import { PROJECT_ROOT } from '../src/config/config';
import { testConfig } from '../tests/support/test-config';
import { coalitionQuerySchema } from '../src/measures/measure-schema';
import { findCoalitions } from '../src/measures/measure-service';
import { projectionFor } from '../src/networks/stance-projection';
import { seededRandom } from '../src/shared/seeded-random';
import { congruenceNetwork } from '../src/networks/congruence-network';
import { relationshipQuerySchema } from '../src/counterparts/counterpart-schema';
import { findOpponents, findPaths } from '../src/counterparts/counterpart-service';
import { createLogger } from '../src/shared/logger';
import { type GraphStore } from '../src/store/graph-store';
import { ENTITY_KINDS, type GraphSnapshot } from '../src/model/entity-kinds';
import { CREATE_TABLES } from '../src/store/sqlite/sqlite-schema';
import { actorNameKeys } from '../src/store/search-keys';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store';
import { TABLES } from '../src/store/sqlite/sqlite-tables';
import { actorId, syntheticGraph, topicId } from '../tests/support/synthetic-graph';
import { topicPositions } from '../src/topics/topic-positions';
import { graphologyStore } from './graph-baseline';
import { openBenchNeo4j } from './neo4j-side';

interface Figure {
  name: string;
  unit: string;
  value: number;
  baseline: number;
  baselineName: string;
  /** value / baseline, or baseline / value for throughput-like figures where higher is better. */
  ratio: number;
  target: string;
  met: boolean | null;
  note?: string;
}

const args = new Map(
  process.argv.slice(2).map((arg) => {
    const [key, value] = arg.replace(/^--/, '').split('=');
    return [key!, value ?? 'true'] as const;
  }),
);
const quick = args.has('quick');
const sizes = {
  seed: 42,
  actors: quick ? 1_000 : 10_000,
  topics: quick ? 100 : 1_000,
  statements: Number(args.get('statements') ?? (quick ? 20_000 : 200_000)),
  relations: quick ? 10_000 : 100_000,
};
const large = sizes.statements >= 1_000_000;
const withNeo4j = args.has('neo4j');
const SAMPLES = quick ? 40 : 200;
const HTTP_SECONDS = Number(args.get('seconds') ?? (quick ? 2 : 8));
const figures: Figure[] = [];

function record(figure: Figure): void {
  figures.push(figure);
  const verdict = figure.met === null ? 'info' : figure.met ? 'met' : 'MISSED';
  console.log(
    `${figure.name.padEnd(44)} ${fmt(figure.value)} ${figure.unit.padEnd(6)} vs ${figure.baselineName} ${fmt(figure.baseline)}  ratio ${figure.ratio.toFixed(2).padStart(6)}  target ${figure.target.padEnd(7)} ${verdict}`,
  );
  if (figure.note) console.log(`  ${figure.note}`);
}

const fmt = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(2)).padStart(9);

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function time<T>(fn: () => Promise<T> | T): Promise<[number, T]> {
  const start = performance.now();
  const result = await fn();
  return [performance.now() - start, result];
}

function tempDir(name: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `stancegraph-bench-${name}-`));
}

/** Baseline for bulk import: the same rows in one transaction, straight through better-sqlite3. */
function rawInsert(dataDir: string, batches: Partial<GraphSnapshot>[]): void {
  const db = new Database(path.join(dataDir, 'raw.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.exec(CREATE_TABLES);
  const inserts = new Map<string, Database.Statement>();
  const names = db.prepare('INSERT OR IGNORE INTO actor_names (actor_id, name) VALUES (?, ?)');
  db.transaction(() => {
    for (const batch of batches) {
      for (const kind of ENTITY_KINDS) {
        const spec = TABLES[kind] as { table: string; columns(e: unknown): Record<string, unknown> };
        for (const entity of batch[kind] ?? []) {
          const row = { id: entity.id, ...spec.columns(entity), doc: JSON.stringify(entity) };
          let insert = inserts.get(kind);
          if (!insert) {
            const cols = Object.keys(row);
            insert = db.prepare(
              `INSERT INTO ${spec.table} (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`,
            );
            inserts.set(kind, insert);
          }
          insert.run(row);
          if (kind === 'actors') {
            const actor = entity as GraphSnapshot['actors'][number];
            for (const key of actorNameKeys(actor)) names.run(actor.id, key);
          }
        }
      }
    }
  })();
  db.close();
}

async function benchImport(
  batches: Partial<GraphSnapshot>[],
  rows: number,
): Promise<{ dataDir: string; rate: number }> {
  const rawDir = tempDir('raw');
  const [rawMs] = await time(() => rawInsert(rawDir, batches));
  fs.rmSync(rawDir, { recursive: true, force: true });

  const storeDir = tempDir('store');
  const store = openSqliteStore({ dataDir: storeDir });
  const [storeMs] = await time(async () => {
    for (const batch of batches) await store.upsertSnapshot(batch);
  });
  await store.close();
  const storeRate = rows / (storeMs / 1000);
  const rawRate = rows / (rawMs / 1000);
  record({
    name: 'bulk import (upsertSnapshot) rows/s',
    unit: 'rows/s',
    value: storeRate,
    baseline: rawRate,
    baselineName: 'raw better-sqlite3',
    ratio: storeRate / rawRate,
    target: '>= 0.5',
    met: storeRate / rawRate >= 0.5,
  });
  return { dataDir: storeDir, rate: storeRate };
}

/** A Neo4j figure beside SQLite's: the ratio reads "how many times SQLite" for time and for throughput. */
function recordBesideSqlite(
  name: string,
  unit: string,
  neo4j: number,
  sqlite: number,
  higherIsBetter: boolean,
) {
  const ratio = neo4j / sqlite;
  record({
    name: `${name} on Neo4j`,
    unit,
    value: neo4j,
    baseline: sqlite,
    baselineName: 'SQLite, same run',
    ratio,
    target: higherIsBetter ? '>= 0.33' : '<= 3',
    met: higherIsBetter ? ratio >= 1 / 3 : ratio <= 3,
  });
}

async function benchNeo4jImport(
  store: GraphStore,
  batches: Partial<GraphSnapshot>[],
  rows: number,
  sqliteRate: number,
): Promise<void> {
  const [ms] = await time(async () => {
    for (const batch of batches) await store.upsertSnapshot(batch);
  });
  recordBesideSqlite('bulk import (upsertSnapshot) rows/s', 'rows/s', rows / (ms / 1000), sqliteRate, true);
}

/** Runs one use case over the store and over the graphology baseline, checking both answer the same. */
async function benchLatency(
  name: string,
  cases: string[][],
  run: (store: GraphStore, sample: string[]) => Promise<unknown>,
  store: GraphStore,
  baseline: GraphStore,
  neo4j?: GraphStore,
): Promise<void> {
  const storeTimes: number[] = [];
  const baseTimes: number[] = [];
  const neo4jTimes: number[] = [];
  let mismatches = 0;
  let neo4jMismatches = 0;
  // Neo4j plans each statement once per server; that first compile is not what a request costs after.
  if (neo4j) for (const sample of cases.slice(0, 5)) await run(neo4j, sample);
  for (const sample of cases) {
    const [baseMs, expected] = await time(() => run(baseline, sample));
    const [storeMs, actual] = await time(() => run(store, sample));
    baseTimes.push(baseMs);
    storeTimes.push(storeMs);
    if (JSON.stringify(actual) !== JSON.stringify(expected)) mismatches++;
    if (neo4j) {
      const [neo4jMs, answer] = await time(() => run(neo4j, sample));
      neo4jTimes.push(neo4jMs);
      if (JSON.stringify(answer) !== JSON.stringify(expected)) neo4jMismatches++;
    }
  }
  for (const p of [50, 99]) {
    const value = percentile(storeTimes, p);
    const base = percentile(baseTimes, p);
    record({
      name: `${name} p${p}`,
      unit: 'ms',
      value,
      baseline: base,
      baselineName: 'graphology traversal',
      ratio: value / base,
      target: '<= 2',
      met: value / base <= 2,
      note:
        mismatches > 0 ? `${mismatches} of ${cases.length} answers differed from the baseline` : undefined,
    });
  }
  if (mismatches > 0)
    console.log(`  !! ${name}: ${mismatches} of ${cases.length} answers differ from the baseline`);
  if (!neo4j) return;
  for (const p of [50, 99])
    recordBesideSqlite(`${name} p${p}`, 'ms', percentile(neo4jTimes, p), percentile(storeTimes, p), false);
  if (neo4jMismatches > 0)
    console.log(`  !! ${name}: ${neo4jMismatches} of ${cases.length} Neo4j answers differ from the baseline`);
}

/** Query samples spread over the skew: half drawn like the activity, half uniformly (the quiet many). */
function samples(n: number, count: number, seed: number): number[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, i) =>
    i % 2 ? Math.floor(n * Math.pow(random(), 3)) : Math.floor(random() * n),
  );
}

/** What `GET /api/actors/{id}/opponents` answers without parameters: the first page, at its default size. */
const firstPage = relationshipQuerySchema.parse({});

async function benchQueries(
  store: GraphStore,
  batches: Partial<GraphSnapshot>[],
  neo4j?: GraphStore,
): Promise<void> {
  const baseline = graphologyStore(batches);
  await benchLatency(
    'opponents query',
    samples(sizes.actors, SAMPLES, 1).map((i) => [actorId(i)]),
    (s, [id]) => findOpponents(s, id!, firstPage),
    store,
    baseline,
    neo4j,
  );
  await benchLatency(
    'topic positions query',
    samples(sizes.topics, SAMPLES, 2).map((i) => [topicId(i)]),
    (s, [id]) => topicPositions(s, id!, {}),
    store,
    baseline,
    neo4j,
  );
  // Path searches from hubs reach most of the graph: fewer samples keep the run short.
  const from = samples(sizes.actors, SAMPLES / 2, 3);
  const to = samples(sizes.actors, SAMPLES / 2, 4);
  await benchLatency(
    'shortest paths query (depth 4, 10 paths)',
    from.map((f, i) => [actorId(f), actorId(to[i]!)]),
    (s, [a, b]) => findPaths(s, { from: a!, to: b!, maxDepth: 4, limit: 10 }),
    store,
    baseline,
    neo4j,
  );
}

async function listen(app: express.Express): Promise<Server> {
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return server;
}

async function requestsPerSecond(url: string): Promise<number> {
  const result = await autocannon({ url, connections: 10, duration: HTTP_SECONDS });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`stancegraph/bench: ${url} failed during load`);
  return result.requests.average;
}

async function benchHttp(store: GraphStore, neo4j?: GraphStore): Promise<void> {
  // A typical actor: the median of the skew, neither a hub nor silent.
  const id = actorId(Math.floor(sizes.actors / 2));
  const logger = createLogger('info', pino.destination({ dest: os.devNull, sync: false }));
  const app = createApp(store, testConfig(), logger);
  const neo4jApp = neo4j && createApp(neo4j, testConfig(), logger);
  // The bare server sends the very page the service answers with, so both move the same bytes.
  const answer = await findOpponents(store, id, firstPage);
  const bare = express();
  bare.get('/opponents', (_req, res) => {
    res.json(answer);
  });
  const servers = await Promise.all([app, bare, ...(neo4jApp ? [neo4jApp] : [])].map(listen));
  const [appServer, bareServer, neo4jServer] = servers;
  const port = (s: Server) => (s.address() as AddressInfo).port;
  const bareRps = await requestsPerSecond(`http://127.0.0.1:${port(bareServer!)}/opponents`);
  const route = `/api/actors/${id}/opponents`;
  const appRps = await requestsPerSecond(`http://127.0.0.1:${port(appServer!)}${route}`);
  const neo4jRps = neo4jServer && (await requestsPerSecond(`http://127.0.0.1:${port(neo4jServer)}${route}`));
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  record({
    name: `HTTP opponents req/s (${answer.items.length} of ${answer.total})`,
    unit: 'req/s',
    value: appRps,
    baseline: bareRps,
    baselineName: 'bare Express, same JSON',
    ratio: appRps / bareRps,
    target: '>= 0.6',
    met: appRps / bareRps >= 0.6,
  });
  if (neo4jRps !== undefined)
    recordBesideSqlite(
      `HTTP opponents req/s (${answer.items.length} of ${answer.total})`,
      'req/s',
      neo4jRps,
      appRps,
      true,
    );
}

async function benchLouvain(store: GraphStore): Promise<void> {
  // Coalitions end to end (projection from the store, agreement network, Louvain) against Louvain
  // called directly on the very network the service builds, prepared beforehand. On one mid-sized
  // topic with the service's own limits: the whole 10k-actor agreement network is millions of edges,
  // which the analytics limits refuse (and which ran the bench out of memory).
  const query = coalitionQuerySchema.parse({
    topic: topicId(Math.floor(sizes.topics / 10)),
    network: 'agreement',
  });
  const limits = testConfig().analytics;
  const network = congruenceNetwork(
    await projectionFor(store, query, limits),
    'agreement',
    query.normalization,
    limits.maxEdges,
  );
  const [baseMs] = await time(() =>
    louvain.detailed(network, { getEdgeWeight: 'weight', rng: seededRandom(query.seed) }),
  );
  const [storeMs, coalitions] = await time(() => findCoalitions(store, query, limits));
  record({
    name: 'coalitions (Louvain) end to end',
    unit: 'ms',
    value: storeMs,
    baseline: baseMs,
    baselineName: 'louvain() on the prebuilt network',
    ratio: storeMs / baseMs,
    target: '<= 1.3',
    met: storeMs / baseMs <= 1.3,
    note: `${network.order} actors, ${network.size} agreement edges, ${coalitions.coalitions.length} coalitions`,
  });
}

/** Starts the real service on a data folder; resolves when /health answers, with the time and RSS. */
async function startupFigures(dataDir: string): Promise<{ ms: number; rss: number; answerMs: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', path.join('src', 'main.ts')], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, DATA_DIR: dataDir, PORT: '0', SEED_ON_START: 'false', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    let log = '';
    const port = await new Promise<number>((resolve, reject) => {
      child.stdout!.on('data', (chunk: Buffer) => {
        log += chunk.toString();
        const match = /"port":(\d+)/.exec(log);
        if (match) resolve(Number(match[1]));
      });
      child.once('exit', () => reject(new Error(`stancegraph/bench: the service exited:\n${log}`)));
    });
    for (;;) {
      const ok = await fetch(`http://127.0.0.1:${port}/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) break;
    }
    const ms = performance.now() - started;
    // The busiest actor is the worst case: opposite stances with most of the graph.
    const [answerMs] = await time(() =>
      fetch(`http://127.0.0.1:${port}/api/actors/${actorId(0)}/opponents`).then((r) => r.arrayBuffer()),
    );
    for (let i = 0; i < 20; i++)
      await fetch(`http://127.0.0.1:${port}/api/actors/${actorId(i * 37)}/opponents`).then((r) =>
        r.arrayBuffer(),
      );
    const status = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8');
    const rss = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
    return { ms, rss, answerMs };
  } finally {
    child.kill('SIGKILL');
  }
}

async function benchStartup(dataDir: string): Promise<void> {
  const emptyDir = tempDir('empty');
  const empty = await startupFigures(emptyDir);
  const loaded = await startupFigures(dataDir);
  fs.rmSync(emptyDir, { recursive: true, force: true });
  const label = `${sizes.statements / 1000}k statements`;
  record({
    name: `time until the service answers (${label})`,
    unit: 'ms',
    value: loaded.ms,
    baseline: empty.ms,
    baselineName: 'same service, empty store',
    ratio: loaded.ms / empty.ms,
    target: 'info',
    met: null,
    note: `first opponents answer for the busiest actor took ${loaded.answerMs.toFixed(0)} ms`,
  });
  record({
    name: `resident memory after 20 queries (${label})`,
    unit: 'MB',
    value: loaded.rss / 2 ** 20,
    baseline: empty.rss / 2 ** 20,
    baselineName: 'same service, empty store',
    ratio: loaded.rss / empty.rss,
    target: 'info',
    met: null,
  });
}

async function main(): Promise<void> {
  console.log(
    `stancegraph bench: ${JSON.stringify(sizes)} on ${os.cpus().length} cores, node ${process.version}\n`,
  );
  if (withNeo4j && large)
    throw new Error('stancegraph/bench: --neo4j compares the query figures, which the 1M run leaves out');
  let dataDir: string;
  let neo4jUsed: string | undefined;
  if (large) {
    // A million statements are not held in memory twice: load them straight into the store.
    dataDir = tempDir('large');
    const store = openSqliteStore({ dataDir });
    const [ms] = await time(async () => {
      for (const batch of syntheticGraph(sizes)) await store.upsertSnapshot(batch);
    });
    console.log(`loaded ${sizes.statements} statements in ${(ms / 1000).toFixed(1)} s`);
    await store.close();
  } else {
    const batches = [...syntheticGraph(sizes)];
    const rows = batches.reduce((n, b) => n + Object.values(b).reduce((m, r) => m + r.length, 0), 0);
    const imported = await benchImport(batches, rows);
    dataDir = imported.dataDir;
    const neo4j = withNeo4j ? await openBenchNeo4j() : undefined;
    try {
      if (neo4j) {
        neo4jUsed = neo4j.describe;
        console.log(`and on ${neo4j.describe}`);
        await benchNeo4jImport(neo4j.store, batches, rows, imported.rate);
      }
      const store = openSqliteStore({ dataDir });
      await benchQueries(store, batches, neo4j?.store);
      await benchHttp(store, neo4j?.store);
      await benchLouvain(store);
      await store.close();
    } finally {
      await neo4j?.close();
    }
  }
  await benchStartup(dataDir);
  fs.rmSync(dataDir, { recursive: true, force: true });

  const resultsDir = path.join(PROJECT_ROOT, 'bench', 'results');
  fs.mkdirSync(resultsDir, { recursive: true });
  const file = path.join(resultsDir, `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  const result = {
    date: new Date().toISOString(),
    node: process.version,
    cores: os.cpus().length,
    sizes,
    ...(neo4jUsed ? { neo4j: neo4jUsed } : {}),
    figures,
  };
  fs.writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`\nwritten to ${path.relative(PROJECT_ROOT, file)}`);
  const missed = figures.filter((f) => f.met === false);
  if (missed.length > 0) console.log(`targets missed: ${missed.map((f) => f.name).join('; ')}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

import type { Express } from 'express';
import { createApp } from '../../src/app';
import { PROJECT_ROOT, type Config } from '../../src/config/config';
import { testConfig } from './test-config';
import { loadSeed } from '../../src/seed/seed-loader';
import type { GraphStore } from '../../src/store/graph-store';
import { createNeo4jStore } from '../../src/store/neo4j/neo4j-store';
import type { Neo4jConnection } from '../../src/store/neo4j/neo4j-session';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store';
import path from 'node:path';

export const SEED_DIR = path.join(PROJECT_ROOT, 'seed');

export interface TestApp {
  app: Express;
  store: GraphStore;
  config: Config;
}

/**
 * The store the suites that use this helper run on: in-memory SQLite, or with
 * STANCEGRAPH_TEST_STORE=neo4j the live Neo4j that NEO4J_URI, NEO4J_PASSWORD (and optionally
 * NEO4J_USERNAME, NEO4J_DATABASE) point at, as `npm run test:neo4j` sets them. Its database is WIPED
 * before every app is started.
 */
export const STORE_UNDER_TEST: 'sqlite' | 'neo4j' =
  process.env.STANCEGRAPH_TEST_STORE === 'neo4j' ? 'neo4j' : 'sqlite';

/** Neo4j test stores open now: Community has one user database, so only one can hold a graph at a time. */
let openNeo4jStores = 0;
const unclosedNeo4jStores = new Set<GraphStore>();

if (STORE_UNDER_TEST === 'neo4j') {
  // A store whose test or hook timed out is never closed by the test; its driver would keep jest alive.
  afterAll(async () => {
    await Promise.all([...unclosedNeo4jStores].map((store) => store.close()));
  });
}

/** The live Neo4j the environment points at (`npm run test:neo4j` sets it). */
export function liveNeo4jConnection(): Neo4jConnection {
  const uri = process.env.NEO4J_URI;
  if (!uri) throw new Error('STANCEGRAPH_TEST_STORE=neo4j needs NEO4J_URI and NEO4J_PASSWORD');
  return {
    uri,
    username: process.env.NEO4J_USERNAME ?? 'neo4j',
    password: process.env.NEO4J_PASSWORD ?? '',
    database: process.env.NEO4J_DATABASE ?? 'neo4j',
  };
}

/**
 * A fresh, empty store of the kind under test, for a suite that builds its own app or calls a store-using
 * function (an ingest, an import) directly. The caller closes it. SQLite is in memory, or on files in
 * `sqliteDataDir` for a suite that needs them.
 */
export async function openTestStore(options: { sqliteDataDir?: string } = {}): Promise<GraphStore> {
  if (STORE_UNDER_TEST === 'neo4j' && openNeo4jStores === 0) {
    const store = createNeo4jStore(liveNeo4jConnection());
    await store.deleteEverything();
    openNeo4jStores++;
    unclosedNeo4jStores.add(store);
    const close = store.close.bind(store);
    let closed = false;
    store.close = async () => {
      if (!closed) openNeo4jStores--;
      closed = true;
      unclosedNeo4jStores.delete(store);
      await close();
    };
    return store;
  }
  if (STORE_UNDER_TEST === 'neo4j') {
    // A test holding a second store while the first is open (an export from one imported into another):
    // the first is on Neo4j, this one on SQLite, since a second Neo4j store would wipe the first's graph.
    console.log(
      'test-app: a second store open at once is in-memory SQLite (Neo4j Community has one database)',
    );
  }
  return openSqliteStore({ dataDir: options.sqliteDataDir ?? ':memory:' });
}

/** The real app on a fresh store (see STORE_UNDER_TEST), optionally with the seed article loaded. */
export async function startTestApp(
  options: { seed?: boolean; config?: Partial<Config> } = {},
): Promise<TestApp> {
  const store = await openTestStore();
  if (options.seed) await loadSeed(store, SEED_DIR);
  const config = testConfig(options.config);
  return { app: createApp(store, config), store, config };
}

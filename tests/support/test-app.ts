import type { Express } from 'express';
import { createApp } from '../../src/app';
import { PROJECT_ROOT, type Config } from '../../src/config/config';
import { testConfig } from './test-config';
import { loadSeed } from '../../src/seed/seed-loader';
import type { GraphStore } from '../../src/store/graph-store';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store';
import path from 'node:path';

export const SEED_DIR = path.join(PROJECT_ROOT, 'seed');

export interface TestApp {
  app: Express;
  store: GraphStore;
  config: Config;
}

/** The real app on a fresh in-memory embedded store, optionally with the seed article loaded. */
export async function startTestApp(
  options: { seed?: boolean; config?: Partial<Config> } = {},
): Promise<TestApp> {
  const store = openSqliteStore({ dataDir: ':memory:' });
  if (options.seed) await loadSeed(store, SEED_DIR);
  const config = testConfig(options.config);
  return { app: createApp(store, config), store, config };
}

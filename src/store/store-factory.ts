import type { Config } from '../config/config';
import type { GraphStore } from './graph-store';
import { openSqliteStore } from './sqlite/sqlite-store';

/** The store the configuration asks for; the embedded SQLite store unless STORE=neo4j. */
export async function openStore(config: Config): Promise<GraphStore> {
  if (config.store === 'neo4j') {
    throw new Error('stancegraph/store: STORE=neo4j is not available in this build');
  }
  return openSqliteStore({ dataDir: config.dataDir });
}

import type { Config } from '../config/config';
import type { Logger } from '../shared/logger';
import type { GraphStore } from './graph-store';
import { createNeo4jStore } from './neo4j/neo4j-store';
import { openSqliteStore } from './sqlite/sqlite-store';

/**
 * The store the configuration asks for: the embedded SQLite store unless STORE=neo4j. Opening Neo4j never
 * waits for it: an unreachable server shows in `health()` and as 503s until it answers.
 */
export function openStore(config: Config, logger?: Logger): GraphStore {
  if (config.store === 'neo4j') {
    if (!config.neo4j) throw new Error('stancegraph/store: STORE=neo4j needs NEO4J_URI and NEO4J_PASSWORD');
    return createNeo4jStore(config.neo4j, { logger });
  }
  return openSqliteStore({ dataDir: config.dataDir });
}

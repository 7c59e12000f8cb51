import { startNeo4j } from '../scripts/neo4j/neo4j-server';
import { createNeo4jStore, type Neo4jGraphStore } from '../src/store/neo4j/neo4j-store';

/** The Neo4j the bench compares SQLite with, and how to let go of it. */
export interface BenchNeo4j {
  store: Neo4jGraphStore;
  /** Where it runs, for the printout and the JSON results (never the password). */
  describe: string;
  close(): Promise<void>;
}

/**
 * With NEO4J_URI and NEO4J_PASSWORD set, the Neo4j they name; it must hold no Stancegraph records, as the
 * bench loads its own graph and would otherwise measure a mix (and must not wipe someone's data).
 * Otherwise a fresh server from the live-test launcher, stopped again by `close`.
 */
export async function openBenchNeo4j(): Promise<BenchNeo4j> {
  const uri = process.env.NEO4J_URI;
  if (uri) {
    const store = createNeo4jStore({
      uri,
      username: process.env.NEO4J_USERNAME ?? 'neo4j',
      password: process.env.NEO4J_PASSWORD ?? '',
      database: process.env.NEO4J_DATABASE ?? 'neo4j',
    });
    const held = Object.values(await store.counts()).reduce((n, c) => n + c, 0);
    if (held > 0) {
      await store.close();
      throw new Error(
        `stancegraph/bench: the Neo4j at NEO4J_URI already holds ${held} records; give the bench an empty database`,
      );
    }
    return {
      store,
      describe: `Neo4j at ${uri}`,
      close: async () => {
        await store.deleteEverything();
        await store.close();
      },
    };
  }
  const server = await startNeo4j();
  const store = createNeo4jStore(server);
  return {
    store,
    describe: `Neo4j ${server.version}, fresh server from scripts/neo4j (started in ${server.timings.startSeconds.toFixed(1)} s)`,
    close: async () => {
      await store.close();
      await server.stop();
    },
  };
}

import { Q, SCHEMA_STATEMENTS, type CypherQuery } from './neo4j-queries';
import { runQuery, type SessionLike } from './neo4j-session';
import { toInteger, toNumber } from './neo4j-values';

/**
 * The version of the graph layout this build writes. It is kept in the single (:SchemaVersion
 * {name: 'stancegraph'}) node. When the layout changes, bump it and add the statements that bring a
 * database from the previous version to `MIGRATIONS[newVersion]`; they run once, in order, at start.
 */
export const SCHEMA_VERSION = 1;

/** Statements that move a database from version `n - 1` to `n`, keyed by `n`. None yet. */
export const MIGRATIONS: Readonly<Record<number, readonly CypherQuery<Record<string, never>>[]>> = {};

/**
 * Idempotent set-up: uniqueness constraints on every id (and on a document's content hash), range indexes
 * for filters and statement look-ups, text indexes for `?q=` substring search, a full-text index on actor
 * names and aliases, then the schema version. Schema statements cannot share a transaction with data
 * writes, so each runs in its own; `IF NOT EXISTS` makes a second run (or a second instance) a no-op.
 */
export async function ensureSchema(openSession: () => SessionLike): Promise<number> {
  const session = openSession();
  try {
    for (const statement of SCHEMA_STATEMENTS) {
      await session.executeWrite((tx) => runQuery(tx, statement, {}));
    }
    const stored = await session.executeWrite(async (tx) => {
      const [row] = await runQuery(tx, Q.schemaVersion, { version: toInteger(SCHEMA_VERSION) });
      return toNumber(row?.get('version'));
    });
    if (stored > SCHEMA_VERSION) {
      throw new Error(
        `stancegraph/neo4j: the database has schema version ${stored}, newer than this build understands (${SCHEMA_VERSION})`,
      );
    }
    for (let version = stored + 1; version <= SCHEMA_VERSION; version++) {
      for (const statement of MIGRATIONS[version] ?? []) {
        await session.executeWrite((tx) => runQuery(tx, statement, {}));
      }
      await session.executeWrite((tx) => runQuery(tx, Q.setSchemaVersion, { version: toInteger(version) }));
    }
    return SCHEMA_VERSION;
  } finally {
    await session.close().catch(() => undefined);
  }
}

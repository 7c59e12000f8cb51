import neo4j, { type BookmarkManager } from 'neo4j-driver';
import { NEO4J_POOL_DEFAULTS } from '../../config/config';
import { ConflictError, StancegraphError, StoreUnavailableError } from '../../shared/errors';
import type { CypherQuery, QueryParams } from './neo4j-queries';

/**
 * The few driver surfaces the store uses, so that tests can stand a recording fake in for the driver.
 * neo4j-driver's Driver, Session and ManagedTransaction satisfy them (see `openDriver`).
 */
export interface RecordLike {
  get(key: string): unknown;
}

export interface QueryRunner {
  run(text: string, parameters: QueryParams): PromiseLike<{ records: RecordLike[] }>;
}

export interface SessionLike {
  /** Managed transactions: the driver retries `work` on transient failures, so `work` must be repeatable. */
  executeRead<T>(work: (tx: QueryRunner) => Promise<T>): Promise<T>;
  executeWrite<T>(work: (tx: QueryRunner) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface SessionConfig {
  database: string;
  defaultAccessMode: 'READ' | 'WRITE';
  bookmarkManager: BookmarkManager;
}

export interface DriverLike {
  session(config: SessionConfig): SessionLike;
  close(): Promise<void>;
}

export type SessionOpener = (mode: 'READ' | 'WRITE') => SessionLike;

/**
 * Opens every session of one store on `database` with one bookmark manager between them, for causal
 * consistency: each session starts after every transaction the store has committed so far, so a read that
 * follows an acknowledged write sees it, even when routing sends the read to another cluster member (a
 * secondary that has not caught up waits for the bookmark instead of answering from an older graph).
 */
export function causalSessions(driver: DriverLike, database: string): SessionOpener {
  const bookmarkManager = neo4j.bookmarkManager();
  return (mode) => driver.session({ database, defaultAccessMode: mode, bookmarkManager });
}

export interface Neo4jConnection {
  uri: string;
  username: string;
  password: string;
  database: string;
  /** Most connections the driver opens to each server (NEO4J_MAX_CONNECTIONS). */
  maxConnections?: number;
  /** How long a transaction waits for a free connection before the store reports itself busy. */
  acquisitionTimeoutMs?: number;
}

/** How long a caller is told to wait before retrying while Neo4j is unreachable. */
export const RETRY_AFTER_SECONDS = 5;
/** How long a caller is told to wait when every pooled connection was in use: the pool frees up quickly. */
export const BUSY_RETRY_AFTER_SECONDS = 1;

/**
 * The real driver. Timeouts are short so that a request fails over to a 503 within seconds while Neo4j is
 * down, instead of hanging for the driver's default 30 s + 60 s; the driver reconnects by itself when
 * Neo4j returns.
 */
export function openDriver(connection: Neo4jConnection): DriverLike {
  let driver: ReturnType<typeof neo4j.driver>;
  try {
    driver = neo4j.driver(connection.uri, neo4j.auth.basic(connection.username, connection.password), {
      userAgent: 'stancegraph',
      connectionTimeout: 5_000,
      connectionAcquisitionTimeout:
        connection.acquisitionTimeoutMs ?? NEO4J_POOL_DEFAULTS.acquisitionTimeoutMs,
      maxTransactionRetryTime: 5_000,
      maxConnectionPoolSize: connection.maxConnections ?? NEO4J_POOL_DEFAULTS.maxConnections,
    });
  } catch (error) {
    // eslint-disable-next-line preserve-caught-error -- the driver's error may quote a URI with credentials
    throw new Error(`stancegraph/neo4j: cannot use NEO4J_URI: ${redact(errorText(error), connection)}`);
  }
  return {
    session: (config) => driver.session(config),
    close: () => driver.close(),
  };
}

/**
 * The one place a statement is sent. It takes only a `CypherQuery` (which only neo4j-queries.ts creates)
 * and its parameters, so query text can never be assembled from values.
 */
export async function runQuery<P extends QueryParams>(
  tx: QueryRunner,
  query: CypherQuery<P>,
  parameters: P,
): Promise<RecordLike[]> {
  const result = await tx.run(query.text, parameters);
  return result.records;
}

/** Runs of a transaction that lost a record to a concurrent delete, before the conflict is reported. */
const VANISHED_RECORD_ATTEMPTS = 3;

/**
 * Runs a transaction again when a record it had found was deleted by a concurrent one before this one
 * locked it (Neo4j reads at read-committed, and answers EntityNotFound). The next run sees the graph after
 * the delete and answers as the embedded store's one-at-a-time transactions would: a relation to an actor
 * deleted meanwhile is refused for its missing actor. `transaction` must be repeatable, as managed
 * transactions are.
 */
export async function rerunOnVanishedRecord<T>(transaction: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await transaction();
    } catch (error) {
      if (errorCode(error) !== VANISHED_RECORD || attempt >= VANISHED_RECORD_ATTEMPTS) throw error;
    }
  }
}

const VANISHED_RECORD = 'Neo.ClientError.Statement.EntityNotFound';

/** A uniqueness constraint refused a write (e.g. a concurrent create of the same id won the race). */
export class ConstraintViolation extends ConflictError {}

/** The driver's error code, when it has one. */
export function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Removes the password and any user-info part of the URI from text that came from the driver. */
export function redact(text: string, connection: Pick<Neo4jConnection, 'password' | 'uri'>): string {
  let out = text;
  const secrets = [connection.password];
  const userInfo = /^[a-z+]+:\/\/([^@/]+)@/i.exec(connection.uri)?.[1];
  if (userInfo) secrets.push(userInfo);
  for (const secret of secrets) {
    if (secret) out = out.split(secret).join('***');
  }
  return out;
}

/**
 * The driver's pool had no free connection within the acquisition timeout. The driver gives this failure
 * no code (neo4j-driver-core's pool.js), only its message, which is why it is recognised by that.
 */
function isPoolExhausted(error: unknown): boolean {
  return errorText(error).startsWith('Connection acquisition timed out');
}

export function isUnavailable(code: string): boolean {
  return (
    code === neo4j.error.SERVICE_UNAVAILABLE ||
    code === neo4j.error.SESSION_EXPIRED ||
    code.startsWith('Neo.TransientError.') ||
    code.startsWith('Neo.ClientError.Security.') ||
    code === 'Neo.ClientError.Database.DatabaseNotFound'
  );
}

/**
 * Maps a driver failure to the service's errors. Messages never carry credentials or the server address:
 * they reach HTTP responses and the public `/health`. Our own errors pass through unchanged.
 */
export function translateError(error: unknown, connection: Neo4jConnection): Error {
  if (error instanceof StancegraphError) return error;
  const code = errorCode(error);
  if (code.startsWith('Neo.ClientError.Security.')) {
    return new StoreUnavailableError(
      'stancegraph/neo4j: Neo4j refused the configured credentials (NEO4J_USERNAME / NEO4J_PASSWORD)',
      RETRY_AFTER_SECONDS,
    );
  }
  if (code === 'Neo.ClientError.Database.DatabaseNotFound') {
    return new StoreUnavailableError(
      `stancegraph/neo4j: Neo4j has no database '${connection.database}' (NEO4J_DATABASE)`,
      RETRY_AFTER_SECONDS,
    );
  }
  if (isUnavailable(code)) {
    return new StoreUnavailableError(
      `stancegraph/neo4j: Neo4j is unavailable (${code})`,
      RETRY_AFTER_SECONDS,
    );
  }
  if (isPoolExhausted(error)) {
    return new StoreUnavailableError(
      'stancegraph/neo4j: the store is busy: no connection to Neo4j came free in time (NEO4J_MAX_CONNECTIONS, NEO4J_ACQUISITION_TIMEOUT_MS); try again shortly',
      BUSY_RETRY_AFTER_SECONDS,
    );
  }
  if (code === VANISHED_RECORD) {
    return new ConflictError(
      'stancegraph/neo4j: records this request needed were deleted by concurrent requests; try again',
    );
  }
  if (code === 'Neo.ClientError.Schema.ConstraintValidationFailed') {
    return new ConstraintViolation('stancegraph/neo4j: the write collides with a stored record');
  }
  return new Error(`stancegraph/neo4j: ${code ? `${code}: ` : ''}${redact(errorText(error), connection)}`);
}

import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Actor } from '../../model/actor-schema';
import type { Affiliation } from '../../model/affiliation-schema';
import type { StoredDocument } from '../../model/document-schema';
import type { Relation } from '../../model/relation-schema';
import type { Page, ReviewStatus, TimeWindow } from '../../model/common-schema';
import { NotFoundError, StoreUnavailableError } from '../../shared/errors';
import type { Statement } from '../../model/statement-schema';
import type { HistoryEvent, HistoryQuery } from '../../model/history-schema';
import {
  type CounterpartEvidence,
  type GraphChange,
  type CounterpartQuery,
  type GraphStore,
  type PathHop,
  type PathQuery,
  type RelationQuery,
  type StancePair,
  type StanceQuery,
  type StoreHealth,
  type TextSearchHit,
  type TextSearchQuery,
} from '../graph-store';
import {
  ENTITY_KINDS,
  ENTITY_NAMES,
  type EntityKind,
  type EntityMap,
  type GraphSnapshot,
  type ListFilterMap,
  inSchemaOrder,
} from '../../model/entity-kinds';
import { actorNameKeys, normalizeName } from '../search-keys';
import { conditions, REVIEW_STATUS, TABLES, type SqlFilter } from './sqlite-tables';
import {
  checkCreate,
  checkSnapshotAfterWrite,
  checkSnapshotBeforeWrite,
  checkUpdate,
  columnOf,
  deleteWithPlan,
  removeUnreferenced,
  REFERRERS,
  runSync,
  type Rule,
  type StorePrimitives,
} from '../store-integrity';
import {
  ADDED_COLUMNS,
  BACKFILL_SEARCH,
  CREATE_TABLES,
  INDEX_ADDED_COLUMNS,
  SCHEMA_VERSION,
} from './sqlite-schema';
import { fts5Query, searchSnippet, type SearchField, type SearchKind } from '../text-search';
import { OFF_THREAD_RECORDS, WritingThread } from './writing-thread';

type Row = Record<string, unknown>;

interface SqliteStoreOptions {
  /** A folder for the database file, or `:memory:` for a throw-away store. */
  dataDir: string;
}

/**
 * The embedded default store: one SQLite file in WAL mode with `synchronous = FULL`, so a write is on
 * disk before the call returns and survives `kill -9`. Each write is one transaction, and writes take
 * turns. On disk, large change sets are written by a thread of its own (see writing-thread.ts).
 */
export function openSqliteStore(options: SqliteStoreOptions): GraphStore {
  const db = openDatabase(options.dataDir);
  return new SqliteStore(db, options.dataDir === ':memory:' ? undefined : new WritingThread(options.dataDir));
}

/** The writing thread's connection to the file: it commits change sets as this thread's store would. */
export function openCommitter(dataDir: string): { commit(change: GraphChange): void } {
  const store = new SqliteStore(openDatabase(dataDir), undefined);
  return { commit: (change) => store.commitHere(change) };
}

/** How long a write waits for another process's write to finish before it gives up (503). */
const BUSY_TIMEOUT_MS = 5000;

function isBusy(error: unknown): boolean {
  return /^SQLITE_(BUSY|LOCKED)/.test(String((error as { code?: unknown } | null)?.code ?? ''));
}

function openDatabase(dataDir: string): Database.Database {
  let file = ':memory:';
  if (dataDir !== ':memory:') {
    fs.mkdirSync(dataDir, { recursive: true });
    file = path.join(dataDir, 'stancegraph.db');
  }
  // The busy timeout first: even switching to WAL must wait for another process using the folder.
  const db = new Database(file, { timeout: BUSY_TIMEOUT_MS });
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  // 64 MB of page cache instead of SQLite's 2 MB: index pages of a million statements otherwise keep
  // being evicted and re-read, and bulk import slows down as the graph grows.
  db.pragma('cache_size = -65536');
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > SCHEMA_VERSION) {
    db.close();
    throw new Error(
      `stancegraph/sqlite: ${file} has schema version ${version}, newer than this build understands (${SCHEMA_VERSION})`,
    );
  }
  db.exec(CREATE_TABLES);
  addMissingColumns(db);
  const unindexed = db
    .prepare(
      `SELECT NOT EXISTS (SELECT 1 FROM search_fields) AND (EXISTS (SELECT 1 FROM statements)
         OR EXISTS (SELECT 1 FROM relations) OR EXISTS (SELECT 1 FROM documents)) AS needed`,
    )
    .get() as { needed: number };
  if (unindexed.needed) db.exec(BACKFILL_SEARCH);
  db.pragma(`user_version = ${SCHEMA_VERSION}`);
  return db;
}

/** Brings a file written by an older version up to the current columns, in one transaction. */
function addMissingColumns(db: Database.Database): void {
  db.transaction(() => {
    for (const { table, column, definition } of ADDED_COLUMNS) {
      const columns = db.pragma(`table_info(${table})`) as { name: string }[];
      if (!columns.some((c) => c.name === column))
        db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${definition}`);
    }
    db.exec(INDEX_ADDED_COLUMNS);
  })();
}

class SqliteStore implements GraphStore {
  readonly backend = 'sqlite' as const;

  /** Prepared once per distinct SQL text (a handful per query, one per combination of filters set): preparing costs more than running a small insert. */
  private readonly statements = new Map<string, Database.Statement>();
  private readonly upserts = new Map<EntityKind, Database.Statement>();

  /** What the write rules of store-integrity.ts ask, answered inside the running transaction. */
  private readonly primitives: StorePrimitives;

  /** The write running or last queued: each write starts when the one before it has ended. */
  private lastWrite: Promise<unknown> = Promise.resolve();

  /**
   * @param writingThread where large change sets are committed, on a connection of its own; none for a
   * store in memory, which no other connection can open
   */
  constructor(
    private readonly db: Database.Database,
    private readonly writingThread: WritingThread | undefined,
  ) {
    this.primitives = sqlitePrimitives((sql) => this.prepare(sql));
  }

  private prepare(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  async create<K extends EntityKind>(kind: K, entity: EntityMap[K]): Promise<EntityMap[K]> {
    await this.inTurn(() =>
      this.writeTransaction(() => {
        this.check(checkCreate(kind, entity));
        this.write(kind, entity);
      }),
    );
    return entity;
  }

  async get<K extends EntityKind>(kind: K, id: string): Promise<EntityMap[K] | undefined> {
    const row = this.prepare(`SELECT doc FROM ${TABLES[kind].table} WHERE id = ?`).get(id) as Row | undefined;
    return row ? parseDoc<EntityMap[K]>(row) : undefined;
  }

  async getMany<K extends EntityKind>(kind: K, ids: readonly string[]): Promise<EntityMap[K][]> {
    if (ids.length === 0) return [];
    const rows = this.prepare(
      `SELECT doc FROM ${TABLES[kind].table} WHERE id IN (SELECT value FROM json_each(?))`,
    ).all(JSON.stringify(ids)) as Row[];
    return rows.map((row) => parseDoc<EntityMap[K]>(row));
  }

  async update<K extends EntityKind>(
    kind: K,
    id: string,
    change: (current: EntityMap[K]) => EntityMap[K],
  ): Promise<EntityMap[K]> {
    return this.inTurn(() =>
      this.writeTransaction(() => {
        const row = this.prepare(`SELECT doc FROM ${TABLES[kind].table} WHERE id = ?`).get(id) as
          Row | undefined;
        if (!row) throw new NotFoundError(ENTITY_NAMES[kind], id);
        const next = change(parseDoc<EntityMap[K]>(row));
        this.check(checkUpdate(kind, id, next));
        this.write(kind, next);
        return next;
      }),
    );
  }

  async delete(kind: EntityKind, id: string, options: { cascade?: boolean } = {}): Promise<void> {
    await this.inTurn(() => this.writeTransaction(() => this.check(deleteWithPlan(kind, id, options))));
  }

  async list<K extends EntityKind>(kind: K, filter: ListFilterMap[K]): Promise<Page<EntityMap[K]>> {
    const { table } = TABLES[kind];
    const { where, params } = (TABLES[kind].filter as (f: ListFilterMap[K]) => SqlFilter)(filter);
    const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    const total = (this.prepare(`SELECT count(*) AS n FROM ${table} ${clause}`).get(params) as { n: number })
      .n;
    const rows = this.prepare(
      `SELECT doc FROM ${table} ${clause} ORDER BY id LIMIT @limit OFFSET @offset`,
    ).all({ ...params, limit: filter.limit, offset: filter.offset }) as Row[];
    return { items: rows.map((row) => parseDoc<EntityMap[K]>(row)), total };
  }

  async findActorsByName(name: string): Promise<Actor[]> {
    const rows = this.prepare(
      `SELECT doc FROM actors WHERE id IN (SELECT actor_id FROM actor_names WHERE name = ?) ORDER BY id`,
    ).all(normalizeName(name)) as Row[];
    return rows.map((row) => parseDoc<Actor>(row));
  }

  async findDocumentByHash(contentHash: string): Promise<StoredDocument | undefined> {
    const row = this.prepare(`SELECT doc FROM documents WHERE content_hash = ?`).get(contentHash) as
      Row | undefined;
    return row ? parseDoc<StoredDocument>(row) : undefined;
  }

  async relations(query: RelationQuery): Promise<Relation[]> {
    if (query.types.length === 0) return [];
    const rows = this.prepare(
      `SELECT doc FROM relations
         WHERE review_status = 'accepted'
           AND type IN (SELECT value FROM json_each(@types))
           ${query.actorId !== undefined ? 'AND (source_id = @actorId OR target_id = @actorId)' : ''}
           ${query.topicId !== undefined ? 'AND topic_id = @topicId' : ''}
           AND ${relationWindowClause}
         ORDER BY date, id`,
    ).all({
      types: JSON.stringify(query.types),
      actorId: query.actorId ?? null,
      topicId: query.topicId ?? null,
      ...windowParams(query.window),
    }) as Row[];
    return rows.map((row) => parseDoc<Relation>(row));
  }

  async currentStances(query: {
    actorId?: string;
    topicId?: string;
    window: TimeWindow;
  }): Promise<Statement[]> {
    const rows = this.prepare(
      `${currentStancesCte(query, query.actorId !== undefined ? 'actor_id = @actorId' : undefined)}
         SELECT s.doc FROM current c JOIN statements s ON s.id = c.id
         ORDER BY c.topic_id, c.actor_id`,
    ).all({
      actorId: query.actorId ?? null,
      topicId: query.topicId ?? null,
      ...windowParams(query.window),
    }) as Row[];
    return rows.map((row) => parseDoc<Statement>(row));
  }

  async stancePairs(query: StanceQuery & { agreement: 'same' | 'opposite' }): Promise<StancePair[]> {
    const polarityMatch = query.agreement === 'same' ? 'a.polarity = b.polarity' : 'a.polarity <> b.polarity';
    // For one actor only the topics it spoke on matter; ranking every statement would cost the whole table.
    const scope =
      query.actorId !== undefined
        ? `topic_id IN (SELECT topic_id FROM statements WHERE actor_id = @actorId AND review_status = 'accepted')`
        : undefined;
    const rows = this.prepare(
      `${currentStancesCte(query, scope)},
         decided AS MATERIALIZED (SELECT id, actor_id, topic_id, polarity FROM current WHERE polarity IN ('support', 'oppose'))
         SELECT a.topic_id AS topicId, a.id AS firstId, sa.doc AS first, b.id AS secondId, sb.doc AS second
         FROM decided a JOIN decided b ON a.topic_id = b.topic_id AND a.actor_id <> b.actor_id AND ${polarityMatch}
         JOIN statements sa ON sa.id = a.id
         JOIN statements sb ON sb.id = b.id
         WHERE ${query.actorId !== undefined ? 'a.actor_id = @actorId' : 'a.actor_id < b.actor_id'}
         ORDER BY a.topic_id, a.actor_id, b.actor_id`,
    ).all({
      actorId: query.actorId ?? null,
      topicId: query.topicId ?? null,
      ...windowParams(query.window),
    }) as PairRow[];
    return decodePairs(rows);
  }

  async counterparts(query: CounterpartQuery): Promise<Page<CounterpartEvidence>> {
    const polarityMatch = query.agreement === 'same' ? 'a.polarity = b.polarity' : 'a.polarity <> b.polarity';
    // One statement: current stances are worked out once, reasons are ranked by ids alone, and only the
    // page's documents are joined in. Rows come grouped by counterpart in rank order, each group's
    // relations by date then id and its stance pairs by topic; one extra row carries the total.
    const rows = this.prepare(
      `${currentStancesCte(query, `topic_id IN (SELECT topic_id FROM statements WHERE actor_id = @actorId AND review_status = 'accepted')`)},
         decided AS MATERIALIZED (SELECT id, actor_id, topic_id, polarity FROM current WHERE polarity IN ('support', 'oppose')),
         paired AS MATERIALIZED (
           SELECT b.actor_id AS other, a.topic_id, a.id AS first_id, b.id AS second_id FROM decided a
             JOIN decided b ON a.topic_id = b.topic_id AND a.actor_id <> b.actor_id AND ${polarityMatch}
             WHERE a.actor_id = @actorId
         ),
         related AS MATERIALIZED (
           SELECT CASE WHEN source_id = @actorId THEN target_id ELSE source_id END AS other, id, date
             FROM relations
             WHERE (source_id = @actorId OR target_id = @actorId)
               AND review_status = 'accepted'
               AND type IN (SELECT value FROM json_each(@types))
               ${query.topicId !== undefined ? 'AND topic_id = @topicId' : ''}
               AND ${relationWindowClause}
         ),
         tally AS MATERIALIZED (
           SELECT other, count(*) AS n FROM (SELECT other FROM paired UNION ALL SELECT other FROM related)
             GROUP BY other
         ),
         page AS MATERIALIZED (SELECT other, n FROM tally ORDER BY n DESC, other LIMIT @limit OFFSET @offset)
         SELECT 0 AS grp, 'total' AS kind, NULL AS other, (SELECT count(*) FROM tally) AS n, NULL AS sortKey,
                NULL AS firstId, NULL AS first, NULL AS secondId, NULL AS second
         UNION ALL
         SELECT 1, 'relation', page.other, page.n, coalesce(related.date, ''), related.id, r.doc, NULL, NULL
           FROM page JOIN related ON related.other = page.other JOIN relations r ON r.id = related.id
         UNION ALL
         SELECT 1, 'stance', page.other, page.n, paired.topic_id, paired.first_id, sa.doc, paired.second_id, sb.doc
           FROM page JOIN paired ON paired.other = page.other
           JOIN statements sa ON sa.id = paired.first_id
           JOIN statements sb ON sb.id = paired.second_id
         ORDER BY grp, n DESC, other, kind, sortKey, firstId`,
    ).all({
      actorId: query.actorId,
      types: JSON.stringify(query.types),
      topicId: query.topicId ?? null,
      ...windowParams(query.window),
      limit: query.limit,
      offset: query.offset,
    }) as CounterpartRow[];
    const [totalRow, ...evidence] = rows;
    const items = new Map<string, CounterpartEvidence>();
    const decode = decoder<Statement>();
    for (const row of evidence) {
      let item = items.get(row.other!);
      if (!item) {
        item = { actorId: row.other!, relations: [], stancePairs: [] };
        items.set(row.other!, item);
      }
      if (row.kind === 'relation') item.relations.push(JSON.parse(row.first!) as Relation);
      else
        item.stancePairs.push({
          topicId: row.sortKey!,
          first: decode(row.firstId!, row.first!),
          second: decode(row.secondId!, row.second!),
        });
    }
    return { items: [...items.values()], total: totalRow!.n };
  }

  async searchText(query: TextSearchQuery): Promise<Page<TextSearchHit>> {
    if (query.terms.length === 0 || query.kinds.length === 0) return { items: [], total: 0 };
    // Matching fields, then one row per record (its best field), then claims in the asked statuses.
    const matches = `
      WITH hits AS (
        SELECT f.kind, f.ref, f.field, f.rowid AS fieldRow, search_index.rank AS rank
        FROM search_index JOIN search_fields f ON f.rowid = search_index.rowid
        WHERE search_index MATCH @match AND f.kind IN (SELECT value FROM json_each(@kinds))
      ),
      best AS (
        SELECT kind, ref, field, fieldRow, rank,
               row_number() OVER (PARTITION BY kind, ref ORDER BY rank, field) AS nth
        FROM hits
      ),
      records AS (
        SELECT b.kind, b.ref, b.field, b.fieldRow, b.rank,
               coalesce(s.document_id, r.document_id, CASE WHEN b.kind = 'documents' THEN b.ref END) AS documentId,
               coalesce(s.review_status, r.review_status) AS reviewStatus
        FROM best b
        LEFT JOIN statements s ON b.kind = 'statements' AND s.id = b.ref
        LEFT JOIN relations r ON b.kind = 'relations' AND r.id = b.ref
        WHERE b.nth = 1
          AND (b.kind = 'documents'
               OR coalesce(s.review_status, r.review_status) IN (SELECT value FROM json_each(@statuses)))
      )`;
    const params = {
      match: fts5Query(query.terms),
      kinds: JSON.stringify(query.kinds),
      statuses: JSON.stringify(query.reviewStatuses),
    };
    const total = (this.prepare(`${matches} SELECT count(*) AS n FROM records`).get(params) as { n: number })
      .n;
    const rows = this.prepare(
      `${matches}
       SELECT records.kind, records.ref, records.field, records.documentId, records.reviewStatus, f.body
       FROM records JOIN search_fields f ON f.rowid = records.fieldRow
       ORDER BY records.rank, records.kind, records.ref LIMIT @limit OFFSET @offset`,
    ).all({ ...params, limit: query.limit, offset: query.offset }) as {
      kind: SearchKind;
      ref: string;
      field: SearchField;
      documentId: string | null;
      reviewStatus: ReviewStatus | null;
      body: string;
    }[];
    return {
      total,
      items: rows.map((row) => ({
        kind: row.kind,
        id: row.ref,
        field: row.field,
        snippet: searchSnippet(row.body, query.terms),
        ...(row.documentId ? { documentId: row.documentId } : {}),
        ...(row.reviewStatus ? { reviewStatus: row.reviewStatus } : {}),
      })),
    };
  }

  async shortestPaths(query: PathQuery): Promise<PathHop[][]> {
    if (!this.exists('actors', query.fromId) || !this.exists('actors', query.toId)) return [];
    if (query.fromId === query.toId) return [[]];
    // Breadth-first, one layer per query, remembering every way each actor was first reached: that is
    // exactly the set of shortest paths, which are then unwound from the target.
    // The walk reads only ids and endpoints; documents are loaded for the edges of the paths returned.
    const cameFrom = new Map<string, LightHop[]>([[query.fromId, []]]);
    let frontier = [query.fromId];
    for (let depth = 1; depth <= query.maxDepth && frontier.length > 0; depth++) {
      const reachedNow = new Map<string, LightHop[]>();
      for (const hop of this.hopsFrom(frontier)) {
        if (cameFrom.has(hop.to)) continue;
        const ways = reachedNow.get(hop.to) ?? [];
        ways.push(hop);
        reachedNow.set(hop.to, ways);
      }
      for (const [actorId, ways] of reachedNow) cameFrom.set(actorId, ways);
      if (reachedNow.has(query.toId))
        return this.withEdges(unwindPaths(cameFrom, query.fromId, query.toId, query.limit));
      frontier = [...reachedNow.keys()];
    }
    return [];
  }

  async upsertSnapshot(snapshot: Partial<GraphSnapshot>): Promise<void> {
    await this.commit({ upsert: snapshot });
  }

  async commit(change: GraphChange): Promise<void> {
    const records = ENTITY_KINDS.reduce((n, kind) => n + (change.upsert?.[kind]?.length ?? 0), 0);
    const thread = records >= OFF_THREAD_RECORDS ? this.writingThread : undefined;
    await this.inTurn(() => (thread ? thread.commit(change) : this.commitHere(change)));
  }

  /** The change set in one transaction, on this connection. */
  commitHere(change: GraphChange): void {
    const snapshot = change.upsert ?? {};
    this.writeTransaction(() => {
      this.db.pragma('defer_foreign_keys = ON');
      // Before the write: two documents with one text are a conflict, not a failed UNIQUE index (which
      // would surface as an unexplained error).
      this.check(checkSnapshotBeforeWrite(snapshot));
      for (const kind of ENTITY_KINDS) for (const entity of snapshot[kind] ?? []) this.write(kind, entity);
      // After the upserts, which may have moved the referrers away: a removed record must have none left.
      this.check(removeUnreferenced(change.remove ?? {}));
      this.check(checkSnapshotAfterWrite(snapshot));
      for (const event of change.history ?? []) this.appendHistory(event);
    });
  }

  async history(query: HistoryQuery): Promise<Page<HistoryEvent>> {
    const { where, params } = historyFilter(query);
    const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    const total = (this.prepare(`SELECT count(*) AS n FROM history ${clause}`).get(params) as { n: number })
      .n;
    const rows = this.prepare(
      `SELECT doc FROM history ${clause} ORDER BY at, id LIMIT @limit OFFSET @offset`,
    ).all({ ...params, limit: query.limit, offset: query.offset }) as Row[];
    return { items: rows.map((row) => parseDoc<HistoryEvent>(row)), total };
  }

  async *readAll<K extends EntityKind>(kind: K, batchSize: number): AsyncIterable<EntityMap[K][]> {
    let after = '';
    const statement = this.prepare(
      `SELECT id, doc FROM ${TABLES[kind].table} WHERE id > ? ORDER BY id LIMIT ?`,
    );
    for (;;) {
      const rows = statement.all(after, batchSize) as { id: string; doc: string }[];
      if (rows.length === 0) return;
      yield rows.map((row) => JSON.parse(row.doc) as EntityMap[K]);
      after = rows[rows.length - 1]!.id;
    }
  }

  async counts(): Promise<Record<EntityKind, number>> {
    const counts = {} as Record<EntityKind, number>;
    for (const kind of ENTITY_KINDS) {
      counts[kind] = (
        this.prepare(`SELECT count(*) AS n FROM ${TABLES[kind].table}`).get() as { n: number }
      ).n;
    }
    return counts;
  }

  async health(): Promise<StoreHealth> {
    try {
      this.prepare('SELECT 1').get();
      return { ok: true, backend: this.backend };
    } catch (error) {
      return { ok: false, backend: this.backend, detail: `stancegraph/sqlite: ${(error as Error).message}` };
    }
  }

  async close(): Promise<void> {
    // A write still running ends (committed or not) before its connection goes.
    await this.lastWrite;
    await this.writingThread?.close();
    if (this.db.open) this.db.close();
  }

  /** Runs a write once every write queued before it has ended: the writing thread's included. */
  private inTurn<T>(write: () => T | Promise<T>): Promise<T> {
    const turn = this.lastWrite.then(write);
    this.lastWrite = turn.catch(() => undefined);
    return turn;
  }

  /**
   * A write, as one IMMEDIATE transaction: it takes the write lock before reading, so two processes on
   * one data folder take turns (waiting up to the busy timeout) instead of failing when one's read
   * snapshot goes stale under the other's write. A lock still held past the timeout is a 503 with a
   * reason, never a 500 "database is locked".
   */
  private writeTransaction<T>(work: () => T): T {
    try {
      return this.db.transaction(work).immediate();
    } catch (error) {
      if (isBusy(error)) {
        throw new StoreUnavailableError(
          `stancegraph/sqlite: the data folder is busy with another writer (another service, import or seed) for more than ${BUSY_TIMEOUT_MS / 1000} s; retry`,
          1,
          { cause: error },
        );
      }
      throw error;
    }
  }

  private exists(kind: EntityKind, id: string): boolean {
    return this.primitives.existingIds(kind, [id]).has(id);
  }

  private write<K extends EntityKind>(kind: K, entity: EntityMap[K]): void {
    const spec = TABLES[kind];
    const columns = {
      id: entity.id,
      ...spec.columns(entity),
      doc: JSON.stringify(inSchemaOrder(kind, entity)),
    };
    let upsert = this.upserts.get(kind);
    if (!upsert) {
      // Every row of a kind has the same columns: the SQL is built once, not once per row (bulk import).
      const names = Object.keys(columns);
      const updates = names.filter((name) => name !== 'id').map((name) => `${name} = excluded.${name}`);
      upsert = this.prepare(
        `INSERT INTO ${spec.table} (${names.join(', ')}) VALUES (${names.map((n) => `@${n}`).join(', ')})
           ON CONFLICT(id) DO UPDATE SET ${updates.join(', ')}`,
      );
      this.upserts.set(kind, upsert);
    }
    upsert.run(columns);
    if (kind === 'actors') this.writeActorNames(entity as Actor);
  }

  private writeActorNames(actor: Actor): void {
    this.prepare('DELETE FROM actor_names WHERE actor_id = ?').run(actor.id);
    const insert = this.prepare('INSERT OR IGNORE INTO actor_names (actor_id, name) VALUES (?, ?)');
    for (const key of actorNameKeys(actor)) insert.run(actor.id, key);
  }

  /** Appends one event; an event already stored under its id stays as it was (history is never rewritten). */
  private appendHistory(event: HistoryEvent): void {
    this.prepare(
      `INSERT OR IGNORE INTO history (id, at, kind, record_id, document_id, doc)
         VALUES (@id, @at, @kind, @recordId, @documentId, @doc)`,
    ).run({
      id: event.id,
      at: event.at,
      kind: event.kind,
      recordId: event.recordId,
      documentId: event.documentId ?? null,
      doc: JSON.stringify(event),
    });
  }

  private check<T>(rule: Rule<T>): T {
    return runSync(rule, this.primitives);
  }

  /** Every accepted relation and affiliation touching the frontier, as hops leading away from it. */
  private hopsFrom(frontier: string[]): LightHop[] {
    // Two index lookups per table (one per end), each row read as a hop away from the frontier end; a
    // relation with both ends in the frontier gives a hop each way, as the walk needs.
    const rows = this.prepare(
      `SELECT 'relation' AS kind, id, source_id AS "from", target_id AS "to", 0 AS side FROM relations
         WHERE review_status = 'accepted' AND source_id IN (SELECT value FROM json_each(@ids))
       UNION ALL
       SELECT 'relation', id, target_id, source_id, 1 FROM relations
         WHERE review_status = 'accepted' AND target_id IN (SELECT value FROM json_each(@ids))
       UNION ALL
       SELECT 'affiliation', id, member_id, organization_id, 0 FROM affiliations
         WHERE ${ACCEPTED_AFFILIATION} AND member_id IN (SELECT value FROM json_each(@ids))
       UNION ALL
       SELECT 'affiliation', id, organization_id, member_id, 1 FROM affiliations
         WHERE ${ACCEPTED_AFFILIATION} AND organization_id IN (SELECT value FROM json_each(@ids))
       ORDER BY kind DESC, id, side`,
    ).all({ ids: JSON.stringify(frontier) }) as LightHop[];
    return rows;
  }

  /** Turns id-only paths into full ones, loading each relation and affiliation once. */
  private withEdges(paths: LightHop[][]): PathHop[][] {
    const hops = paths.flat();
    const load = <T extends { id: string }>(table: string, kind: LightHop['kind']) =>
      new Map(
        (
          this.prepare(`SELECT doc FROM ${table} WHERE id IN (SELECT value FROM json_each(?))`).all(
            JSON.stringify([...new Set(hops.filter((h) => h.kind === kind).map((h) => h.id))]),
          ) as Row[]
        ).map((row) => {
          const record = parseDoc<T>(row);
          return [record.id, record] as const;
        }),
      );
    const relations = load<Relation>('relations', 'relation');
    const affiliations = load<Affiliation>('affiliations', 'affiliation');
    return paths.map((path) =>
      path.map(({ from, to, kind, id }) => ({
        from,
        to,
        edge:
          kind === 'relation'
            ? { kind, relation: relations.get(id)! }
            : { kind, affiliation: affiliations.get(id)! },
      })),
    );
  }
}

/** The reads and writes the store-integrity rules ask of a store, as SQL on the tables. */
function sqlitePrimitives(prepare: (sql: string) => Database.Statement): StorePrimitives {
  const idsIn = (sql: string, ids: readonly string[]) => prepare(sql).all(JSON.stringify(ids)) as Row[];
  const inList = 'IN (SELECT value FROM json_each(?))';
  return {
    existingIds: (kind, ids) =>
      new Set(
        idsIn(`SELECT id FROM ${TABLES[kind].table} WHERE id ${inList}`, ids).map((row) => row.id as string),
      ),
    topicParents: (ids) =>
      new Map(
        idsIn(`SELECT id, parent_id FROM topics WHERE id ${inList}`, ids).map((row) => [
          row.id as string,
          (row.parent_id as string | null) ?? undefined,
        ]),
      ),
    contentHashOwners: (hashes) =>
      new Map(
        idsIn(`SELECT id, content_hash FROM documents WHERE content_hash ${inList}`, hashes).map((row) => [
          row.content_hash as string,
          row.id as string,
        ]),
      ),
    referrerCounts: (kind, id) =>
      REFERRERS[kind].map(
        (referrer) =>
          (
            prepare(
              `SELECT count(*) AS n FROM ${TABLES[referrer.kind].table} WHERE ${columnOf(referrer.field)} = ?`,
            ).get(id) as { n: number }
          ).n,
      ),
    deleteReferrers: (referrer, id) => {
      prepare(`DELETE FROM ${TABLES[referrer.kind].table} WHERE ${columnOf(referrer.field)} = ?`).run(id);
    },
    detachReferrers: (referrer, id) => {
      const column = columnOf(referrer.field);
      prepare(
        `UPDATE ${TABLES[referrer.kind].table} SET ${column} = NULL, doc = json_remove(doc, '$.${referrer.field}') WHERE ${column} = ?`,
      ).run(id);
    },
    deleteRecord: (kind, id) => {
      prepare(`DELETE FROM ${TABLES[kind].table} WHERE id = ?`).run(id);
    },
  };
}

/**
 * Latest accepted statement per actor and topic within the window; ties go to the greater id. Only ids
 * and the columns needed are ranked (sorting whole documents is what made this slow); `scope` narrows
 * the statements ranked, and callers join the documents back for the rows they keep.
 */
function currentStancesCte(query: { topicId?: string; window: TimeWindow }, scope?: string): string {
  // Only the filters that are set appear in the SQL: `@x IS NULL OR col = @x` would keep SQLite from
  // using the index on that column, and every query would scan all statements.
  const scopes = [
    query.topicId !== undefined ? 'topic_id = @topicId' : undefined,
    query.window.from !== undefined ? 'stated_at >= @from' : undefined,
    query.window.to !== undefined ? "stated_at <= @to AND stated_at <> ''" : undefined,
    scope,
  ].filter((condition): condition is string => condition !== undefined);
  return `
WITH ranked AS (
  SELECT id, actor_id, topic_id, polarity,
         row_number() OVER (PARTITION BY topic_id, actor_id ORDER BY stated_at DESC, id DESC) AS rank
  FROM statements
  WHERE review_status = 'accepted'
    ${scopes.map((condition) => `AND ${condition}`).join(' ')}
),
current AS MATERIALIZED (SELECT id, actor_id, topic_id, polarity FROM ranked WHERE rank = 1)`;
}

interface PairRow {
  topicId: string;
  firstId: string;
  first: string;
  secondId: string;
  second: string;
}

/** A statement appears in every pair on its topic: each is decoded once (a busy actor has thousands of pairs). */
function decodePairs(rows: PairRow[]): StancePair[] {
  const statement = decoder<Statement>();
  return rows.map((row) => ({
    topicId: row.topicId,
    first: statement(row.firstId, row.first),
    second: statement(row.secondId, row.second),
  }));
}

/** Parses each document once, however many rows repeat it. */
function decoder<T>(): (id: string, doc: string) => T {
  const decoded = new Map<string, T>();
  return (id, doc) => {
    let parsed = decoded.get(id);
    if (parsed === undefined) {
      parsed = JSON.parse(doc) as T;
      decoded.set(id, parsed);
    }
    return parsed;
  };
}

/** A row of the counterparts query: the total, or one relation or stance pair of a counterpart. */
interface CounterpartRow {
  kind: 'total' | 'relation' | 'stance';
  other: string | null;
  n: number;
  /** A relation's date ('' when undated), or a stance pair's topic. */
  sortKey: string | null;
  firstId: string | null;
  first: string | null;
  secondId: string | null;
  second: string | null;
}

function historyFilter(query: HistoryQuery): SqlFilter {
  return conditions([
    ['kind = @kind', query.kind],
    ['record_id = @recordId', query.recordId],
    ['document_id = @documentId', query.documentId],
  ]);
}

const ACCEPTED_AFFILIATION = `${REVIEW_STATUS} = 'accepted'`;

const relationWindowClause = `(
  (@from IS NULL AND @to IS NULL)
  OR (date IS NOT NULL AND (@from IS NULL OR date >= @from) AND (@to IS NULL OR date <= @to))
)`;

function windowParams(window: TimeWindow): { from: string | null; to: string | null } {
  return { from: window.from ?? null, to: window.to ?? null };
}

/** A step of a walk before its edge is loaded: enough to find and order the shortest paths. */
interface LightHop {
  from: string;
  to: string;
  kind: 'relation' | 'affiliation';
  id: string;
}

function unwindPaths(
  cameFrom: Map<string, LightHop[]>,
  fromId: string,
  toId: string,
  limit: number,
): LightHop[][] {
  // Collect generously before sorting, so the `limit` paths returned are the same ones any store returns.
  const cap = Math.max(limit, 10_000);
  const paths: LightHop[][] = [];
  const walk = (actorId: string, suffix: LightHop[]): void => {
    if (paths.length >= cap) return;
    if (actorId === fromId) {
      paths.push(suffix);
      return;
    }
    for (const hop of cameFrom.get(actorId) ?? []) walk(hop.from, [hop, ...suffix]);
  };
  walk(toId, []);
  return paths.sort((a, b) => compareText(pathKey(a), pathKey(b))).slice(0, limit);
}

function pathKey(path: LightHop[]): string {
  return path.map((hop) => hop.id).join('/');
}

/** Code-point order, the order both SQLite and Neo4j sort strings in; `localeCompare` would differ. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function parseDoc<T>(row: Row): T {
  return JSON.parse(row.doc as string) as T;
}

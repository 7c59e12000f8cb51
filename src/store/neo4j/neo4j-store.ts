import type { Actor } from '../../model/actor-schema';
import type { StoredDocument } from '../../model/document-schema';
import type { Page, ReviewStatus, TimeWindow } from '../../model/common-schema';
import {
  LimitExceededError,
  NotFoundError,
  StoreUnavailableError,
  ValidationError,
} from '../../shared/errors';
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
import { luceneQuery, matchesAll, searchSnippet, type SearchField, type SearchKind } from '../text-search';
import {
  ENTITY_KINDS,
  ENTITY_NAMES,
  type EntityKind,
  type EntityMap,
  type GraphSnapshot,
  type ListFilterMap,
} from '../../model/entity-kinds';
import {
  CASCADE_QUERIES,
  KIND_QUERIES,
  KIND_WRITES,
  Q,
  SHORTEST_PATHS_BY_DEPTH,
  type CypherQuery,
  type WriteRow,
} from './neo4j-queries';
import {
  checkCreate,
  checkSnapshotAfterWrite,
  checkSnapshotBeforeWrite,
  checkUpdate,
  deleteWithPlan,
  findCollision,
  removeUnreferenced,
  runAsync,
  type Referrer,
  type AsyncStorePrimitives,
  type Rule,
} from '../store-integrity';
import { MAX_PATH_DEPTH } from '../graph-store';
import { ensureSchema } from './neo4j-schema';
import {
  causalSessions,
  ConstraintViolation,
  errorCode,
  openDriver,
  rerunOnVanishedRecord,
  RETRY_AFTER_SECONDS,
  runQuery,
  translateError,
  type DriverLike,
  type Neo4jConnection,
  type QueryRunner,
  type SessionOpener,
} from './neo4j-session';
import { normalizeName } from '../search-keys';

/** Full-text hits read per search before the one-field check and paging. */
const SEARCH_CAP = 1000;
import { fromNeo4j, fromProps, toInteger, toNumber, toWriteRow } from './neo4j-values';

export type Neo4jStoreConfig = Neo4jConnection;

/** Structured logging as pino does it; the store logs only state changes, never credentials. */
export interface StoreLogger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
}

export interface Neo4jStoreOptions {
  /** A driver to use instead of connecting to `config.uri` (tests pass a fake). */
  driver?: DriverLike;
  logger?: StoreLogger;
  /** The clock, for tests of the retry pause after a failed start. */
  now?: () => number;
}

/** A Neo4j store with the one extra a test or a full reload needs. */
export interface Neo4jGraphStore extends GraphStore {
  readonly backend: 'neo4j';
  /** Deletes every Stancegraph record (not the schema). For tests and for replacing a whole graph. */
  deleteEverything(): Promise<void>;
}

/** Rows per UNWIND statement in bulk writes; also bounded by their size, for documents with long texts. */
const BATCH_ROWS = 2_000;
const BATCH_CHARS = 8_000_000;

type IdsQuery = CypherQuery<{ ids: string[] }>;
type RowsQuery = CypherQuery<{ rows: WriteRow[] }>;
type WriteStep = (tx: QueryRunner, rows: WriteRow[]) => Promise<unknown>;

const rowsStep =
  (query: RowsQuery): WriteStep =>
  (tx, rows) =>
    runQuery(tx, query, { rows });
/** Relationship upsert: in place where the end points are unchanged, else delete and create. */
const replaceEdgesStep =
  (updateInPlace: CypherQuery<{ rows: WriteRow[] }>, remove: IdsQuery, create: RowsQuery): WriteStep =>
  async (tx, rows) => {
    const updated = new Set((await runQuery(tx, updateInPlace, { rows })).map((r) => r.get('id') as string));
    const rest = rows.filter((row) => !updated.has(row.id));
    if (rest.length === 0) return;
    await runQuery(tx, remove, { ids: rest.map((row) => row.id) });
    await runQuery(tx, create, { rows: rest });
  };

/** How each kind is written. */
interface KindWriteSteps {
  /** Fails on an existing id (the uniqueness constraint), so concurrent creates cannot overwrite. */
  insert: WriteStep;
  upsert: WriteStep;
  /** Relationships that mirror reference fields; run once all batches of the kind are written. */
  link: WriteStep[];
}

const LINKS: Record<EntityKind, RowsQuery[]> = {
  actors: [],
  topics: [Q.linkTopicParents],
  documents: [],
  statements: [Q.linkStatements, Q.linkStatementDocuments],
  relations: [],
  affiliations: [],
};

const WRITES = Object.fromEntries(
  ENTITY_KINDS.map((kind): [EntityKind, KindWriteSteps] => {
    const writes = KIND_WRITES[kind];
    const link = LINKS[kind].map(rowsStep);
    if (writes.node)
      return [kind, { insert: rowsStep(writes.insert), upsert: rowsStep(writes.upsert), link }];
    const { updateInPlace, deleteById, create } = writes;
    return [
      kind,
      { insert: rowsStep(create), upsert: replaceEdgesStep(updateInPlace, deleteById, create), link },
    ];
  }),
) as Record<EntityKind, KindWriteSteps>;

/**
 * The production store on Neo4j 5 (single server, cluster or Aura). The graph model is described in
 * neo4j-queries.ts and the README, "Run with Neo4j".
 *
 * Returns at once and never throws for an unreachable Neo4j: schema set-up starts in the background and is
 * retried by the next call after a failure (at most every RETRY_AFTER_SECONDS); until it succeeds every
 * method throws StoreUnavailableError and `health()` reports why. The driver reconnects on its own.
 */
export function createNeo4jStore(config: Neo4jStoreConfig, options: Neo4jStoreOptions = {}): Neo4jGraphStore {
  return new Neo4jStore(config, options.driver ?? openDriver(config), options);
}

class Neo4jStore implements Neo4jGraphStore {
  readonly backend = 'neo4j' as const;

  private schemaReady = false;
  private settingUp: Promise<void> | undefined;
  private lastFailure: { at: number; error: Error } | undefined;
  private closed = false;
  private readonly now: () => number;
  private readonly logger: StoreLogger | undefined;
  private readonly openSession: SessionOpener;

  constructor(
    private readonly config: Neo4jStoreConfig,
    private readonly driver: DriverLike,
    options: Neo4jStoreOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.logger = options.logger;
    this.openSession = causalSessions(driver, config.database);
    this.ready().catch(() => undefined); // start now; a failure is logged and retried lazily
  }

  // ------------------------------------------------------------------------------------------------------
  // Records
  // ------------------------------------------------------------------------------------------------------

  async create<K extends EntityKind>(kind: K, entity: EntityMap[K]): Promise<EntityMap[K]> {
    try {
      return await this.write(async (tx) => {
        await check(tx, checkCreate(kind, entity));
        await this.writeRecords(tx, kind, [entity], 'insert');
        return entity;
      });
    } catch (error) {
      // A uniqueness constraint fired: a concurrent create won the race. Say which record it collided with.
      if (error instanceof ConstraintViolation) {
        throw await this.explainCollision(kind, entity, error);
      }
      throw error;
    }
  }

  async get<K extends EntityKind>(kind: K, id: string): Promise<EntityMap[K] | undefined> {
    const [found] = await this.getMany(kind, [id]);
    return found;
  }

  async getMany<K extends EntityKind>(kind: K, ids: readonly string[]): Promise<EntityMap[K][]> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return [];
    const records = await this.read((tx) => runQuery(tx, KIND_QUERIES[kind].getMany, { ids: unique }));
    return records.map((record) => fromProps(kind, record.get('props')));
  }

  async update<K extends EntityKind>(
    kind: K,
    id: string,
    change: (current: EntityMap[K]) => EntityMap[K],
  ): Promise<EntityMap[K]> {
    // All of it runs again if the driver retries the transaction: the read is redone, so `change` always
    // sees the latest committed record. The lock taken by the read makes concurrent updates queue.
    return this.write(async (tx) => {
      const [record] = await runQuery(tx, KIND_QUERIES[kind].lock, { id });
      if (!record) throw new NotFoundError(ENTITY_NAMES[kind], id);
      const next = change(fromProps(kind, record.get('props')));
      await check(tx, checkUpdate(kind, id, next));
      await this.writeRecords(tx, kind, [next], 'upsert');
      return next;
    });
  }

  async delete(kind: EntityKind, id: string, options: { cascade?: boolean } = {}): Promise<void> {
    await this.write((tx) => check(tx, deleteWithPlan(kind, id, options)));
  }

  async list<K extends EntityKind>(kind: K, filter: ListFilterMap[K]): Promise<Page<EntityMap[K]>> {
    const { count, list: page } = KIND_QUERIES[kind];
    const params = listParams(kind, filter);
    return this.read(async (tx) => {
      const [totalRecord] = await runQuery(tx, count, params);
      const records = await runQuery(tx, page, {
        ...params,
        offset: toInteger(filter.offset),
        limit: toInteger(filter.limit),
      });
      return {
        items: records.map((record) => fromProps(kind, record.get('props'))),
        total: toNumber(totalRecord?.get('total')),
      };
    });
  }

  async findActorsByName(name: string): Promise<Actor[]> {
    const records = await this.read((tx) => runQuery(tx, Q.findActorsByName, { key: normalizeName(name) }));
    return records.map((record) => fromProps('actors', record.get('props')));
  }

  async findDocumentByHash(contentHash: string): Promise<StoredDocument | undefined> {
    const [record] = await this.read((tx) => runQuery(tx, Q.findDocumentByHash, { contentHash }));
    return record ? fromProps('documents', record.get('props')) : undefined;
  }

  // ------------------------------------------------------------------------------------------------------
  // Relationship queries, computed in Neo4j
  // ------------------------------------------------------------------------------------------------------

  async relations(query: RelationQuery): Promise<EntityMap['relations'][]> {
    if (query.types.length === 0) return [];
    const records = await this.read((tx) =>
      runQuery(tx, Q.acceptedRelations, {
        types: [...query.types],
        actorId: query.actorId ?? null,
        topicId: query.topicId ?? null,
        ...windowParams(query.window),
      }),
    );
    return records.map((record) => fromProps('relations', record.get('props')));
  }

  async searchText(query: TextSearchQuery): Promise<Page<TextSearchHit>> {
    if (query.terms.length === 0 || query.kinds.length === 0) return { items: [], total: 0 };
    const records = await this.read((tx) =>
      runQuery(tx, Q.searchText, {
        query: luceneQuery(query.terms),
        kinds: [...query.kinds],
        statuses: [...query.reviewStatuses],
        cap: toInteger(SEARCH_CAP),
      }),
    );
    // Lucene matches words spread over a record's fields; a hit needs them all in one, as in FTS5.
    const hits: TextSearchHit[] = [];
    for (const record of records) {
      const fields: [SearchField, unknown][] = [
        ['quote', record.get('quote')],
        ['evidence', record.get('evidence')],
        ['title', record.get('title')],
        ['text', record.get('text')],
      ];
      const found = fields.find(
        (pair): pair is [SearchField, string] =>
          typeof pair[1] === 'string' && matchesAll(pair[1], query.terms),
      );
      if (!found) continue;
      const documentId = record.get('documentId') as string | null;
      const reviewStatus = record.get('reviewStatus') as ReviewStatus | null;
      hits.push({
        kind: record.get('kind') as SearchKind,
        id: record.get('id') as string,
        field: found[0],
        snippet: searchSnippet(found[1], query.terms),
        ...(documentId ? { documentId } : {}),
        ...(reviewStatus ? { reviewStatus } : {}),
      });
    }
    return { total: hits.length, items: hits.slice(query.offset, query.offset + query.limit) };
  }

  async currentStances(query: {
    actorId?: string;
    topicId?: string;
    window: TimeWindow;
  }): Promise<Statement[]> {
    const window = windowParams(query.window);
    const topicId = query.topicId ?? null;
    // Entered from the one actor or topic asked about, so the plan seeks instead of reading every stance.
    const records = await this.read((tx) =>
      query.actorId !== undefined
        ? runQuery(tx, Q.currentStancesOfActor, { actorId: query.actorId, topicId, ...window })
        : topicId !== null
          ? runQuery(tx, Q.currentStancesOnTopic, { topicId, ...window })
          : runQuery(tx, Q.currentStances, { actorId: null, topicId: null, ...window }),
    );
    return records.map((record) => fromProps('statements', record.get('props')));
  }

  async stancePairs(query: StanceQuery & { agreement: 'same' | 'opposite' }): Promise<StancePair[]> {
    const records = await this.read((tx) =>
      runQuery(tx, Q.stancePairs, {
        actorId: query.actorId ?? null,
        topicId: query.topicId ?? null,
        ...windowParams(query.window),
        same: query.agreement === 'same',
      }),
    );
    return records.map((record) => ({
      topicId: record.get('topicId') as string,
      first: fromProps('statements', record.get('first')),
      second: fromProps('statements', record.get('second')),
    }));
  }

  async counterparts(query: CounterpartQuery): Promise<Page<CounterpartEvidence>> {
    const filters = {
      actorId: query.actorId,
      topicId: query.topicId ?? null,
      ...windowParams(query.window),
    };
    const same = query.agreement === 'same';
    // One read transaction: the total, the ranking and the page's records come from the same graph.
    return this.read(async (tx) => {
      const [ranking] = await runQuery(tx, Q.rankedCounterparts, {
        ...filters,
        types: [...query.types],
        same,
        offset: toInteger(query.offset),
        limit: toInteger(query.limit),
      });
      const total = toNumber(ranking?.get('total'));
      const ids = (ranking?.get('page') ?? []) as string[];
      if (ids.length === 0) return { items: [], total };
      const [relationRecords, pairRecords] = [
        await runQuery(tx, Q.relationsWithCounterparts, {
          ...filters,
          types: [...query.types],
          counterpartIds: ids,
        }),
        await runQuery(tx, Q.stancePairsWithCounterparts, { ...filters, counterpartIds: ids, same }),
      ];
      const items = new Map<string, CounterpartEvidence>(
        ids.map((id) => [id, { actorId: id, relations: [], stancePairs: [] }]),
      );
      for (const record of relationRecords) {
        const relation = fromProps('relations', record.get('props'));
        const other = relation.sourceId === query.actorId ? relation.targetId : relation.sourceId;
        items.get(other)!.relations.push(relation);
      }
      for (const record of pairRecords) {
        const pair = {
          topicId: record.get('topicId') as string,
          first: fromProps('statements', record.get('first')),
          second: fromProps('statements', record.get('second')),
        };
        items.get(pair.second.actorId)!.stancePairs.push(pair);
      }
      return { items: [...items.values()], total };
    });
  }

  async shortestPaths(query: PathQuery): Promise<PathHop[][]> {
    const statement = pathStatement(query.maxDepth);
    if (!Number.isInteger(query.limit) || query.limit < 0) {
      throw new ValidationError('limit must be a whole number, 0 or more', [
        { path: ['limit'], message: 'must be a non-negative integer' },
      ]);
    }
    return this.read(async (tx) => {
      const found = await existingIds(tx, 'actors', [query.fromId, query.toId]);
      if (!found.has(query.fromId) || !found.has(query.toId)) return [];
      if (query.fromId === query.toId) return [[]];
      if (query.limit === 0) return [];
      const records = await runQuery(tx, statement, {
        fromId: query.fromId,
        toId: query.toId,
        limit: toInteger(query.limit),
      });
      return records.map((record) => (record.get('hops') as unknown[]).map(toPathHop));
    });
  }

  // ------------------------------------------------------------------------------------------------------
  // Bulk
  // ------------------------------------------------------------------------------------------------------

  async upsertSnapshot(snapshot: Partial<GraphSnapshot>): Promise<void> {
    await this.commit({ upsert: snapshot });
  }

  async commit(change: GraphChange): Promise<void> {
    const snapshot = change.upsert ?? {};
    // One transaction; each kind goes in UNWIND batches of up to BATCH_ROWS rows.
    await this.write(async (tx) => {
      // Checked before writing: the content-hash constraint would otherwise fail the load less clearly.
      await check(tx, checkSnapshotBeforeWrite(snapshot));
      for (const kind of ENTITY_KINDS) {
        const entities = (snapshot[kind] ?? []) as EntityMap[EntityKind][];
        if (entities.length > 0) await this.writeRecords(tx, kind, entities, 'upsert');
      }
      // After the upserts, which may have moved the referrers away: a removed record must have none left.
      await check(tx, removeUnreferenced(change.remove ?? {}));
      await check(tx, checkSnapshotAfterWrite(snapshot));
      for (const batch of chunks(change.history ?? [], BATCH_ROWS)) {
        await runQuery(tx, Q.appendHistory, { rows: batch.map(historyRow) });
      }
    });
  }

  async history(query: HistoryQuery): Promise<Page<HistoryEvent>> {
    const params = {
      kind: query.kind ?? null,
      recordId: query.recordId ?? null,
      documentId: query.documentId ?? null,
    };
    return this.read(async (tx) => {
      const [totalRecord] = await runQuery(tx, Q.countHistory, params);
      const records = await runQuery(tx, Q.listHistory, {
        ...params,
        offset: toInteger(query.offset),
        limit: toInteger(query.limit),
      });
      return {
        items: records.map((record) => JSON.parse(record.get('doc') as string) as HistoryEvent),
        total: toNumber(totalRecord?.get('total')),
      };
    });
  }

  async *readAll<K extends EntityKind>(kind: K, batchSize: number): AsyncIterable<EntityMap[K][]> {
    if (!Number.isInteger(batchSize) || batchSize < 1) {
      throw new ValidationError('batch size must be a whole number, 1 or more', [
        { path: ['batchSize'], message: 'must be a positive integer' },
      ]);
    }
    let after = '';
    for (;;) {
      const records = await this.read((tx) =>
        runQuery(tx, KIND_QUERIES[kind].readAll, { after, limit: toInteger(batchSize) }),
      );
      if (records.length === 0) return;
      const batch = records.map((record) => fromProps(kind, record.get('props')));
      yield batch;
      if (batch.length < batchSize) return;
      after = batch[batch.length - 1]!.id;
    }
  }

  async counts(): Promise<Record<EntityKind, number>> {
    const [record] = await this.read((tx) => runQuery(tx, Q.counts, {}));
    const counts = {} as Record<EntityKind, number>;
    for (const kind of ENTITY_KINDS) counts[kind] = toNumber(record?.get(kind));
    return counts;
  }

  async deleteEverything(): Promise<void> {
    // In slices, so a large graph never needs one huge transaction.
    for (;;) {
      const [record] = await this.write((tx) =>
        runQuery(tx, Q.deleteSomeRecords, { limit: toInteger(10_000) }),
      );
      if (toNumber(record?.get('deleted')) === 0) return;
    }
  }

  async health(): Promise<StoreHealth> {
    try {
      await this.read((tx) => runQuery(tx, Q.ping, {}));
      return { ok: true, backend: this.backend };
    } catch (error) {
      return { ok: false, backend: this.backend, detail: this.translate(error).message };
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.settingUp?.catch(() => undefined);
    await this.driver.close();
  }

  // ------------------------------------------------------------------------------------------------------
  // Transactions and readiness
  // ------------------------------------------------------------------------------------------------------

  private async read<T>(work: (tx: QueryRunner) => Promise<T>): Promise<T> {
    await this.ready();
    return this.inSession('READ', (session) => session.executeRead(work));
  }

  private async write<T>(work: (tx: QueryRunner) => Promise<T>): Promise<T> {
    await this.ready();
    return this.inSession('WRITE', (session) => session.executeWrite(work));
  }

  private async inSession<T>(
    mode: 'READ' | 'WRITE',
    use: (session: ReturnType<DriverLike['session']>) => Promise<T>,
  ): Promise<T> {
    const session = this.openSession(mode);
    try {
      return await rerunOnVanishedRecord(() => use(session));
    } catch (error) {
      throw this.translate(error);
    } finally {
      await session.close().catch(() => undefined);
    }
  }

  private translate(error: unknown): Error {
    return translateError(error, this.config);
  }

  /**
   * Resolves once the schema is set up. A failed attempt is remembered for RETRY_AFTER_SECONDS, during
   * which callers get StoreUnavailableError at once; the next call after that tries again.
   */
  private ready(): Promise<void> {
    if (this.closed) {
      return Promise.reject(
        new StoreUnavailableError('stancegraph/neo4j: the store is closed', RETRY_AFTER_SECONDS),
      );
    }
    if (this.schemaReady) return Promise.resolve();
    if (this.settingUp) return this.settingUp;
    if (this.lastFailure) {
      const waitMs = this.lastFailure.at + RETRY_AFTER_SECONDS * 1000 - this.now();
      if (waitMs > 0) {
        return Promise.reject(
          new StoreUnavailableError(this.lastFailure.error.message, Math.ceil(waitMs / 1000)),
        );
      }
    }
    this.settingUp = ensureSchema(() => this.openSession('WRITE'))
      .then(
        (version) => {
          this.schemaReady = true;
          if (this.lastFailure) this.logger?.info({ backend: 'neo4j' }, 'stancegraph/neo4j: Neo4j is back');
          this.lastFailure = undefined;
          this.logger?.info({ backend: 'neo4j', schemaVersion: version }, 'stancegraph/neo4j: schema ready');
        },
        (error: unknown) => {
          const translated = this.translate(error);
          const unavailable =
            translated instanceof StoreUnavailableError
              ? translated
              : new StoreUnavailableError(`stancegraph/neo4j: schema set-up failed: ${translated.message}`);
          if (!this.lastFailure) {
            this.logger?.warn(
              {
                backend: 'neo4j',
                code: errorCode(error) || undefined,
                retryAfterSeconds: RETRY_AFTER_SECONDS,
              },
              unavailable.message,
            );
          }
          this.lastFailure = { at: this.now(), error: unavailable };
          throw unavailable;
        },
      )
      .finally(() => {
        this.settingUp = undefined;
      });
    return this.settingUp;
  }

  // ------------------------------------------------------------------------------------------------------
  // Writing and checking records inside a transaction
  // ------------------------------------------------------------------------------------------------------

  /** Writes records in UNWIND batches; the last record with an id wins, as row-by-row upserts would. */
  private async writeRecords(
    tx: QueryRunner,
    kind: EntityKind,
    entities: readonly EntityMap[EntityKind][],
    mode: 'insert' | 'upsert',
  ): Promise<void> {
    const byId = new Map<string, WriteRow>();
    for (const entity of entities) byId.set(entity.id, toWriteRow(kind, entity));
    const batches = rowBatches([...byId.values()]);
    const spec = WRITES[kind];
    for (const batch of batches) await spec[mode](tx, batch);
    for (const batch of batches) for (const step of spec.link) await step(tx, batch);
  }

  /** After a uniqueness constraint fired on create: the record that is now in the way, in plain words. */
  private async explainCollision(
    kind: EntityKind,
    entity: EntityMap[EntityKind],
    fallback: Error,
  ): Promise<Error> {
    try {
      return (await this.read((tx) => check(tx, findCollision(kind, entity)))) ?? fallback;
    } catch {
      return fallback;
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------------------

/** Runs a store-integrity rule inside the transaction `tx`, answering its primitives with Cypher. */
function check<T>(tx: QueryRunner, rule: Rule<T>): Promise<T> {
  return runAsync(rule, neo4jPrimitives(tx));
}

function neo4jPrimitives(tx: QueryRunner): AsyncStorePrimitives {
  const cascade = async (referrer: Referrer, id: string) => {
    await runQuery(tx, CASCADE_QUERIES.get(referrer)!, { id });
  };
  return {
    existingIds: (kind, ids) => existingIds(tx, kind, ids),
    topicParents: async (ids) => {
      const parents = new Map<string, string | undefined>();
      for (const chunk of chunks(ids, BATCH_ROWS)) {
        for (const record of await runQuery(tx, Q.topicParents, { ids: chunk })) {
          parents.set(record.get('id') as string, (record.get('parentId') as string | null) ?? undefined);
        }
      }
      return parents;
    },
    contentHashOwners: async (hashes) => {
      const owners = new Map<string, string>();
      for (const chunk of chunks(hashes, BATCH_ROWS)) {
        for (const record of await runQuery(tx, Q.documentsByContentHash, { hashes: chunk })) {
          owners.set(record.get('contentHash') as string, record.get('id') as string);
        }
      }
      return owners;
    },
    referrerCounts: async (kind, id) => {
      const query = KIND_QUERIES[kind].referrerCounts;
      if (!query) return [];
      const [record] = await runQuery(tx, query, { id });
      return ((record?.get('counts') ?? []) as unknown[]).map(toNumber);
    },
    // The statement for each referrer already deletes or detaches, as REFERRERS says.
    deleteReferrers: cascade,
    detachReferrers: cascade,
    deleteRecord: async (kind, id) => {
      await runQuery(tx, KIND_QUERIES[kind].remove, { id });
    },
  };
}

async function existingIds(tx: QueryRunner, kind: EntityKind, ids: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (const chunk of chunks([...new Set(ids)], BATCH_ROWS)) {
    const records = await runQuery(tx, KIND_QUERIES[kind].existing, { ids: chunk });
    for (const record of records) found.add(record.get('id') as string);
  }
  return found;
}

/** A history event as stored: the look-up keys as properties, the event itself as JSON. */
function historyRow(event: HistoryEvent): WriteRow {
  return {
    id: event.id,
    props: {
      id: event.id,
      at: event.at,
      kind: event.kind,
      recordId: event.recordId,
      ...(event.documentId !== undefined ? { documentId: event.documentId } : {}),
      doc: JSON.stringify(event),
    },
  };
}

function windowParams(window: TimeWindow): { from: string | null; to: string | null } {
  return { from: window.from ?? null, to: window.to ?? null };
}

/** The pre-written statement for a depth bound: an integer in 1..MAX_PATH_DEPTH, never text. */
function pathStatement(maxDepth: number): (typeof SHORTEST_PATHS_BY_DEPTH)[number] {
  if (!Number.isInteger(maxDepth) || maxDepth < 1) {
    throw new ValidationError('maxDepth must be a whole number, 1 or more', [
      { path: ['maxDepth'], message: 'must be a positive integer' },
    ]);
  }
  const statement = SHORTEST_PATHS_BY_DEPTH[maxDepth - 1];
  if (maxDepth > MAX_PATH_DEPTH || !statement) {
    throw new LimitExceededError(
      `paths longer than ${MAX_PATH_DEPTH} hops are not searched`,
      'maxDepth',
      maxDepth,
      MAX_PATH_DEPTH,
    );
  }
  return statement;
}

function toPathHop(raw: unknown): PathHop {
  const hop = fromNeo4j(raw) as {
    from: string;
    to: string;
    type: string;
    startId: string;
    endId: string;
    props: Record<string, unknown>;
  };
  if (hop.type === 'RELATION') {
    const relation = fromProps('relations', { ...hop.props, sourceId: hop.startId, targetId: hop.endId });
    return { from: hop.from, to: hop.to, edge: { kind: 'relation', relation } };
  }
  const affiliation = fromProps('affiliations', {
    ...hop.props,
    memberId: hop.startId,
    organizationId: hop.endId,
  });
  return { from: hop.from, to: hop.to, edge: { kind: 'affiliation', affiliation } };
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Batches of at most BATCH_ROWS rows and (roughly) BATCH_CHARS characters of text. */
function rowBatches(rows: readonly WriteRow[]): WriteRow[][] {
  const batches: WriteRow[][] = [];
  let current: WriteRow[] = [];
  let chars = 0;
  for (const row of rows) {
    const size = approximateSize(row.props);
    if (current.length > 0 && (current.length >= BATCH_ROWS || chars + size > BATCH_CHARS)) {
      batches.push(current);
      current = [];
      chars = 0;
    }
    current.push(row);
    chars += size;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

function approximateSize(props: Record<string, unknown>): number {
  let size = 0;
  for (const value of Object.values(props)) {
    if (typeof value === 'string') size += value.length;
    else if (Array.isArray(value))
      for (const item of value) size += typeof item === 'string' ? item.length : 8;
    else size += 8;
  }
  return size;
}

/**
 * The parameters of a kind's list statements, from its filter: each parameter the statement declares,
 * null when its filter is not set. `q` is matched lower-cased; relations' `type` filter is `$types`.
 */
function listParams<K extends EntityKind>(kind: K, filter: ListFilterMap[K]): Record<string, unknown> {
  const set = filter as Record<string, unknown>;
  return Object.fromEntries(
    Object.keys(KIND_QUERIES[kind].count.example).map((name) => {
      const value = name === 'types' ? set.type : set[name];
      if (value === undefined) return [name, null];
      if (name === 'q') return [name, (value as string).toLowerCase()];
      return [name, Array.isArray(value) ? [...(value as unknown[])] : value];
    }),
  );
}

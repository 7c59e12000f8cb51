import type { Actor } from '../../model/actor-schema';
import type { StoredDocument } from '../../model/document-schema';
import type { Page, ReviewStatus, TimeWindow } from '../../model/common-schema';
import {
  ConflictError,
  LimitExceededError,
  NotFoundError,
  StoreUnavailableError,
  ValidationError,
  type FieldIssue,
} from '../../shared/errors';
import type { Statement } from '../../model/statement-schema';
import type { Topic } from '../../model/topic-schema';
import {
  type CounterpartEvidence,
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
  ENTITY_REFERENCES,
  type EntityKind,
  type EntityMap,
  type GraphSnapshot,
  type ListFilterMap,
} from '../../model/entity-kinds';
import { Q, SHORTEST_PATHS_BY_DEPTH, type CypherQuery, type WriteRow } from './neo4j-queries';
import { MAX_PATH_DEPTH } from '../graph-store';
import { ensureSchema } from './neo4j-schema';
import {
  ConstraintViolation,
  errorCode,
  openDriver,
  RETRY_AFTER_SECONDS,
  runQuery,
  translateError,
  type DriverLike,
  type Neo4jConnection,
  type QueryRunner,
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
type IdQuery = CypherQuery<{ id: string }>;
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

/**
 * Who refers to a record, as counted by `query` (one column per referrer), and what a cascade does to
 * them. Labels read like the embedded store's, so both stores refuse a delete with the same words.
 */
interface ReferrerSpec {
  query: IdQuery;
  referrers: { column: string; label: string }[];
  /** Run in order by a cascading delete, before the record itself goes. */
  cascade: IdQuery[];
}

interface KindSpec {
  getMany: IdsQuery;
  existing: IdsQuery;
  lock: IdQuery;
  readAll: CypherQuery<{ after: string; limit: ReturnType<typeof toInteger> }>;
  /** Fails on an existing id (the uniqueness constraint), so concurrent creates cannot overwrite. */
  insert: WriteStep[];
  upsert: WriteStep[];
  /** Relationships that mirror reference fields; run once all batches of the kind are written. */
  link: WriteStep[];
  remove: IdQuery;
  referrers?: ReferrerSpec;
}

const KINDS: Record<EntityKind, KindSpec> = {
  actors: {
    getMany: Q.getActors,
    existing: Q.existingActorIds,
    lock: Q.lockActor,
    readAll: Q.readAllActors,
    insert: [rowsStep(Q.insertActors)],
    upsert: [rowsStep(Q.upsertActors)],
    link: [],
    remove: Q.deleteActor,
    referrers: {
      query: Q.actorReferrers,
      referrers: [
        { column: 'statementsByActor', label: 'statements (actor_id)' },
        { column: 'relationsBySource', label: 'relations (source_id)' },
        { column: 'relationsByTarget', label: 'relations (target_id)' },
        { column: 'affiliationsByMember', label: 'affiliations (member_id)' },
        { column: 'affiliationsByOrganization', label: 'affiliations (organization_id)' },
      ],
      // The actor's relations and affiliations go with it (DETACH DELETE).
      cascade: [Q.deleteStatementsOfActor],
    },
  },
  topics: {
    getMany: Q.getTopics,
    existing: Q.existingTopicIds,
    lock: Q.lockTopic,
    readAll: Q.readAllTopics,
    insert: [rowsStep(Q.insertTopics)],
    upsert: [rowsStep(Q.upsertTopics)],
    link: [rowsStep(Q.linkTopicParents)],
    remove: Q.deleteTopic,
    referrers: {
      query: Q.topicReferrers,
      referrers: [
        { column: 'statementsByTopic', label: 'statements (topic_id)' },
        { column: 'relationsByTopic', label: 'relations (topic_id)' },
        { column: 'topicsByParent', label: 'topics (parent_id)' },
      ],
      // A relation merely about the topic, and a sub-topic, only lose the link.
      cascade: [Q.deleteStatementsOnTopic, Q.detachRelationsFromTopic, Q.detachSubtopics],
    },
  },
  documents: {
    getMany: Q.getDocuments,
    existing: Q.existingDocumentIds,
    lock: Q.lockDocument,
    readAll: Q.readAllDocuments,
    insert: [rowsStep(Q.insertDocuments)],
    upsert: [rowsStep(Q.upsertDocuments)],
    link: [],
    remove: Q.deleteDocument,
    referrers: {
      query: Q.documentReferrers,
      referrers: [
        { column: 'statementsByDocument', label: 'statements (document_id)' },
        { column: 'relationsByDocument', label: 'relations (document_id)' },
      ],
      cascade: [Q.deleteStatementsFromDocument, Q.deleteRelationsFromDocument],
    },
  },
  statements: {
    getMany: Q.getStatements,
    existing: Q.existingStatementIds,
    lock: Q.lockStatement,
    readAll: Q.readAllStatements,
    insert: [rowsStep(Q.insertStatements)],
    upsert: [rowsStep(Q.upsertStatements)],
    link: [rowsStep(Q.linkStatements), rowsStep(Q.linkStatementDocuments)],
    remove: Q.deleteStatement,
  },
  relations: {
    getMany: Q.getRelations,
    existing: Q.existingRelationIds,
    lock: Q.lockRelation,
    readAll: Q.readAllRelations,
    insert: [rowsStep(Q.createRelations)],
    upsert: [replaceEdgesStep(Q.updateRelationsInPlace, Q.deleteRelationsById, Q.createRelations)],
    link: [],
    remove: Q.deleteRelation,
  },
  affiliations: {
    getMany: Q.getAffiliations,
    existing: Q.existingAffiliationIds,
    lock: Q.lockAffiliation,
    readAll: Q.readAllAffiliations,
    insert: [rowsStep(Q.createAffiliations)],
    upsert: [replaceEdgesStep(Q.updateAffiliationsInPlace, Q.deleteAffiliationsById, Q.createAffiliations)],
    link: [],
    remove: Q.deleteAffiliation,
  },
};

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

  constructor(
    private readonly config: Neo4jStoreConfig,
    private readonly driver: DriverLike,
    options: Neo4jStoreOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.logger = options.logger;
    this.ready().catch(() => undefined); // start now; a failure is logged and retried lazily
  }

  // ------------------------------------------------------------------------------------------------------
  // Records
  // ------------------------------------------------------------------------------------------------------

  async create<K extends EntityKind>(kind: K, entity: EntityMap[K]): Promise<EntityMap[K]> {
    try {
      return await this.write(async (tx) => {
        if ((await this.existingIds(tx, kind, [entity.id])).size > 0) throw duplicateId(kind, entity.id);
        await this.assertReferencesExist(tx, kind, [entity], () => []);
        await this.assertUnique(tx, kind, [entity], () => []);
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
    const records = await this.read((tx) => runQuery(tx, KINDS[kind].getMany, { ids: unique }));
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
      const [record] = await runQuery(tx, KINDS[kind].lock, { id });
      if (!record) throw new NotFoundError(ENTITY_NAMES[kind], id);
      const next = change(fromProps(kind, record.get('props')));
      if (next.id !== id)
        throw new ValidationError('an id cannot change', [{ path: ['id'], message: 'is immutable' }]);
      await this.assertReferencesExist(tx, kind, [next], () => []);
      await this.assertUnique(tx, kind, [next], () => []);
      await this.writeRecords(tx, kind, [next], 'upsert');
      if (kind === 'topics') await this.assertNoTopicCycles(tx, [next as Topic]);
      return next;
    });
  }

  async delete(kind: EntityKind, id: string, options: { cascade?: boolean } = {}): Promise<void> {
    await this.write(async (tx) => {
      if (!(await this.existingIds(tx, kind, [id])).has(id)) throw new NotFoundError(ENTITY_NAMES[kind], id);
      const spec = KINDS[kind].referrers;
      if (spec) {
        const [record] = await runQuery(tx, spec.query, { id });
        const blocking = spec.referrers
          .map(({ column, label }) => ({ label, count: toNumber(record?.get(column)) }))
          .filter(({ count }) => count > 0);
        if (blocking.length > 0 && !options.cascade) {
          const what = blocking.map(({ label, count }) => `${count} ${label}`).join(', ');
          throw new ConflictError(
            `${ENTITY_NAMES[kind]} '${id}' is referred to by ${what}; delete those first or pass cascade=true`,
          );
        }
        if (blocking.length > 0) {
          for (const step of spec.cascade) await runQuery(tx, step, { id });
        }
      }
      await runQuery(tx, KINDS[kind].remove, { id });
    });
  }

  async list<K extends EntityKind>(kind: K, filter: ListFilterMap[K]): Promise<Page<EntityMap[K]>> {
    const { count, page, params } = listQueries(kind, filter);
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
      const found = await this.existingIds(tx, 'actors', [query.fromId, query.toId]);
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
    // One transaction; each kind goes in UNWIND batches of up to BATCH_ROWS rows.
    await this.write(async (tx) => {
      for (const kind of ENTITY_KINDS) {
        const entities = (snapshot[kind] ?? []) as EntityMap[EntityKind][];
        if (entities.length === 0) continue;
        // Checked before writing: the content-hash constraint would otherwise fail the load less clearly.
        if (kind === 'documents') await this.assertUnique(tx, kind, entities, (i) => [kind, i]);
        await this.writeRecords(tx, kind, entities, 'upsert');
      }
      for (const kind of ENTITY_KINDS) {
        const entities = (snapshot[kind] ?? []) as EntityMap[EntityKind][];
        if (entities.length > 0) await this.assertReferencesExist(tx, kind, entities, (i) => [kind, i]);
      }
      if (snapshot.topics?.length) await this.assertNoTopicCycles(tx, snapshot.topics);
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
        runQuery(tx, KINDS[kind].readAll, { after, limit: toInteger(batchSize) }),
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
    const session = this.driver.session({ database: this.config.database, defaultAccessMode: mode });
    try {
      return await use(session);
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
    this.settingUp = ensureSchema(() =>
      this.driver.session({ database: this.config.database, defaultAccessMode: 'WRITE' }),
    )
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

  private async existingIds(tx: QueryRunner, kind: EntityKind, ids: readonly string[]): Promise<Set<string>> {
    const found = new Set<string>();
    for (const chunk of chunks([...new Set(ids)], BATCH_ROWS)) {
      const records = await runQuery(tx, KINDS[kind].existing, { ids: chunk });
      for (const record of records) found.add(record.get('id') as string);
    }
    return found;
  }

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
    const spec = KINDS[kind];
    for (const batch of batches) for (const step of spec[mode]) await step(tx, batch);
    for (const batch of batches) for (const step of spec.link) await step(tx, batch);
  }

  /**
   * ValidationError naming every reference of the first record (in the given order) that points at
   * nothing, as the embedded store reports it.
   */
  private async assertReferencesExist(
    tx: QueryRunner,
    kind: EntityKind,
    entities: readonly object[],
    pathOf: (index: number) => (string | number)[],
  ): Promise<void> {
    const references = ENTITY_REFERENCES[kind];
    if (references.length === 0) return;
    const wanted: Record<'actors' | 'topics' | 'documents', Set<string>> = {
      actors: new Set(),
      topics: new Set(),
      documents: new Set(),
    };
    for (const entity of entities) {
      for (const { field, kind: target } of references) {
        const value = (entity as Record<string, unknown>)[field];
        if (typeof value === 'string') wanted[target].add(value);
      }
    }
    const existing = {
      actors: await this.existingIds(tx, 'actors', [...wanted.actors]),
      topics: await this.existingIds(tx, 'topics', [...wanted.topics]),
      documents: await this.existingIds(tx, 'documents', [...wanted.documents]),
    };
    entities.forEach((entity, index) => {
      const issues: FieldIssue[] = [];
      for (const { field, kind: target } of references) {
        const value = (entity as Record<string, unknown>)[field];
        if (typeof value === 'string' && !existing[target].has(value)) {
          issues.push({
            path: [...pathOf(index), field],
            message: `unknown ${ENTITY_NAMES[target]} '${value}'`,
          });
        }
      }
      if (issues.length > 0) {
        throw new ValidationError(`${ENTITY_NAMES[kind]} refers to records that do not exist`, issues);
      }
    });
  }

  /** A document's content hash is unique: the same text is one document. */
  private async assertUnique(
    tx: QueryRunner,
    kind: EntityKind,
    entities: readonly object[],
    pathOf: (index: number) => (string | number)[],
  ): Promise<void> {
    if (kind !== 'documents') return;
    const documents = entities as StoredDocument[];
    const twins = new Map<string, string>();
    for (const chunk of chunks(documents, BATCH_ROWS)) {
      const records = await runQuery(tx, Q.documentHashTwins, {
        rows: chunk.map((d) => ({ id: d.id, contentHash: d.contentHash })),
      });
      for (const record of records) {
        const id = record.get('id') as string;
        if (!twins.has(id)) twins.set(id, record.get('twinId') as string);
      }
    }
    documents.forEach((document, index) => {
      const twin = twins.get(document.id);
      if (twin !== undefined) {
        throw new ConflictError(`the same document is already stored as '${twin}'`, [
          { path: [...pathOf(index), 'text'], message: `same content as document '${twin}'` },
        ]);
      }
    });
  }

  /** Runs after the topics are written: a topic whose chain of parents runs into a cycle is refused. */
  private async assertNoTopicCycles(tx: QueryRunner, topics: readonly Topic[]): Promise<void> {
    const withParent = topics.filter((t) => t.parentId !== undefined);
    if (withParent.length === 0) return;
    const cyclic = new Set<string>();
    for (const chunk of chunks([...new Set(withParent.map((t) => t.id))], BATCH_ROWS)) {
      for (const record of await runQuery(tx, Q.topicsInCycles, { ids: chunk })) {
        cyclic.add(record.get('id') as string);
      }
    }
    const offender = withParent.find((t) => cyclic.has(t.id));
    if (offender) {
      throw new ValidationError('a topic cannot be its own ancestor', [
        { path: ['parentId'], message: `'${offender.parentId}' descends from '${offender.id}'` },
      ]);
    }
  }

  /** After a uniqueness constraint fired on create: the record that is now in the way, in plain words. */
  private async explainCollision(
    kind: EntityKind,
    entity: EntityMap[EntityKind],
    fallback: Error,
  ): Promise<Error> {
    try {
      return await this.read(async (tx) => {
        if ((await this.existingIds(tx, kind, [entity.id])).size > 0) return duplicateId(kind, entity.id);
        if (kind === 'documents') {
          await this.assertUnique(tx, kind, [entity], () => []);
        }
        return fallback;
      });
    } catch (error) {
      return error instanceof ConflictError ? error : fallback;
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------------------

function duplicateId(kind: EntityKind, id: string): ConflictError {
  return new ConflictError(`${ENTITY_NAMES[kind]} '${id}' already exists`, [
    { path: ['id'], message: `'${id}' is taken` },
  ]);
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

type ListQueries = {
  count: CypherQuery<Record<string, unknown>>;
  page: CypherQuery<Record<string, unknown>>;
  params: Record<string, unknown>;
};

/** The count and page statements for a kind, with its filters as parameters (null when not set). */
function listQueries<K extends EntityKind>(kind: K, filter: ListFilterMap[K]): ListQueries {
  const q = (value: string | undefined) => (value === undefined ? null : value.toLowerCase());
  switch (kind) {
    case 'actors': {
      const f = filter as ListFilterMap['actors'];
      return {
        count: Q.countActors,
        page: Q.listActors,
        params: {
          q: q(f.q),
          kind: f.kind ?? null,
          country: f.country ?? null,
          reviewStatus: f.reviewStatus ?? null,
        },
      };
    }
    case 'topics': {
      const f = filter as ListFilterMap['topics'];
      return {
        count: Q.countTopics,
        page: Q.listTopics,
        params: { q: q(f.q), parentId: f.parentId ?? null, reviewStatus: f.reviewStatus ?? null },
      };
    }
    case 'documents': {
      const f = filter as ListFilterMap['documents'];
      return {
        count: Q.countDocuments,
        page: Q.listDocuments,
        params: { q: q(f.q), outlet: f.outlet ?? null, from: f.from ?? null, to: f.to ?? null },
      };
    }
    case 'statements': {
      const f = filter as ListFilterMap['statements'];
      return {
        count: Q.countStatements,
        page: Q.listStatements,
        params: {
          actorId: f.actorId ?? null,
          topicId: f.topicId ?? null,
          documentId: f.documentId ?? null,
          polarity: f.polarity ?? null,
          reviewStatus: f.reviewStatus ?? null,
          method: f.method ?? null,
          from: f.from ?? null,
          to: f.to ?? null,
        },
      };
    }
    case 'relations': {
      const f = filter as ListFilterMap['relations'];
      return {
        count: Q.countRelations,
        page: Q.listRelations,
        params: {
          actorId: f.actorId ?? null,
          sourceId: f.sourceId ?? null,
          targetId: f.targetId ?? null,
          types: f.type ? [...f.type] : null,
          topicId: f.topicId ?? null,
          documentId: f.documentId ?? null,
          reviewStatus: f.reviewStatus ?? null,
          from: f.from ?? null,
          to: f.to ?? null,
        },
      };
    }
    case 'affiliations': {
      const f = filter as ListFilterMap['affiliations'];
      return {
        count: Q.countAffiliations,
        page: Q.listAffiliations,
        params: {
          memberId: f.memberId ?? null,
          organizationId: f.organizationId ?? null,
          reviewStatus: f.reviewStatus ?? null,
        },
      };
    }
    default:
      throw new Error(`stancegraph/neo4j: unknown kind ${String(kind)}`);
  }
}

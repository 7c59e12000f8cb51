/**
 * store/: the GraphStore interface every backend implements, the embedded SQLite store and the Neo4j store,
 * and the factory choosing one from config. Uses model, config and shared; knows nothing of features.
 */
import type { Actor } from '../model/actor-schema';
import type { Affiliation } from '../model/affiliation-schema';
import type { EntityKind, EntityMap, GraphSnapshot, ListFilterMap } from '../model/entity-kinds';
import type { StoredDocument } from '../model/document-schema';
import type { Relation } from '../model/relation-schema';
import type { RelationType } from '../model/relation-vocabulary';
import type { Page, TimeWindow } from '../model/common-schema';
import type { Statement } from '../model/statement-schema';
import type { ReviewStatus } from '../model/common-schema';
import type { HistoryEvent, HistoryQuery } from '../model/history-schema';
import type { SearchField, SearchKind, Snippet } from './text-search';

export interface RelationQuery {
  /** Relations touching this actor, as source or target. All relations when absent. */
  actorId?: string;
  types: readonly RelationType[];
  topicId?: string;
  window: TimeWindow;
}

export interface StanceQuery {
  /** Pairs involving this actor, who is then always `first`. All pairs when absent. */
  actorId?: string;
  topicId?: string;
  window: TimeWindow;
}

/** Two actors' current stances on one topic. */
export interface StancePair {
  topicId: string;
  first: Statement;
  second: Statement;
}

/** Who sides with, or against, one actor: a page of them, the most reasons first. */
export interface CounterpartQuery {
  actorId: string;
  /** Accepted relations of these types, in either direction, are reasons. */
  types: readonly RelationType[];
  /** Current stances on a topic that agree (`same`) or disagree (`opposite`) are reasons. */
  agreement: 'same' | 'opposite';
  topicId?: string;
  window: TimeWindow;
  limit: number;
  offset: number;
}

/** One counterpart of the asking actor and every reason that makes it one. */
export interface CounterpartEvidence {
  actorId: string;
  /** Between the two actors, either direction; sorted by date then id. */
  relations: Relation[];
  /** One per topic, the asking actor's stance `first`; sorted by topic. */
  stancePairs: StancePair[];
}

export interface PathQuery {
  fromId: string;
  toId: string;
  maxDepth: number;
  /** At most this many paths are returned. */
  limit: number;
}

export type PathEdge =
  { kind: 'relation'; relation: Relation } | { kind: 'affiliation'; affiliation: Affiliation };

/** One step of a path; `from` and `to` follow the walk, which may run against the edge's direction. */
export interface PathHop {
  from: string;
  to: string;
  edge: PathEdge;
}

/** A full-text search over quotes, evidence sentences and documents' titles and text. */
export interface TextSearchQuery {
  /** Folded words (see `searchTerms`); a record matches when every one starts a word in one field. */
  terms: readonly string[];
  kinds: readonly SearchKind[];
  /** The review statuses of the statements and relations to include (documents have none). */
  reviewStatuses: readonly ReviewStatus[];
  limit: number;
  offset: number;
}

/** One record that matches, by the field that matched best, with a snippet of it. */
export interface TextSearchHit {
  kind: SearchKind;
  id: string;
  field: SearchField;
  snippet: Snippet;
  /** The document a claim comes from, or the document itself. */
  documentId?: string;
  reviewStatus?: ReviewStatus;
}

/**
 * One atomic change of the graph: records written, records removed, and the history events that say so.
 * Events whose id is already stored are left as they are (history is append-only; a copy may repeat them).
 */
export interface GraphChange {
  upsert?: Partial<GraphSnapshot>;
  /** Ids per kind. A removed record must have no referrers left once the upserts are written. */
  remove?: Partial<Record<EntityKind, string[]>>;
  history?: HistoryEvent[];
}

export interface StoreHealth {
  ok: boolean;
  backend: string;
  detail?: string;
}

/**
 * Everything Stancegraph keeps, behind one interface. The embedded SQLite store is the default; Neo4j is
 * the production store. Both must give the same answers: `tests/store/store-contract.ts` holds them to it.
 *
 * Shared semantics, which every implementation follows:
 * - Only statements and relations whose `reviewStatus` is `accepted` take part in the relationship
 *   queries (`relations`, `stancePairs`, `currentStances`, `shortestPaths`); likewise only accepted
 *   affiliations are walked by `shortestPaths`. CRUD sees everything.
 * - Actors, topics and affiliations entered by hand carry no `reviewStatus` and count as accepted, in
 *   the relationship queries and in the `reviewStatus` list filter alike.
 * - A time window is inclusive at both ends. A statement is in it when `statedAt` is; a relation when
 *   its `date` is; a relation without a date is in the window only when the window has no bounds.
 * - An actor's current stance on a topic is its latest accepted statement on it within the window,
 *   ties on the same date broken by the greater statement id.
 * - Writes are atomic: a call that throws has changed nothing.
 */
export interface GraphStore {
  readonly backend: 'sqlite' | 'neo4j';

  /** Throws ConflictError on a duplicate id, ValidationError (path = the field) on an unknown reference. */
  create<K extends EntityKind>(kind: K, entity: EntityMap[K]): Promise<EntityMap[K]>;
  get<K extends EntityKind>(kind: K, id: string): Promise<EntityMap[K] | undefined>;
  /** The entities that exist among `ids`, in no particular order. */
  getMany<K extends EntityKind>(kind: K, ids: readonly string[]): Promise<EntityMap[K][]>;
  /**
   * Replaces an entity with `change(current)`, read and written in one transaction so that concurrent
   * updates are never lost. `change` may run more than once (driver retries) and must be pure.
   * Throws NotFoundError, or ValidationError for an unknown reference in the new version.
   */
  update<K extends EntityKind>(
    kind: K,
    id: string,
    change: (current: EntityMap[K]) => EntityMap[K],
  ): Promise<EntityMap[K]>;
  /**
   * Throws NotFoundError; ConflictError while other records refer to it, unless `cascade`, which also
   * deletes the statements, relations and affiliations that refer to it (and detaches child topics).
   */
  delete(kind: EntityKind, id: string, options?: { cascade?: boolean }): Promise<void>;
  /** Sorted by id. `q` matches names, aliases, titles (case-insensitive substring). */
  list<K extends EntityKind>(kind: K, filter: ListFilterMap[K]): Promise<Page<EntityMap[K]>>;

  /** Actors whose id, name or one of whose aliases equals `name`, ignoring case. */
  findActorsByName(name: string): Promise<Actor[]>;
  findDocumentByHash(contentHash: string): Promise<StoredDocument | undefined>;

  /** Accepted relations of the given types, sorted by date then id. */
  relations(query: RelationQuery): Promise<Relation[]>;
  /** Pairs of actors whose current stances on a topic are both support or both oppose (`same`), or one
   * support and one oppose (`opposite`). Without `actorId`, `first.actorId < second.actorId`. Sorted by
   * topic, then first actor, then second actor. */
  stancePairs(query: StanceQuery & { agreement: 'same' | 'opposite' }): Promise<StancePair[]>;
  /**
   * The counterparts of one actor, each with its reasons: the relations and stance pairs that
   * `relations` and `stancePairs` would give for it. Ranked by the number of reasons (relations plus
   * stance pairs), most first, then by actor id; `total` counts every counterpart, not only the page.
   * Only the page's records are read in full, so a hub's answer costs its page, not its whole
   * neighbourhood.
   */
  counterparts(query: CounterpartQuery): Promise<Page<CounterpartEvidence>>;
  /** Each actor's current stance per topic, filtered by actor and/or topic; sorted by topic, actor. */
  currentStances(query: { actorId?: string; topicId?: string; window: TimeWindow }): Promise<Statement[]>;
  /**
   * Full-text search with the backend's own index (SQLite FTS5, a Neo4j full-text index). Best matches
   * first, by the backend's relevance; ties by kind then id. `total` counts every matching record.
   */
  searchText(query: TextSearchQuery): Promise<Page<TextSearchHit>>;
  /** Shortest undirected paths over accepted relations and affiliations; [] when none within maxDepth. */
  shortestPaths(query: PathQuery): Promise<PathHop[][]>;

  /**
   * Inserts or replaces every record in one transaction (seed, import, copy between stores). Loading the
   * same snapshot twice leaves the same graph. References are checked against the store after the load.
   */
  upsertSnapshot(snapshot: Partial<GraphSnapshot>): Promise<void>;
  /**
   * Writes `upsert` as `upsertSnapshot` does, removes `remove`, and appends `history`, all in one
   * transaction, so that no change is ever stored without its history or history without its change.
   * References are checked after the writes (ValidationError); a removed record still referred to is a
   * ConflictError naming the referrers. A call that throws has changed nothing.
   */
  commit(change: GraphChange): Promise<void>;
  /** History events, oldest first (by `at`, then id), filtered by record and/or document. */
  history(query: HistoryQuery): Promise<Page<HistoryEvent>>;
  /** Every entity of a kind, in batches, sorted by id. */
  readAll<K extends EntityKind>(kind: K, batchSize: number): AsyncIterable<EntityMap[K][]>;
  counts(): Promise<Record<EntityKind, number>>;
  health(): Promise<StoreHealth>;
  close(): Promise<void>;
}

export const MAX_PATH_DEPTH = 6;

import neo4j, { type Integer } from 'neo4j-driver';
import { ENTITY_KINDS, type EntityKind } from '../../model/entity-kinds';
import { REFERRERS, type Referrer } from '../store-integrity';

/**
 * Every Cypher statement the Neo4j store can send, as named constants.
 *
 * Rules this file keeps, and `tests/store/neo4j-cypher-lint.test.ts` enforces:
 * - Statement text is fixed when this module loads. A statement is one plain literal, or is put together
 *   by `cql` from the constant tables below (labels, relationship types, variables, property names, path
 *   depths) and other `cql` fragments; the types let nothing else in, so no value is ever interpolated.
 *   Every value travels as a parameter; relation types are values of the `type` property of the single
 *   `RELATION` relationship type, so no value-dependent label or type is ever spliced into the text.
 * - The per-kind statements (read by id, existence, read-for-update, keyset page, list count and page,
 *   referrer counts, cascade steps, delete) are built from one table per kind, `GRAPH`; the statements
 *   store-integrity.ts's delete plan needs come from its `REFERRERS`, itself from the model.
 * - Variable-length bounds cannot be parameters in Cypher, so each path depth has its own statement
 *   (`shortestPathsDepth1` ... `shortestPathsDepth6`), built from `PATH_DEPTHS` and picked by a validated
 *   integer.
 * - Each statement carries representative parameters (`example`): the lint test declares exactly these to
 *   Neo4j's own parser and semantic analyser, and the fake-driver test checks the adapter sends exactly
 *   these keys.
 *
 * The graph model (see the README, "Run with Neo4j"):
 *   (:Actor {id, name, aliases, kind, country, description, reviewStatus, ..., search, nameKeys})
 *   (:Topic {id, title, description, parentId, reviewStatus, ..., search})-[:SUBTOPIC_OF]->(:Topic)
 *   (:Document {id, title, url, outlet, publishedAt, language, text, contentHash, search})
 *   (:Actor)-[:STATED]->(:Statement {id, actorId, topicId, documentId, polarity, aboutId, reportedById,
 *     ...})-[:ON]->(:Topic)
 *   (:Statement)-[:SOURCED_FROM]->(:Document)
 *   (:Actor)-[:RELATION {id, type, topicId, documentId, date, reportedById, ...}]->(:Actor)
 *   (:Actor)-[:MEMBER_OF {id, role, from, to, reviewStatus, ...}]->(:Actor)
 *   (:HistoryEvent {id, at, kind, recordId, documentId, doc})   the review history, the event as JSON in doc
 *   (:SchemaVersion {name, version})
 * Node properties are the record; `STATED`, `ON`, `SOURCED_FROM` and `SUBTOPIC_OF` mirror the reference
 * properties so traversals stay in the graph, and are rewritten by the same transaction that writes them.
 * Dates are `YYYY-MM-DD` strings: they compare and sort exactly like the embedded store's.
 */

declare const cypherBrand: unique symbol;

export type QueryParams = Record<string, unknown>;

/** A Cypher statement with its name and representative parameters. Only this file creates them. */
export interface CypherQuery<P extends QueryParams = QueryParams> {
  readonly name: string;
  readonly text: string;
  readonly example: P;
  readonly [cypherBrand]: true;
}

/** `text` is a literal (a `string` typed value is refused) or a fragment `cql` built. */
function cypher<P extends QueryParams, T extends string>(
  name: string,
  text: string extends T ? never : T,
  example: P,
): CypherQuery<P> {
  return { name, text: text.trim(), example } as CypherQuery<P>;
}

/** Integers (SKIP, LIMIT, span offsets, schema version) must reach Neo4j as Integer, not Float. */
const int = (value: number): Integer => neo4j.int(value);

/** One row of an UNWIND write: the id, the properties to set, and for relationships their end points. */
export interface WriteRow {
  id: string;
  props: Record<string, unknown>;
  startId?: string;
  endId?: string;
}

const exampleProps = { id: 'claudia-sheinbaum', name: 'Claudia Sheinbaum' };
const nodeRows: WriteRow[] = [{ id: 'claudia-sheinbaum', props: exampleProps }];
const edgeRows: WriteRow[] = [
  {
    id: 'rel-0a1b2c3d4e5f',
    startId: 'claudia-sheinbaum',
    endId: 'pete-hegseth',
    props: { id: 'rel-0a1b2c3d4e5f' },
  },
];
const ids = { ids: ['claudia-sheinbaum', 'pete-hegseth'] };
const one = { id: 'claudia-sheinbaum' };
const page = { offset: int(0), limit: int(50) };
const keyset = { after: 'claudia-sheinbaum', limit: int(1000) };
const window = { from: '2025-01-01' as string | null, to: '2025-12-31' as string | null };

// ---------------------------------------------------------------------------------------------------------
// Schema: constraints, indexes, version. Each runs on its own (schema and data writes cannot share a
// transaction) and is idempotent.
// ---------------------------------------------------------------------------------------------------------

const schema = {
  constraintActorId: cypher(
    'constraintActorId',
    `CREATE CONSTRAINT actor_id IF NOT EXISTS FOR (a:Actor) REQUIRE a.id IS UNIQUE`,
    {},
  ),
  constraintTopicId: cypher(
    'constraintTopicId',
    `CREATE CONSTRAINT topic_id IF NOT EXISTS FOR (t:Topic) REQUIRE t.id IS UNIQUE`,
    {},
  ),
  constraintDocumentId: cypher(
    'constraintDocumentId',
    `CREATE CONSTRAINT document_id IF NOT EXISTS FOR (d:Document) REQUIRE d.id IS UNIQUE`,
    {},
  ),
  constraintDocumentHash: cypher(
    'constraintDocumentHash',
    `CREATE CONSTRAINT document_content_hash IF NOT EXISTS FOR (d:Document) REQUIRE d.contentHash IS UNIQUE`,
    {},
  ),
  constraintStatementId: cypher(
    'constraintStatementId',
    `CREATE CONSTRAINT statement_id IF NOT EXISTS FOR (s:Statement) REQUIRE s.id IS UNIQUE`,
    {},
  ),
  constraintRelationId: cypher(
    'constraintRelationId',
    `CREATE CONSTRAINT relation_id IF NOT EXISTS FOR ()-[r:RELATION]-() REQUIRE r.id IS UNIQUE`,
    {},
  ),
  constraintAffiliationId: cypher(
    'constraintAffiliationId',
    `CREATE CONSTRAINT member_of_id IF NOT EXISTS FOR ()-[m:MEMBER_OF]-() REQUIRE m.id IS UNIQUE`,
    {},
  ),
  constraintSchemaVersion: cypher(
    'constraintSchemaVersion',
    `CREATE CONSTRAINT schema_version_name IF NOT EXISTS FOR (v:SchemaVersion) REQUIRE v.name IS UNIQUE`,
    {},
  ),
  constraintHistoryEventId: cypher(
    'constraintHistoryEventId',
    `CREATE CONSTRAINT history_event_id IF NOT EXISTS FOR (h:HistoryEvent) REQUIRE h.id IS UNIQUE`,
    {},
  ),
  indexHistoryRecord: cypher(
    'indexHistoryRecord',
    `CREATE INDEX history_event_record IF NOT EXISTS FOR (h:HistoryEvent) ON (h.recordId, h.kind)`,
    {},
  ),
  indexHistoryDocument: cypher(
    'indexHistoryDocument',
    `CREATE INDEX history_event_document IF NOT EXISTS FOR (h:HistoryEvent) ON (h.documentId)`,
    {},
  ),
  indexHistoryAt: cypher(
    'indexHistoryAt',
    `CREATE INDEX history_event_at IF NOT EXISTS FOR (h:HistoryEvent) ON (h.at)`,
    {},
  ),
  indexActorKind: cypher(
    'indexActorKind',
    `CREATE INDEX actor_kind IF NOT EXISTS FOR (a:Actor) ON (a.kind)`,
    {},
  ),
  indexActorCountry: cypher(
    'indexActorCountry',
    `CREATE INDEX actor_country IF NOT EXISTS FOR (a:Actor) ON (a.country)`,
    {},
  ),
  indexActorSearch: cypher(
    'indexActorSearch',
    `CREATE TEXT INDEX actor_search IF NOT EXISTS FOR (a:Actor) ON (a.search)`,
    {},
  ),
  fulltextActorNames: cypher(
    'fulltextActorNames',
    `CREATE FULLTEXT INDEX actor_names IF NOT EXISTS FOR (a:Actor) ON EACH [a.name, a.aliases]`,
    {},
  ),
  /** Full-text search over quotes, evidence sentences and documents (GraphStore.searchText). */
  fulltextClaimText: cypher(
    'fulltextClaimText',
    `CREATE FULLTEXT INDEX text_search_nodes IF NOT EXISTS FOR (n:Statement|Document)
ON EACH [n.quote, n.evidenceSentence, n.title, n.text]
OPTIONS {indexConfig: {\`fulltext.analyzer\`: 'standard-folding'}}`,
    {},
  ),
  fulltextRelationText: cypher(
    'fulltextRelationText',
    `CREATE FULLTEXT INDEX text_search_relations IF NOT EXISTS FOR ()-[r:RELATION]-()
ON EACH [r.quote, r.evidenceSentence]
OPTIONS {indexConfig: {\`fulltext.analyzer\`: 'standard-folding'}}`,
    {},
  ),
  indexTopicParent: cypher(
    'indexTopicParent',
    `CREATE INDEX topic_parent IF NOT EXISTS FOR (t:Topic) ON (t.parentId)`,
    {},
  ),
  indexTopicSearch: cypher(
    'indexTopicSearch',
    `CREATE TEXT INDEX topic_search IF NOT EXISTS FOR (t:Topic) ON (t.search)`,
    {},
  ),
  indexDocumentPublished: cypher(
    'indexDocumentPublished',
    `CREATE INDEX document_published_at IF NOT EXISTS FOR (d:Document) ON (d.publishedAt)`,
    {},
  ),
  indexDocumentOutlet: cypher(
    'indexDocumentOutlet',
    `CREATE INDEX document_outlet IF NOT EXISTS FOR (d:Document) ON (d.outlet)`,
    {},
  ),
  indexDocumentSearch: cypher(
    'indexDocumentSearch',
    `CREATE TEXT INDEX document_search IF NOT EXISTS FOR (d:Document) ON (d.search)`,
    {},
  ),
  indexStatementActorTopic: cypher(
    'indexStatementActorTopic',
    `CREATE INDEX statement_actor_topic IF NOT EXISTS FOR (s:Statement) ON (s.actorId, s.topicId)`,
    {},
  ),
  indexStatementTopic: cypher(
    'indexStatementTopic',
    `CREATE INDEX statement_topic IF NOT EXISTS FOR (s:Statement) ON (s.topicId)`,
    {},
  ),
  indexStatementDocument: cypher(
    'indexStatementDocument',
    `CREATE INDEX statement_document IF NOT EXISTS FOR (s:Statement) ON (s.documentId)`,
    {},
  ),
  indexStatementStatedAt: cypher(
    'indexStatementStatedAt',
    `CREATE INDEX statement_stated_at IF NOT EXISTS FOR (s:Statement) ON (s.statedAt)`,
    {},
  ),
  indexStatementReview: cypher(
    'indexStatementReview',
    `CREATE INDEX statement_review_status IF NOT EXISTS FOR (s:Statement) ON (s.reviewStatus)`,
    {},
  ),
  indexStatementAbout: cypher(
    'indexStatementAbout',
    `CREATE INDEX statement_about IF NOT EXISTS FOR (s:Statement) ON (s.aboutId)`,
    {},
  ),
  indexStatementReporter: cypher(
    'indexStatementReporter',
    `CREATE INDEX statement_reported_by IF NOT EXISTS FOR (s:Statement) ON (s.reportedById)`,
    {},
  ),
  indexRelationReporter: cypher(
    'indexRelationReporter',
    `CREATE INDEX relation_reported_by IF NOT EXISTS FOR ()-[r:RELATION]-() ON (r.reportedById)`,
    {},
  ),
  indexRelationType: cypher(
    'indexRelationType',
    `CREATE INDEX relation_type IF NOT EXISTS FOR ()-[r:RELATION]-() ON (r.type)`,
    {},
  ),
  indexRelationDate: cypher(
    'indexRelationDate',
    `CREATE INDEX relation_date IF NOT EXISTS FOR ()-[r:RELATION]-() ON (r.date)`,
    {},
  ),
  indexRelationTopic: cypher(
    'indexRelationTopic',
    `CREATE INDEX relation_topic IF NOT EXISTS FOR ()-[r:RELATION]-() ON (r.topicId)`,
    {},
  ),
  indexRelationDocument: cypher(
    'indexRelationDocument',
    `CREATE INDEX relation_document IF NOT EXISTS FOR ()-[r:RELATION]-() ON (r.documentId)`,
    {},
  ),
  indexRelationReview: cypher(
    'indexRelationReview',
    `CREATE INDEX relation_review_status IF NOT EXISTS FOR ()-[r:RELATION]-() ON (r.reviewStatus)`,
    {},
  ),
  /** Returns the stored version, recording `$version` when the database has none yet (a new database). */
  schemaVersion: cypher(
    'schemaVersion',
    `
MERGE (v:SchemaVersion {name: 'stancegraph'})
  ON CREATE SET v.version = $version
RETURN v.version AS version`,
    { version: int(1) },
  ),
  setSchemaVersion: cypher(
    'setSchemaVersion',
    `
MATCH (v:SchemaVersion {name: 'stancegraph'})
SET v.version = $version`,
    { version: int(1) },
  ),
  ping: cypher('ping', `RETURN 1 AS ok`, {}),
};

// ---------------------------------------------------------------------------------------------------------
// Other reads. `props` is always the whole record as a map.
// ---------------------------------------------------------------------------------------------------------

const reads = {
  /** Actors whose id, name or an alias, normalised the way `normalizeName` does, equals `$key`. */
  findActorsByName: cypher(
    'findActorsByName',
    `
MATCH (a:Actor)
WHERE $key IN a.nameKeys
RETURN properties(a) AS props
ORDER BY a.id`,
    { key: 'claudia sheinbaum' },
  ),
  findDocumentByHash: cypher(
    'findDocumentByHash',
    `
MATCH (d:Document {contentHash: $contentHash})
RETURN properties(d) AS props`,
    { contentHash: 'sha256:0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0' },
  ),
  /** The stored document holding each content hash (a hash is stored once). */
  documentsByContentHash: cypher(
    'documentsByContentHash',
    `
UNWIND $hashes AS hash
MATCH (d:Document {contentHash: hash})
RETURN hash AS contentHash, d.id AS id`,
    { hashes: ['sha256:0f1e2d3c'] },
  ),
  /** The parent of each topic among `$ids` (null for a root): the topic-cycle walk reads these. */
  topicParents: cypher(
    'topicParents',
    `
UNWIND $ids AS id
MATCH (t:Topic {id: id})
RETURN t.id AS id, t.parentId AS parentId`,
    ids,
  ),
  counts: cypher(
    'counts',
    `
RETURN
  COUNT { MATCH (:Actor) } AS actors,
  COUNT { MATCH (:Topic) } AS topics,
  COUNT { MATCH (:Document) } AS documents,
  COUNT { MATCH (:Statement) } AS statements,
  COUNT { MATCH (:Actor)-[:RELATION]->(:Actor) } AS relations,
  COUNT { MATCH (:Actor)-[:MEMBER_OF]->(:Actor) } AS affiliations`,
    {},
  ),
};

// ---------------------------------------------------------------------------------------------------------
// Per-kind statements, built once when this module loads from the tables below: reads by id, existence,
// read-for-update, keyset pages, list count and page, who refers to a record and what a cascade does to
// them, and the delete itself. Only names from `GRAPH`, `PROPERTIES` and `LIST_FILTERS` go into the text.
// ---------------------------------------------------------------------------------------------------------

type NodeLabel = 'Actor' | 'Topic' | 'Document' | 'Statement';
type EdgeType = 'RELATION' | 'MEMBER_OF';
type Variable = 'a' | 't' | 'd' | 's' | 'r' | 'm' | 'source' | 'target' | 'member' | 'organization';
type Property =
  | 'actorId'
  | 'topicId'
  | 'documentId'
  | 'parentId'
  | 'sourceId'
  | 'targetId'
  | 'memberId'
  | 'organizationId'
  | 'aboutId'
  | 'reportedById';

declare const fragmentBrand: unique symbol;
/** Cypher text put together in this file from fixed pieces; nothing else can be one. */
type Fragment = string & { readonly [fragmentBrand]: true };
/** What may be substituted into Cypher text: a name from the tables in this file, or another fragment. */
type CypherPiece = NodeLabel | EdgeType | Variable | Property | PathDepth | Fragment;

/** The only way text is put together: substitutes names from the constant tables, never a value. */
function cql(strings: TemplateStringsArray, ...pieces: CypherPiece[]): Fragment {
  return String.raw({ raw: strings }, ...pieces) as Fragment;
}

interface NodeKind {
  /** The name the kind's statements are called by (`getActors`, `lockActor`). */
  name: string;
  label: NodeLabel;
  v: Variable;
  /** The relationships mirroring its reference fields, which an upsert deletes for the link steps to redo. */
  links?: Fragment;
}
interface EdgeKind {
  name: string;
  type: EdgeType;
  v: Variable;
  /** The end point variables, and the record fields they fill. */
  start: Variable;
  end: Variable;
  startField: Property;
  endField: Property;
}

/** How each kind of record sits in the graph: a node with a label, or a relationship between two actors. */
const GRAPH: Record<EntityKind, NodeKind | EdgeKind> = {
  actors: { name: 'Actor', label: 'Actor', v: 'a' },
  topics: { name: 'Topic', label: 'Topic', v: 't', links: cql`(t)-[old:SUBTOPIC_OF]->(:Topic)` },
  documents: { name: 'Document', label: 'Document', v: 'd' },
  statements: {
    name: 'Statement',
    label: 'Statement',
    v: 's',
    links: cql`(s)-[old:STATED|ON|SOURCED_FROM]-()`,
  },
  relations: {
    name: 'Relation',
    type: 'RELATION',
    v: 'r',
    start: 'source',
    end: 'target',
    startField: 'sourceId',
    endField: 'targetId',
  },
  affiliations: {
    name: 'Affiliation',
    type: 'MEMBER_OF',
    v: 'm',
    start: 'member',
    end: 'organization',
    startField: 'memberId',
    endField: 'organizationId',
  },
};

/** The reference fields as graph properties: a record's field name is looked up here, never spliced. */
const PROPERTIES: Record<string, Property> = {
  actorId: 'actorId',
  topicId: 'topicId',
  documentId: 'documentId',
  parentId: 'parentId',
  sourceId: 'sourceId',
  targetId: 'targetId',
  memberId: 'memberId',
  organizationId: 'organizationId',
  aboutId: 'aboutId',
  reportedById: 'reportedById',
};

function property(field: string): Property {
  const known = PROPERTIES[field];
  if (!known) throw new Error(`stancegraph/neo4j: no graph property for the field '${field}'`);
  return known;
}

const isEdge = (spec: NodeKind | EdgeKind): spec is EdgeKind => 'type' in spec;

/** The kind's pattern, `at` inside the node or relationship (`{id: $id}`); end points named or not. */
function pattern(
  spec: NodeKind | EdgeKind,
  at: Fragment = cql``,
  ends: 'named' | 'anonymous' = 'named',
): Fragment {
  if (!isEdge(spec)) return cql`(${spec.v}:${spec.label}${at})`;
  return ends === 'named'
    ? cql`(${spec.start}:Actor)-[${spec.v}:${spec.type}${at}]->(${spec.end}:Actor)`
    : cql`(:Actor)-[${spec.v}:${spec.type}${at}]->(:Actor)`;
}

/** The whole record as a map; a relationship's adds its end points. */
function props(spec: NodeKind | EdgeKind): Fragment {
  return isEdge(spec)
    ? cql`${spec.v} {.*, ${spec.startField}: ${spec.start}.id, ${spec.endField}: ${spec.end}.id}`
    : cql`properties(${spec.v})`;
}

/**
 * `list` filters: an absent filter is a null parameter. `$q` arrives lower-cased and is matched against
 * the lower-cased `search` property (the same text the embedded store searches), so both stores find
 * exactly the same records.
 */
const LIST_FILTERS: Record<EntityKind, { where: Fragment; example: QueryParams }> = {
  actors: {
    where: cql`($q IS NULL OR a.search CONTAINS $q)
  AND ($kind IS NULL OR a.kind = $kind)
  AND ($country IS NULL OR a.country = $country)
  AND ($reviewStatus IS NULL OR coalesce(a.reviewStatus, 'accepted') = $reviewStatus)`,
    example: {
      q: 'sheinbaum' as string | null,
      kind: 'official' as string | null,
      country: 'MX' as string | null,
      reviewStatus: 'proposed' as string | null,
    },
  },
  topics: {
    where: cql`($q IS NULL OR t.search CONTAINS $q)
  AND ($parentId IS NULL OR t.parentId = $parentId)
  AND ($reviewStatus IS NULL OR coalesce(t.reviewStatus, 'accepted') = $reviewStatus)`,
    example: {
      q: 'strikes' as string | null,
      parentId: 'us-strikes-on-cartels' as string | null,
      reviewStatus: 'proposed' as string | null,
    },
  },
  documents: {
    where: cql`($q IS NULL OR d.search CONTAINS $q)
  AND ($outlet IS NULL OR d.outlet = $outlet)
  AND ($from IS NULL OR d.publishedAt >= $from)
  AND ($to IS NULL OR d.publishedAt <= $to)`,
    example: { q: 'nbc' as string | null, outlet: 'NBC News' as string | null, ...window },
  },
  statements: {
    where: cql`($actorId IS NULL OR s.actorId = $actorId)
  AND ($topicId IS NULL OR s.topicId = $topicId)
  AND ($documentId IS NULL OR s.documentId = $documentId)
  AND ($polarity IS NULL OR s.polarity = $polarity)
  AND ($reviewStatus IS NULL OR s.reviewStatus = $reviewStatus)
  AND ($method IS NULL OR s.method = $method)
  AND ($minConfidence IS NULL OR s.confidence >= $minConfidence)
  AND ($aboutId IS NULL OR s.aboutId = $aboutId)
  AND ($reportedById IS NULL OR s.reportedById = $reportedById)
  AND ($from IS NULL OR s.statedAt >= $from)
  AND ($to IS NULL OR s.statedAt <= $to AND s.statedAt <> '')`,
    example: {
      actorId: 'claudia-sheinbaum' as string | null,
      topicId: 'us-strikes-on-cartels' as string | null,
      documentId: 'nbc-2025-11-03' as string | null,
      polarity: 'oppose' as string | null,
      reviewStatus: 'accepted' as string | null,
      method: 'manual' as string | null,
      minConfidence: 0.5 as number | null,
      aboutId: 'gustavo-petro' as string | null,
      reportedById: 'reuters' as string | null,
      ...window,
    },
  },
  relations: {
    where: cql`($actorId IS NULL OR source.id = $actorId OR target.id = $actorId)
  AND ($sourceId IS NULL OR source.id = $sourceId)
  AND ($targetId IS NULL OR target.id = $targetId)
  AND ($types IS NULL OR r.type IN $types)
  AND ($topicId IS NULL OR r.topicId = $topicId)
  AND ($documentId IS NULL OR r.documentId = $documentId)
  AND ($reviewStatus IS NULL OR r.reviewStatus = $reviewStatus)
  AND ($method IS NULL OR r.method = $method)
  AND ($minConfidence IS NULL OR r.confidence >= $minConfidence)
  AND ($reportedById IS NULL OR r.reportedById = $reportedById)
  AND ($from IS NULL OR r.date >= $from)
  AND ($to IS NULL OR r.date <= $to)`,
    example: {
      actorId: 'claudia-sheinbaum' as string | null,
      sourceId: 'claudia-sheinbaum' as string | null,
      targetId: 'pete-hegseth' as string | null,
      types: ['opposes', 'criticizes'] as string[] | null,
      topicId: 'us-strikes-on-cartels' as string | null,
      documentId: 'nbc-2025-11-03' as string | null,
      reviewStatus: 'accepted' as string | null,
      method: 'rules' as string | null,
      minConfidence: 0.5 as number | null,
      reportedById: 'reuters' as string | null,
      ...window,
    },
  },
  affiliations: {
    where: cql`($memberId IS NULL OR member.id = $memberId)
  AND ($organizationId IS NULL OR organization.id = $organizationId)
  AND ($reviewStatus IS NULL OR coalesce(m.reviewStatus, 'accepted') = $reviewStatus)`,
    example: {
      memberId: 'pete-hegseth' as string | null,
      organizationId: 'us-government' as string | null,
      reviewStatus: 'proposed' as string | null,
    },
  },
};

/** The records of `referrer.kind` whose `referrer.field` is `$id`, as a MATCH and its WHERE. */
function referrersOf(referrer: Referrer): Fragment {
  const spec = GRAPH[referrer.kind];
  const field = property(referrer.field);
  if (isEdge(spec) && (field === spec.startField || field === spec.endField)) {
    const end = field === spec.startField ? spec.start : spec.end;
    return cql`MATCH ${pattern(spec)}
WHERE ${end}.id = $id`;
  }
  return cql`MATCH ${pattern(spec)}
WHERE ${spec.v}.${field} = $id`;
}

/** What a cascade does to one kind of referrer: delete them, or remove the reference from them. */
function cascadeStatement(referrer: Referrer): CypherQuery<{ id: string }> {
  const spec = GRAPH[referrer.kind];
  const field = property(referrer.field);
  const ends = isEdge(spec) ? [spec.startField, spec.endField] : [];
  if (referrer.onDelete === 'detach' && ends.includes(field)) {
    throw new Error(`stancegraph/neo4j: a relationship cannot lose its end point '${field}'`);
  }
  const text =
    referrer.onDelete === 'delete'
      ? cql`${referrersOf(referrer)}
${isEdge(spec) ? cql`DELETE` : cql`DETACH DELETE`} ${spec.v}`
      : // A topic's SUBTOPIC_OF link to the deleted parent goes with the parent (DETACH DELETE).
        cql`${referrersOf(referrer)}
REMOVE ${spec.v}.${field}`;
  return cypher(`${referrer.onDelete}${spec.name}sBy${field[0]!.toUpperCase()}${field.slice(1)}`, text, one);
}

/** The statements of one kind of record. */
export interface KindQueries {
  getMany: CypherQuery<{ ids: string[] }>;
  existing: CypherQuery<{ ids: string[] }>;
  /**
   * Read for update. Writing a property first takes the write lock, so the record read is the latest
   * committed one and no concurrent update can slip in between the read and the write (Neo4j's own
   * recipe against lost updates under read-committed isolation).
   */
  lock: CypherQuery<{ id: string }>;
  readAll: CypherQuery<{ after: string; limit: Integer }>;
  count: CypherQuery;
  list: CypherQuery;
  /** How many records refer to `$id`, per referrer of the kind in `REFERRERS` order; absent with none. */
  referrerCounts?: CypherQuery<{ id: string }>;
  /** A node goes with its own relationships (STATED, ON, SOURCED_FROM, SUBTOPIC_OF). */
  remove: CypherQuery<{ id: string }>;
}

function kindQueries(kind: EntityKind): KindQueries {
  const spec = GRAPH[kind];
  const { v, name } = spec;
  const filters = LIST_FILTERS[kind];
  const referrers = REFERRERS[kind];
  return {
    getMany: cypher(
      `get${name}s`,
      cql`UNWIND $ids AS id
MATCH ${pattern(spec, cql` {id: id}`)}
RETURN ${props(spec)} AS props`,
      ids,
    ),
    existing: cypher(
      `existing${name}Ids`,
      cql`UNWIND $ids AS id
MATCH ${pattern(spec, cql` {id: id}`, 'anonymous')}
RETURN ${v}.id AS id`,
      ids,
    ),
    lock: cypher(
      `lock${name}`,
      cql`MATCH ${pattern(spec, cql` {id: $id}`)}
SET ${v}.lockToken = true
REMOVE ${v}.lockToken
RETURN ${props(spec)} AS props`,
      one,
    ),
    readAll: cypher(
      `readAll${name}s`,
      cql`MATCH ${pattern(spec)}
WHERE ${v}.id > $after
RETURN ${props(spec)} AS props
ORDER BY ${v}.id
LIMIT $limit`,
      keyset,
    ),
    count: cypher(
      `count${name}s`,
      cql`MATCH ${pattern(spec)}
WHERE ${filters.where}
RETURN count(${v}) AS total`,
      filters.example,
    ),
    list: cypher(
      `list${name}s`,
      cql`MATCH ${pattern(spec)}
WHERE ${filters.where}
RETURN ${props(spec)} AS props
ORDER BY ${v}.id
SKIP $offset
LIMIT $limit`,
      { ...filters.example, ...page },
    ),
    ...(referrers.length > 0 && {
      referrerCounts: cypher(
        `${kind.slice(0, -1)}Referrers`,
        cql`RETURN [${referrers
          .map(
            (referrer) => cql`
  COUNT { ${referrersOf(referrer)} }`,
          )
          .reduce((list, count) => cql`${list},${count}`)}
] AS counts`,
        one,
      ),
    }),
    remove: cypher(
      `delete${name}`,
      cql`MATCH ${pattern(spec, cql` {id: $id}`, 'anonymous')}
${isEdge(spec) ? cql`DELETE` : cql`DETACH DELETE`} ${v}`,
      one,
    ),
  };
}

type Rows = { rows: WriteRow[] };

/**
 * Writes, in UNWIND batches. `insert` fails on an existing id (the uniqueness constraint turns a concurrent
 * duplicate create into an error rather than an overwrite); `upsert` inserts or replaces. `SET x = row.props`
 * replaces every property, so a field absent from the record is absent from the node or relationship.
 */
export type KindWrites =
  | { node: true; insert: CypherQuery<Rows>; upsert: CypherQuery<Rows> }
  | {
      node: false;
      /**
       * Updates in place the relationships whose end points stay the same (so a concurrent update waiting
       * on its lock finds it still there), returning their ids. A relationship cannot move to other end
       * points: for the rows this did not update, the old one (if any) is deleted and a new one created.
       */
      updateInPlace: CypherQuery<Rows>;
      deleteById: CypherQuery<{ ids: string[] }>;
      create: CypherQuery<Rows>;
    };

function kindWrites(kind: EntityKind): KindWrites {
  const spec = GRAPH[kind];
  const { v, name } = spec;
  if (!isEdge(spec)) {
    const relink = spec.links
      ? cql`
WITH ${v}
OPTIONAL MATCH ${spec.links}
DELETE old`
      : cql``;
    return {
      node: true,
      insert: cypher(
        `insert${name}s`,
        cql`UNWIND $rows AS row
CREATE ${pattern(spec)}
SET ${v} = row.props`,
        { rows: nodeRows },
      ),
      upsert: cypher(
        `upsert${name}s`,
        cql`UNWIND $rows AS row
MERGE ${pattern(spec, cql` {id: row.id}`)}
SET ${v} = row.props${relink}`,
        { rows: nodeRows },
      ),
    };
  }
  return {
    node: false,
    updateInPlace: cypher(
      `update${name}sInPlace`,
      cql`UNWIND $rows AS row
MATCH ${pattern(spec, cql` {id: row.id}`)}
WHERE ${spec.start}.id = row.startId AND ${spec.end}.id = row.endId
SET ${v} = row.props
RETURN ${v}.id AS id`,
      { rows: edgeRows },
    ),
    deleteById: cypher(
      `delete${name}sById`,
      cql`UNWIND $ids AS id
MATCH ${pattern(spec, cql` {id: id}`, 'anonymous')}
DELETE ${v}`,
      ids,
    ),
    create: cypher(
      `create${name}s`,
      cql`UNWIND $rows AS row
MATCH (${spec.start}:Actor)
WHERE ${spec.start}.id = row.startId
MATCH (${spec.end}:Actor)
WHERE ${spec.end}.id = row.endId
CREATE (${spec.start})-[${v}:${spec.type}]->(${spec.end})
SET ${v} = row.props`,
      { rows: edgeRows },
    ),
  };
}

/** Every kind's writes, by kind. */
export const KIND_WRITES = Object.fromEntries(ENTITY_KINDS.map((kind) => [kind, kindWrites(kind)])) as Record<
  EntityKind,
  KindWrites
>;

/** What a cascading delete runs for each referrer of `REFERRERS` (the very objects are the keys). */
export const CASCADE_QUERIES: ReadonlyMap<Referrer, CypherQuery<{ id: string }>> = new Map(
  ENTITY_KINDS.flatMap((kind) =>
    REFERRERS[kind].map((referrer) => [referrer, cascadeStatement(referrer)] as const),
  ),
);

/** Every kind's statements, by kind. */
export const KIND_QUERIES = Object.fromEntries(
  ENTITY_KINDS.map((kind) => [kind, kindQueries(kind)]),
) as Record<EntityKind, KindQueries>;

// ---------------------------------------------------------------------------------------------------------
// Links: the relationships mirroring reference fields (the per-kind writes are in KIND_WRITES).
// ---------------------------------------------------------------------------------------------------------

/** Made after a batch's records all exist; an upsert has deleted the old ones. */
const links = {
  /** Run after the topics of a batch exist, so a parent later in the same batch is found. */
  linkTopicParents: cypher(
    'linkTopicParents',
    `
UNWIND $rows AS row
MATCH (t:Topic {id: row.id})
MATCH (parent:Topic)
WHERE parent.id = row.props.parentId
CREATE (t)-[:SUBTOPIC_OF]->(parent)`,
    { rows: nodeRows },
  ),
  linkStatements: cypher(
    'linkStatements',
    `
UNWIND $rows AS row
MATCH (s:Statement {id: row.id})
MATCH (a:Actor)
WHERE a.id = row.props.actorId
MATCH (t:Topic)
WHERE t.id = row.props.topicId
CREATE (a)-[:STATED]->(s)-[:ON]->(t)`,
    { rows: nodeRows },
  ),
  linkStatementDocuments: cypher(
    'linkStatementDocuments',
    `
UNWIND $rows AS row
MATCH (s:Statement {id: row.id})
MATCH (d:Document)
WHERE d.id = row.props.documentId
CREATE (s)-[:SOURCED_FROM]->(d)`,
    { rows: nodeRows },
  ),
};

const maintenance = {
  /** Deletes up to `$limit` records with what hangs off them; repeated until it deletes none. */
  deleteSomeRecords: cypher(
    'deleteSomeRecords',
    `
MATCH (n:Actor|Topic|Document|Statement|HistoryEvent)
WITH n
LIMIT $limit
DETACH DELETE n
RETURN count(*) AS deleted`,
    { limit: int(10000) },
  ),
};

// ---------------------------------------------------------------------------------------------------------
// Relationship queries: accepted statements and relations only, computed inside Neo4j.
// ---------------------------------------------------------------------------------------------------------

const relationQuery = {
  types: ['opposes', 'criticizes'],
  actorId: 'claudia-sheinbaum' as string | null,
  topicId: 'us-strikes-on-cartels' as string | null,
  ...window,
};
const stanceQuery = {
  actorId: 'claudia-sheinbaum' as string | null,
  topicId: 'us-strikes-on-cartels' as string | null,
  ...window,
};

const relationships = {
  /**
   * Accepted relations of the given types. A relation without a date is only in an unbounded window.
   * Sorted by date then id, undated first (the order SQLite gives NULLs).
   */
  acceptedRelations: cypher(
    'acceptedRelations',
    `
MATCH (source:Actor)-[r:RELATION]->(target:Actor)
WHERE r.reviewStatus = 'accepted'
  AND r.type IN $types
  AND ($actorId IS NULL OR source.id = $actorId OR target.id = $actorId)
  AND ($topicId IS NULL OR r.topicId = $topicId)
  AND (
    ($from IS NULL AND $to IS NULL)
    OR (r.date IS NOT NULL AND ($from IS NULL OR r.date >= $from) AND ($to IS NULL OR r.date <= $to))
  )
RETURN r {.*, sourceId: source.id, targetId: target.id} AS props
ORDER BY r.date IS NOT NULL, r.date, r.id`,
    relationQuery,
  ),
  /**
   * Each actor's current stance per topic: its latest accepted statement in the window, ties on the date
   * going to the greater statement id.
   */
  currentStances: cypher(
    'currentStances',
    `
MATCH (a:Actor)-[:STATED]->(s:Statement)-[:ON]->(t:Topic)
WHERE s.reviewStatus = 'accepted'
  AND ($actorId IS NULL OR a.id = $actorId)
  AND ($topicId IS NULL OR t.id = $topicId)
  AND ($from IS NULL OR s.statedAt >= $from)
  AND ($to IS NULL OR s.statedAt <= $to AND s.statedAt <> '')
WITH a, t, s
ORDER BY s.statedAt DESC, s.id DESC
WITH a, t, collect(s)[0] AS current
RETURN properties(current) AS props
ORDER BY t.id, a.id`,
    stanceQuery,
  ),
  /**
   * `currentStances` for one actor, entered from that actor's node. The optional-parameter form
   * (`$actorId IS NULL OR a.id = $actorId`) cannot seek: PROFILE showed it reading every accepted
   * statement through the reviewStatus index and filtering them by actor, on each opponents request.
   */
  currentStancesOfActor: cypher(
    'currentStancesOfActor',
    `
MATCH (a:Actor {id: $actorId})-[:STATED]->(s:Statement)-[:ON]->(t:Topic)
WHERE s.reviewStatus = 'accepted'
  AND ($topicId IS NULL OR t.id = $topicId)
  AND ($from IS NULL OR s.statedAt >= $from)
  AND ($to IS NULL OR s.statedAt <= $to AND s.statedAt <> '')
WITH a, t, s
ORDER BY s.statedAt DESC, s.id DESC
WITH a, t, collect(s)[0] AS current
RETURN properties(current) AS props
ORDER BY t.id, a.id`,
    { ...stanceQuery, actorId: 'claudia-sheinbaum' },
  ),
  /** `currentStances` on one topic, entered from the topic's node, for the same reason. */
  currentStancesOnTopic: cypher(
    'currentStancesOnTopic',
    `
MATCH (a:Actor)-[:STATED]->(s:Statement)-[:ON]->(t:Topic {id: $topicId})
WHERE s.reviewStatus = 'accepted'
  AND ($from IS NULL OR s.statedAt >= $from)
  AND ($to IS NULL OR s.statedAt <= $to AND s.statedAt <> '')
WITH a, t, s
ORDER BY s.statedAt DESC, s.id DESC
WITH a, t, collect(s)[0] AS current
RETURN properties(current) AS props
ORDER BY t.id, a.id`,
    { topicId: 'us-strikes-on-cartels', ...window },
  ),
  /**
   * Pairs of actors whose current stances on a topic are both decided (support or oppose) and agree
   * (`$same` true) or disagree (`$same` false). With `$actorId` that actor is always first; without it the
   * first actor's id is the smaller.
   */
  stancePairs: cypher(
    'stancePairs',
    `
MATCH (a:Actor)-[:STATED]->(s:Statement)-[:ON]->(t:Topic)
WHERE s.reviewStatus = 'accepted'
  AND ($topicId IS NULL OR t.id = $topicId)
  AND ($from IS NULL OR s.statedAt >= $from)
  AND ($to IS NULL OR s.statedAt <= $to AND s.statedAt <> '')
WITH a, t, s
ORDER BY s.statedAt DESC, s.id DESC
WITH a, t, collect(s)[0] AS current
WHERE current.polarity IN ['support', 'oppose']
WITH t, collect({actorId: a.id, statement: current}) AS decided
UNWIND decided AS x
UNWIND decided AS y
WITH t, x, y
WHERE x.actorId <> y.actorId
  AND (x.statement.polarity = y.statement.polarity) = $same
  AND (($actorId IS NULL AND x.actorId < y.actorId) OR x.actorId = $actorId)
RETURN t.id AS topicId, properties(x.statement) AS first, properties(y.statement) AS second
ORDER BY topicId, x.actorId, y.actorId`,
    { ...stanceQuery, same: true },
  ),
  /**
   * One actor's counterparts ranked by their number of reasons (relations of `$types` either way, and
   * topics where both current stances are decided and agree or disagree as `$same` says), most first,
   * then by id; the page `$offset`, `$limit` of them, with how many there are in all. Ids only: the
   * page's records are read by the two statements after this one. The reasons are one CALL with UNION ALL,
   * not `COLLECT {...} + COLLECT {...}`: Neo4j 5.26 refuses a projection whose COLLECT subquery aggregates
   * inside ("Aggregation column contains implicit grouping expressions"), which only a live server says.
   */
  rankedCounterparts: cypher(
    'rankedCounterparts',
    `
MATCH (me:Actor {id: $actorId})
CALL (me) {
  MATCH (me)-[r:RELATION]-(other:Actor)
  WHERE r.reviewStatus = 'accepted'
    AND r.type IN $types
    AND ($topicId IS NULL OR r.topicId = $topicId)
    AND (
      ($from IS NULL AND $to IS NULL)
      OR (r.date IS NOT NULL AND ($from IS NULL OR r.date >= $from) AND ($to IS NULL OR r.date <= $to))
    )
  RETURN other.id AS otherId
  UNION ALL
  MATCH (me)-[:STATED]->(s:Statement)-[:ON]->(t:Topic)
  WHERE s.reviewStatus = 'accepted'
    AND ($topicId IS NULL OR t.id = $topicId)
    AND ($from IS NULL OR s.statedAt >= $from)
    AND ($to IS NULL OR s.statedAt <= $to AND s.statedAt <> '')
  WITH me, t, s
  ORDER BY s.statedAt DESC, s.id DESC
  WITH me, t, collect(s)[0] AS mine
  WHERE mine.polarity IN ['support', 'oppose']
  MATCH (other:Actor)-[:STATED]->(theirs:Statement)-[:ON]->(t)
  WHERE other <> me
    AND theirs.reviewStatus = 'accepted'
    AND ($from IS NULL OR theirs.statedAt >= $from)
    AND ($to IS NULL OR theirs.statedAt <= $to AND theirs.statedAt <> '')
  WITH mine, t, other, theirs
  ORDER BY theirs.statedAt DESC, theirs.id DESC
  WITH mine, t, other, collect(theirs)[0] AS current
  WHERE current.polarity IN ['support', 'oppose'] AND (current.polarity = mine.polarity) = $same
  RETURN other.id AS otherId
}
WITH otherId, count(*) AS reasonCount
ORDER BY reasonCount DESC, otherId
WITH collect(otherId) AS ranked
RETURN size(ranked) AS total, ranked[$offset..($offset + $limit)] AS page`,
    { ...relationQuery, actorId: 'claudia-sheinbaum', same: false, ...page },
  ),
  /** The accepted relations of `$types` between one actor and any of `$counterpartIds`, by date then id. */
  relationsWithCounterparts: cypher(
    'relationsWithCounterparts',
    `
MATCH (me:Actor {id: $actorId})-[r:RELATION]-(other:Actor)
WHERE other.id IN $counterpartIds
  AND r.reviewStatus = 'accepted'
  AND r.type IN $types
  AND ($topicId IS NULL OR r.topicId = $topicId)
  AND (
    ($from IS NULL AND $to IS NULL)
    OR (r.date IS NOT NULL AND ($from IS NULL OR r.date >= $from) AND ($to IS NULL OR r.date <= $to))
  )
RETURN r {.*, sourceId: startNode(r).id, targetId: endNode(r).id} AS props
ORDER BY r.date IS NOT NULL, r.date, r.id`,
    { ...relationQuery, actorId: 'claudia-sheinbaum', counterpartIds: ['pete-hegseth'] },
  ),
  /**
   * The stance pairs between one actor (always first) and any of `$counterpartIds`, as `stancePairs`
   * gives them: only the topics the actor holds a decided stance on are visited.
   */
  stancePairsWithCounterparts: cypher(
    'stancePairsWithCounterparts',
    `
MATCH (me:Actor {id: $actorId})-[:STATED]->(s:Statement)-[:ON]->(t:Topic)
WHERE s.reviewStatus = 'accepted'
  AND ($topicId IS NULL OR t.id = $topicId)
  AND ($from IS NULL OR s.statedAt >= $from)
  AND ($to IS NULL OR s.statedAt <= $to AND s.statedAt <> '')
WITH t, s
ORDER BY s.statedAt DESC, s.id DESC
WITH t, collect(s)[0] AS mine
WHERE mine.polarity IN ['support', 'oppose']
MATCH (other:Actor)-[:STATED]->(theirs:Statement)-[:ON]->(t)
WHERE other.id IN $counterpartIds
  AND theirs.reviewStatus = 'accepted'
  AND ($from IS NULL OR theirs.statedAt >= $from)
  AND ($to IS NULL OR theirs.statedAt <= $to AND theirs.statedAt <> '')
WITH t, mine, other, theirs
ORDER BY theirs.statedAt DESC, theirs.id DESC
WITH t, mine, other, collect(theirs)[0] AS current
WHERE current.polarity IN ['support', 'oppose'] AND (current.polarity = mine.polarity) = $same
RETURN t.id AS topicId, properties(mine) AS first, properties(current) AS second
ORDER BY topicId, other.id`,
    {
      actorId: 'claudia-sheinbaum',
      counterpartIds: ['pete-hegseth'],
      topicId: 'us-strikes-on-cartels' as string | null,
      ...window,
      same: false,
    },
  ),
};

// ---------------------------------------------------------------------------------------------------------
// Shortest paths over accepted relations and affiliations, walked in either direction (a relation always
// has a review status; an affiliation entered by hand has none and counts as accepted). One statement per
// depth bound; the adapter picks one by a validated integer and never builds the text. Paths come back in
// the order of their edge ids joined by '/', the order the embedded store sorts them in.
// ---------------------------------------------------------------------------------------------------------

/** The depth bounds a path search may have, 1..MAX_PATH_DEPTH (the lint test holds them equal). */
const PATH_DEPTHS = [1, 2, 3, 4, 5, 6] as const;
type PathDepth = (typeof PATH_DEPTHS)[number];

const pathParams = { fromId: 'claudia-sheinbaum', toId: 'pete-hegseth', limit: int(10) };

function shortestPaths(depth: PathDepth) {
  return cypher(
    `shortestPathsDepth${depth}`,
    cql`
MATCH (origin:Actor {id: $fromId})
MATCH (destination:Actor {id: $toId})
MATCH p = allShortestPaths((origin)-[:RELATION|MEMBER_OF*1..${depth}]-(destination))
WHERE all(edge IN relationships(p) WHERE coalesce(edge.reviewStatus, 'accepted') = 'accepted')
WITH p, reduce(key = '', edge IN relationships(p) | key + CASE key WHEN '' THEN '' ELSE '/' END + edge.id) AS pathKey
ORDER BY pathKey
LIMIT $limit
RETURN [i IN range(0, length(p) - 1) | {
  from: nodes(p)[i].id,
  to: nodes(p)[i + 1].id,
  type: type(relationships(p)[i]),
  startId: startNode(relationships(p)[i]).id,
  endId: endNode(relationships(p)[i]).id,
  props: properties(relationships(p)[i])
}] AS hops`,
    pathParams,
  );
}

/** `SHORTEST_PATHS_BY_DEPTH[d - 1]` searches paths of at most `d` hops, for d in 1..MAX_PATH_DEPTH. */
export const SHORTEST_PATHS_BY_DEPTH = PATH_DEPTHS.map(shortestPaths);

// ---------------------------------------------------------------------------------------------------------
// The review history: append-only (an id already stored keeps its event), read oldest first.
// ---------------------------------------------------------------------------------------------------------

const historyFilter = {
  kind: 'statements' as string | null,
  recordId: 'st-0a1b2c3d4e5f' as string | null,
  documentId: 'nbc-2025-11-03' as string | null,
};

const history = {
  appendHistory: cypher(
    'appendHistory',
    `
UNWIND $rows AS row
MERGE (h:HistoryEvent {id: row.id})
  ON CREATE SET h += row.props`,
    {
      rows: [
        {
          id: 'c1d2e3f4-0000',
          props: {
            at: '2025-04-11T09:30:00.000Z',
            kind: 'statements',
            recordId: 'st-0a1b2c3d4e5f',
            documentId: 'nbc-2025-11-03',
            doc: '{}',
          },
        },
      ] as WriteRow[],
    },
  ),
  countHistory: cypher(
    'countHistory',
    `
MATCH (h:HistoryEvent)
WHERE ($kind IS NULL OR h.kind = $kind)
  AND ($recordId IS NULL OR h.recordId = $recordId)
  AND ($documentId IS NULL OR h.documentId = $documentId)
RETURN count(h) AS total`,
    historyFilter,
  ),
  listHistory: cypher(
    'listHistory',
    `
MATCH (h:HistoryEvent)
WHERE ($kind IS NULL OR h.kind = $kind)
  AND ($recordId IS NULL OR h.recordId = $recordId)
  AND ($documentId IS NULL OR h.documentId = $documentId)
RETURN h.doc AS doc
ORDER BY h.at, h.id
SKIP $offset
LIMIT $limit`,
    { ...historyFilter, ...page },
  ),
};

const searches = {
  /**
   * Full-text matches among statements, documents and relations, with the fields the store cuts snippets
   * from; the store keeps those where every word is in one field, as the embedded store does.
   */
  searchText: cypher(
    'searchText',
    `
CALL () {
  CALL db.index.fulltext.queryNodes('text_search_nodes', $query, {limit: $cap}) YIELD node, score
  WITH node, score
  WHERE (node:Statement AND 'statements' IN $kinds AND node.reviewStatus IN $statuses)
     OR (node:Document AND 'documents' IN $kinds)
  RETURN CASE WHEN node:Statement THEN 'statements' ELSE 'documents' END AS kind, node.id AS id, score,
         node.quote AS quote, node.evidenceSentence AS evidence, node.title AS title, node.text AS text,
         CASE WHEN node:Document THEN node.id ELSE node.documentId END AS documentId,
         node.reviewStatus AS reviewStatus
  UNION ALL
  CALL db.index.fulltext.queryRelationships('text_search_relations', $query, {limit: $cap})
    YIELD relationship, score
  WITH relationship AS r, score
  WHERE 'relations' IN $kinds AND r.reviewStatus IN $statuses
  RETURN 'relations' AS kind, r.id AS id, score, r.quote AS quote, r.evidenceSentence AS evidence,
         null AS title, null AS text, r.documentId AS documentId, r.reviewStatus AS reviewStatus
}
RETURN kind, id, score, quote, evidence, title, text, documentId, reviewStatus
ORDER BY score DESC, kind, id`,
    {
      query: '+sheinbaum* +reject*',
      kinds: ['statements', 'relations', 'documents'],
      statuses: ['accepted', 'proposed'],
      cap: int(1000),
    },
  ),
};

/** Every statement, by name. */
export const Q = {
  ...searches,
  ...schema,
  ...reads,
  ...links,
  ...maintenance,
  ...history,
  ...relationships,
};

export type QueryName = keyof typeof Q;

/** Every statement the adapter can send, with representative parameters (the lint test runs each). */
export const ALL_QUERIES: readonly CypherQuery[] = [
  ...Object.values(Q),
  ...ENTITY_KINDS.flatMap((kind) => {
    const { referrerCounts, ...byId } = KIND_QUERIES[kind];
    return [...Object.values(byId), ...(referrerCounts ? [referrerCounts] : [])];
  }),
  ...CASCADE_QUERIES.values(),
  ...ENTITY_KINDS.flatMap((kind) => {
    const { node: _node, ...writes } = KIND_WRITES[kind];
    return Object.values(writes);
  }),
  ...SHORTEST_PATHS_BY_DEPTH,
];

/** Schema set-up, in order: constraints first (the version node relies on its own), then indexes. */
export const SCHEMA_STATEMENTS: readonly CypherQuery<Record<string, never>>[] = [
  schema.constraintActorId,
  schema.constraintTopicId,
  schema.constraintDocumentId,
  schema.constraintDocumentHash,
  schema.constraintStatementId,
  schema.constraintRelationId,
  schema.constraintAffiliationId,
  schema.constraintSchemaVersion,
  schema.indexActorKind,
  schema.indexActorCountry,
  schema.indexActorSearch,
  schema.fulltextActorNames,
  schema.fulltextClaimText,
  schema.fulltextRelationText,
  schema.indexTopicParent,
  schema.indexTopicSearch,
  schema.indexDocumentPublished,
  schema.indexDocumentOutlet,
  schema.indexDocumentSearch,
  schema.indexStatementActorTopic,
  schema.indexStatementTopic,
  schema.indexStatementDocument,
  schema.indexStatementStatedAt,
  schema.indexStatementReview,
  schema.indexStatementAbout,
  schema.indexStatementReporter,
  schema.indexRelationType,
  schema.indexRelationDate,
  schema.indexRelationTopic,
  schema.indexRelationDocument,
  schema.indexRelationReview,
  schema.constraintHistoryEventId,
  schema.indexHistoryRecord,
  schema.indexHistoryDocument,
  schema.indexHistoryAt,
  schema.indexRelationReporter,
];

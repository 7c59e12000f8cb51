import neo4j, { type Integer } from 'neo4j-driver';

/**
 * Every Cypher statement the Neo4j store can send, as named constants.
 *
 * Rules this file keeps, and `tests/store/neo4j-cypher-lint.test.ts` enforces:
 * - Query text is one plain literal per statement: no template substitution, no concatenation, nothing
 *   built at run time.
 *   Every value travels as a parameter; relation types are values of the `type` property of the single
 *   `RELATION` relationship type, so no label or type is ever spliced into the text either.
 * - Variable-length bounds cannot be parameters in Cypher, so each path depth has its own pre-written
 *   statement (`shortestPathsDepth1` ... `shortestPathsDepth6`), picked by a validated integer.
 * - Each statement carries representative parameters (`example`): the lint test declares exactly these to
 *   Neo4j's own parser and semantic analyser, and the fake-driver test checks the adapter sends exactly
 *   these keys.
 *
 * The graph model (see the README, "Run with Neo4j"):
 *   (:Actor {id, name, aliases, kind, country, description, reviewStatus, ..., search, nameKeys})
 *   (:Topic {id, title, description, parentId, reviewStatus, ..., search})-[:SUBTOPIC_OF]->(:Topic)
 *   (:Document {id, title, url, outlet, publishedAt, language, text, contentHash, search})
 *   (:Actor)-[:STATED]->(:Statement {id, actorId, topicId, documentId, polarity, ...})-[:ON]->(:Topic)
 *   (:Statement)-[:SOURCED_FROM]->(:Document)
 *   (:Actor)-[:RELATION {id, type, topicId, documentId, date, ...}]->(:Actor)
 *   (:Actor)-[:MEMBER_OF {id, role, from, to, reviewStatus, ...}]->(:Actor)
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

function cypher<P extends QueryParams>(name: string, text: string, example: P): CypherQuery<P> {
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
// Reads by id. `props` is always the whole record as a map; relationships add their end points.
// ---------------------------------------------------------------------------------------------------------

const reads = {
  getActors: cypher(
    'getActors',
    `
UNWIND $ids AS id
MATCH (a:Actor {id: id})
RETURN properties(a) AS props`,
    ids,
  ),
  getTopics: cypher(
    'getTopics',
    `
UNWIND $ids AS id
MATCH (t:Topic {id: id})
RETURN properties(t) AS props`,
    ids,
  ),
  getDocuments: cypher(
    'getDocuments',
    `
UNWIND $ids AS id
MATCH (d:Document {id: id})
RETURN properties(d) AS props`,
    ids,
  ),
  getStatements: cypher(
    'getStatements',
    `
UNWIND $ids AS id
MATCH (s:Statement {id: id})
RETURN properties(s) AS props`,
    ids,
  ),
  getRelations: cypher(
    'getRelations',
    `
UNWIND $ids AS id
MATCH (source:Actor)-[r:RELATION {id: id}]->(target:Actor)
RETURN r {.*, sourceId: source.id, targetId: target.id} AS props`,
    ids,
  ),
  getAffiliations: cypher(
    'getAffiliations',
    `
UNWIND $ids AS id
MATCH (member:Actor)-[m:MEMBER_OF {id: id}]->(organization:Actor)
RETURN m {.*, memberId: member.id, organizationId: organization.id} AS props`,
    ids,
  ),

  /** Which of `$ids` exist: duplicate checks, reference checks, delete and path preconditions. */
  existingActorIds: cypher(
    'existingActorIds',
    `
UNWIND $ids AS id
MATCH (a:Actor {id: id})
RETURN a.id AS id`,
    ids,
  ),
  existingTopicIds: cypher(
    'existingTopicIds',
    `
UNWIND $ids AS id
MATCH (t:Topic {id: id})
RETURN t.id AS id`,
    ids,
  ),
  existingDocumentIds: cypher(
    'existingDocumentIds',
    `
UNWIND $ids AS id
MATCH (d:Document {id: id})
RETURN d.id AS id`,
    ids,
  ),
  existingStatementIds: cypher(
    'existingStatementIds',
    `
UNWIND $ids AS id
MATCH (s:Statement {id: id})
RETURN s.id AS id`,
    ids,
  ),
  existingRelationIds: cypher(
    'existingRelationIds',
    `
UNWIND $ids AS id
MATCH (:Actor)-[r:RELATION {id: id}]->(:Actor)
RETURN r.id AS id`,
    ids,
  ),
  existingAffiliationIds: cypher(
    'existingAffiliationIds',
    `
UNWIND $ids AS id
MATCH (:Actor)-[m:MEMBER_OF {id: id}]->(:Actor)
RETURN m.id AS id`,
    ids,
  ),

  /**
   * Read for update. Writing a property first takes the write lock, so the record read is the latest
   * committed one and no concurrent update can slip in between the read and the write (Neo4j's own
   * recipe against lost updates under read-committed isolation).
   */
  lockActor: cypher(
    'lockActor',
    `
MATCH (a:Actor {id: $id})
SET a.lockToken = true
REMOVE a.lockToken
RETURN properties(a) AS props`,
    one,
  ),
  lockTopic: cypher(
    'lockTopic',
    `
MATCH (t:Topic {id: $id})
SET t.lockToken = true
REMOVE t.lockToken
RETURN properties(t) AS props`,
    one,
  ),
  lockDocument: cypher(
    'lockDocument',
    `
MATCH (d:Document {id: $id})
SET d.lockToken = true
REMOVE d.lockToken
RETURN properties(d) AS props`,
    one,
  ),
  lockStatement: cypher(
    'lockStatement',
    `
MATCH (s:Statement {id: $id})
SET s.lockToken = true
REMOVE s.lockToken
RETURN properties(s) AS props`,
    one,
  ),
  lockRelation: cypher(
    'lockRelation',
    `
MATCH (source:Actor)-[r:RELATION {id: $id}]->(target:Actor)
SET r.lockToken = true
REMOVE r.lockToken
RETURN r {.*, sourceId: source.id, targetId: target.id} AS props`,
    one,
  ),
  lockAffiliation: cypher(
    'lockAffiliation',
    `
MATCH (member:Actor)-[m:MEMBER_OF {id: $id}]->(organization:Actor)
SET m.lockToken = true
REMOVE m.lockToken
RETURN m {.*, memberId: member.id, organizationId: organization.id} AS props`,
    one,
  ),

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
  /** Documents other than the row's own that already have its content hash. */
  documentHashTwins: cypher(
    'documentHashTwins',
    `
UNWIND $rows AS row
MATCH (d:Document {contentHash: row.contentHash})
WHERE d.id <> row.id
RETURN row.id AS id, d.id AS twinId`,
    { rows: [{ id: 'nbc-2025-11-03', contentHash: 'sha256:0f1e2d3c' }] },
  ),
  /** Topics among `$ids` whose chain of parents runs into a cycle. */
  topicsInCycles: cypher(
    'topicsInCycles',
    `
UNWIND $ids AS id
MATCH (t:Topic {id: id})
WHERE EXISTS { MATCH (t)-[:SUBTOPIC_OF*0..]->(c:Topic)-[:SUBTOPIC_OF*1..]->(c) }
RETURN t.id AS id`,
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
// readAll: keyset pages in id order, each in its own read transaction.
// ---------------------------------------------------------------------------------------------------------

const readAll = {
  readAllActors: cypher(
    'readAllActors',
    `
MATCH (a:Actor)
WHERE a.id > $after
RETURN properties(a) AS props
ORDER BY a.id
LIMIT $limit`,
    keyset,
  ),
  readAllTopics: cypher(
    'readAllTopics',
    `
MATCH (t:Topic)
WHERE t.id > $after
RETURN properties(t) AS props
ORDER BY t.id
LIMIT $limit`,
    keyset,
  ),
  readAllDocuments: cypher(
    'readAllDocuments',
    `
MATCH (d:Document)
WHERE d.id > $after
RETURN properties(d) AS props
ORDER BY d.id
LIMIT $limit`,
    keyset,
  ),
  readAllStatements: cypher(
    'readAllStatements',
    `
MATCH (s:Statement)
WHERE s.id > $after
RETURN properties(s) AS props
ORDER BY s.id
LIMIT $limit`,
    keyset,
  ),
  readAllRelations: cypher(
    'readAllRelations',
    `
MATCH (source:Actor)-[r:RELATION]->(target:Actor)
WHERE r.id > $after
RETURN r {.*, sourceId: source.id, targetId: target.id} AS props
ORDER BY r.id
LIMIT $limit`,
    keyset,
  ),
  readAllAffiliations: cypher(
    'readAllAffiliations',
    `
MATCH (member:Actor)-[m:MEMBER_OF]->(organization:Actor)
WHERE m.id > $after
RETURN m {.*, memberId: member.id, organizationId: organization.id} AS props
ORDER BY m.id
LIMIT $limit`,
    keyset,
  ),
};

// ---------------------------------------------------------------------------------------------------------
// list: a count and a page with the same filters. An absent filter is a null parameter. `$q` arrives
// lower-cased and is matched against the lower-cased `search` property (the same text the embedded store
// searches), so both stores find exactly the same records.
// ---------------------------------------------------------------------------------------------------------

const actorFilter = {
  q: 'sheinbaum' as string | null,
  kind: 'official' as string | null,
  country: 'MX' as string | null,
  reviewStatus: 'proposed' as string | null,
};
const topicFilter = {
  q: 'strikes' as string | null,
  parentId: 'us-strikes-on-cartels' as string | null,
  reviewStatus: 'proposed' as string | null,
};
const documentFilter = {
  q: 'nbc' as string | null,
  outlet: 'NBC News' as string | null,
  ...window,
};
const statementFilter = {
  actorId: 'claudia-sheinbaum' as string | null,
  topicId: 'us-strikes-on-cartels' as string | null,
  documentId: 'nbc-2025-11-03' as string | null,
  polarity: 'oppose' as string | null,
  reviewStatus: 'accepted' as string | null,
  method: 'manual' as string | null,
  ...window,
};
const relationFilter = {
  actorId: 'claudia-sheinbaum' as string | null,
  sourceId: 'claudia-sheinbaum' as string | null,
  targetId: 'pete-hegseth' as string | null,
  types: ['opposes', 'criticizes'] as string[] | null,
  topicId: 'us-strikes-on-cartels' as string | null,
  documentId: 'nbc-2025-11-03' as string | null,
  reviewStatus: 'accepted' as string | null,
  ...window,
};
const affiliationFilter = {
  memberId: 'pete-hegseth' as string | null,
  organizationId: 'us-government' as string | null,
  reviewStatus: 'proposed' as string | null,
};

const lists = {
  countActors: cypher(
    'countActors',
    `
MATCH (a:Actor)
WHERE ($q IS NULL OR a.search CONTAINS $q)
  AND ($kind IS NULL OR a.kind = $kind)
  AND ($country IS NULL OR a.country = $country)
  AND ($reviewStatus IS NULL OR coalesce(a.reviewStatus, 'accepted') = $reviewStatus)
RETURN count(a) AS total`,
    actorFilter,
  ),
  listActors: cypher(
    'listActors',
    `
MATCH (a:Actor)
WHERE ($q IS NULL OR a.search CONTAINS $q)
  AND ($kind IS NULL OR a.kind = $kind)
  AND ($country IS NULL OR a.country = $country)
  AND ($reviewStatus IS NULL OR coalesce(a.reviewStatus, 'accepted') = $reviewStatus)
RETURN properties(a) AS props
ORDER BY a.id
SKIP $offset
LIMIT $limit`,
    { ...actorFilter, ...page },
  ),
  countTopics: cypher(
    'countTopics',
    `
MATCH (t:Topic)
WHERE ($q IS NULL OR t.search CONTAINS $q)
  AND ($parentId IS NULL OR t.parentId = $parentId)
  AND ($reviewStatus IS NULL OR coalesce(t.reviewStatus, 'accepted') = $reviewStatus)
RETURN count(t) AS total`,
    topicFilter,
  ),
  listTopics: cypher(
    'listTopics',
    `
MATCH (t:Topic)
WHERE ($q IS NULL OR t.search CONTAINS $q)
  AND ($parentId IS NULL OR t.parentId = $parentId)
  AND ($reviewStatus IS NULL OR coalesce(t.reviewStatus, 'accepted') = $reviewStatus)
RETURN properties(t) AS props
ORDER BY t.id
SKIP $offset
LIMIT $limit`,
    { ...topicFilter, ...page },
  ),
  countDocuments: cypher(
    'countDocuments',
    `
MATCH (d:Document)
WHERE ($q IS NULL OR d.search CONTAINS $q)
  AND ($outlet IS NULL OR d.outlet = $outlet)
  AND ($from IS NULL OR d.publishedAt >= $from)
  AND ($to IS NULL OR d.publishedAt <= $to)
RETURN count(d) AS total`,
    documentFilter,
  ),
  listDocuments: cypher(
    'listDocuments',
    `
MATCH (d:Document)
WHERE ($q IS NULL OR d.search CONTAINS $q)
  AND ($outlet IS NULL OR d.outlet = $outlet)
  AND ($from IS NULL OR d.publishedAt >= $from)
  AND ($to IS NULL OR d.publishedAt <= $to)
RETURN properties(d) AS props
ORDER BY d.id
SKIP $offset
LIMIT $limit`,
    { ...documentFilter, ...page },
  ),
  countStatements: cypher(
    'countStatements',
    `
MATCH (s:Statement)
WHERE ($actorId IS NULL OR s.actorId = $actorId)
  AND ($topicId IS NULL OR s.topicId = $topicId)
  AND ($documentId IS NULL OR s.documentId = $documentId)
  AND ($polarity IS NULL OR s.polarity = $polarity)
  AND ($reviewStatus IS NULL OR s.reviewStatus = $reviewStatus)
  AND ($method IS NULL OR s.method = $method)
  AND ($from IS NULL OR s.statedAt >= $from)
  AND ($to IS NULL OR s.statedAt <= $to AND s.statedAt <> '')
RETURN count(s) AS total`,
    statementFilter,
  ),
  listStatements: cypher(
    'listStatements',
    `
MATCH (s:Statement)
WHERE ($actorId IS NULL OR s.actorId = $actorId)
  AND ($topicId IS NULL OR s.topicId = $topicId)
  AND ($documentId IS NULL OR s.documentId = $documentId)
  AND ($polarity IS NULL OR s.polarity = $polarity)
  AND ($reviewStatus IS NULL OR s.reviewStatus = $reviewStatus)
  AND ($method IS NULL OR s.method = $method)
  AND ($from IS NULL OR s.statedAt >= $from)
  AND ($to IS NULL OR s.statedAt <= $to AND s.statedAt <> '')
RETURN properties(s) AS props
ORDER BY s.id
SKIP $offset
LIMIT $limit`,
    { ...statementFilter, ...page },
  ),
  countRelations: cypher(
    'countRelations',
    `
MATCH (source:Actor)-[r:RELATION]->(target:Actor)
WHERE ($actorId IS NULL OR source.id = $actorId OR target.id = $actorId)
  AND ($sourceId IS NULL OR source.id = $sourceId)
  AND ($targetId IS NULL OR target.id = $targetId)
  AND ($types IS NULL OR r.type IN $types)
  AND ($topicId IS NULL OR r.topicId = $topicId)
  AND ($documentId IS NULL OR r.documentId = $documentId)
  AND ($reviewStatus IS NULL OR r.reviewStatus = $reviewStatus)
  AND ($from IS NULL OR r.date >= $from)
  AND ($to IS NULL OR r.date <= $to)
RETURN count(r) AS total`,
    relationFilter,
  ),
  listRelations: cypher(
    'listRelations',
    `
MATCH (source:Actor)-[r:RELATION]->(target:Actor)
WHERE ($actorId IS NULL OR source.id = $actorId OR target.id = $actorId)
  AND ($sourceId IS NULL OR source.id = $sourceId)
  AND ($targetId IS NULL OR target.id = $targetId)
  AND ($types IS NULL OR r.type IN $types)
  AND ($topicId IS NULL OR r.topicId = $topicId)
  AND ($documentId IS NULL OR r.documentId = $documentId)
  AND ($reviewStatus IS NULL OR r.reviewStatus = $reviewStatus)
  AND ($from IS NULL OR r.date >= $from)
  AND ($to IS NULL OR r.date <= $to)
RETURN r {.*, sourceId: source.id, targetId: target.id} AS props
ORDER BY r.id
SKIP $offset
LIMIT $limit`,
    { ...relationFilter, ...page },
  ),
  countAffiliations: cypher(
    'countAffiliations',
    `
MATCH (member:Actor)-[m:MEMBER_OF]->(organization:Actor)
WHERE ($memberId IS NULL OR member.id = $memberId)
  AND ($organizationId IS NULL OR organization.id = $organizationId)
  AND ($reviewStatus IS NULL OR coalesce(m.reviewStatus, 'accepted') = $reviewStatus)
RETURN count(m) AS total`,
    affiliationFilter,
  ),
  listAffiliations: cypher(
    'listAffiliations',
    `
MATCH (member:Actor)-[m:MEMBER_OF]->(organization:Actor)
WHERE ($memberId IS NULL OR member.id = $memberId)
  AND ($organizationId IS NULL OR organization.id = $organizationId)
  AND ($reviewStatus IS NULL OR coalesce(m.reviewStatus, 'accepted') = $reviewStatus)
RETURN m {.*, memberId: member.id, organizationId: organization.id} AS props
ORDER BY m.id
SKIP $offset
LIMIT $limit`,
    { ...affiliationFilter, ...page },
  ),
};

// ---------------------------------------------------------------------------------------------------------
// Writes. `insert*` fail on an existing id (the uniqueness constraint turns a concurrent duplicate create
// into an error rather than an overwrite); `upsert*` insert or replace. `SET x = row.props` replaces every
// property, so a field absent from the record is absent from the node. All are UNWIND batches.
// ---------------------------------------------------------------------------------------------------------

const writes = {
  insertActors: cypher(
    'insertActors',
    `
UNWIND $rows AS row
CREATE (a:Actor)
SET a = row.props`,
    { rows: nodeRows },
  ),
  upsertActors: cypher(
    'upsertActors',
    `
UNWIND $rows AS row
MERGE (a:Actor {id: row.id})
SET a = row.props`,
    { rows: nodeRows },
  ),
  insertTopics: cypher(
    'insertTopics',
    `
UNWIND $rows AS row
CREATE (t:Topic)
SET t = row.props`,
    { rows: nodeRows },
  ),
  upsertTopics: cypher(
    'upsertTopics',
    `
UNWIND $rows AS row
MERGE (t:Topic {id: row.id})
SET t = row.props
WITH t
OPTIONAL MATCH (t)-[old:SUBTOPIC_OF]->(:Topic)
DELETE old`,
    { rows: nodeRows },
  ),
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
  insertDocuments: cypher(
    'insertDocuments',
    `
UNWIND $rows AS row
CREATE (d:Document)
SET d = row.props`,
    { rows: nodeRows },
  ),
  upsertDocuments: cypher(
    'upsertDocuments',
    `
UNWIND $rows AS row
MERGE (d:Document {id: row.id})
SET d = row.props`,
    { rows: nodeRows },
  ),
  insertStatements: cypher(
    'insertStatements',
    `
UNWIND $rows AS row
CREATE (s:Statement)
SET s = row.props`,
    { rows: nodeRows },
  ),
  upsertStatements: cypher(
    'upsertStatements',
    `
UNWIND $rows AS row
MERGE (s:Statement {id: row.id})
SET s = row.props
WITH s
OPTIONAL MATCH (s)-[old:STATED|ON|SOURCED_FROM]-()
DELETE old`,
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
  /**
   * An upsert updates a relationship in place when its end points stay the same (so a concurrent update
   * waiting on its lock finds it still there). A relationship cannot move to other end points: for the rows
   * this did not update, the old one (if any) is deleted and a new one created.
   */
  updateRelationsInPlace: cypher(
    'updateRelationsInPlace',
    `
UNWIND $rows AS row
MATCH (source:Actor)-[r:RELATION {id: row.id}]->(target:Actor)
WHERE source.id = row.startId AND target.id = row.endId
SET r = row.props
RETURN r.id AS id`,
    { rows: edgeRows },
  ),
  deleteRelationsById: cypher(
    'deleteRelationsById',
    `
UNWIND $ids AS id
MATCH (:Actor)-[r:RELATION {id: id}]->(:Actor)
DELETE r`,
    ids,
  ),
  createRelations: cypher(
    'createRelations',
    `
UNWIND $rows AS row
MATCH (source:Actor)
WHERE source.id = row.startId
MATCH (target:Actor)
WHERE target.id = row.endId
CREATE (source)-[r:RELATION]->(target)
SET r = row.props`,
    { rows: edgeRows },
  ),
  updateAffiliationsInPlace: cypher(
    'updateAffiliationsInPlace',
    `
UNWIND $rows AS row
MATCH (member:Actor)-[m:MEMBER_OF {id: row.id}]->(organization:Actor)
WHERE member.id = row.startId AND organization.id = row.endId
SET m = row.props
RETURN m.id AS id`,
    { rows: edgeRows },
  ),
  deleteAffiliationsById: cypher(
    'deleteAffiliationsById',
    `
UNWIND $ids AS id
MATCH (:Actor)-[m:MEMBER_OF {id: id}]->(:Actor)
DELETE m`,
    ids,
  ),
  createAffiliations: cypher(
    'createAffiliations',
    `
UNWIND $rows AS row
MATCH (member:Actor)
WHERE member.id = row.startId
MATCH (organization:Actor)
WHERE organization.id = row.endId
CREATE (member)-[m:MEMBER_OF]->(organization)
SET m = row.props`,
    { rows: edgeRows },
  ),
};

// ---------------------------------------------------------------------------------------------------------
// Deletes: who refers to a record (the counts that block a plain delete), what a cascade removes or
// detaches, and the delete itself.
// ---------------------------------------------------------------------------------------------------------

const deletes = {
  actorReferrers: cypher(
    'actorReferrers',
    `
RETURN
  COUNT { MATCH (s:Statement) WHERE s.actorId = $id } AS statementsByActor,
  COUNT { MATCH (:Actor {id: $id})-[:RELATION]->(:Actor) } AS relationsBySource,
  COUNT { MATCH (:Actor {id: $id})<-[:RELATION]-(:Actor) } AS relationsByTarget,
  COUNT { MATCH (:Actor {id: $id})-[:MEMBER_OF]->(:Actor) } AS affiliationsByMember,
  COUNT { MATCH (:Actor {id: $id})<-[:MEMBER_OF]-(:Actor) } AS affiliationsByOrganization`,
    one,
  ),
  topicReferrers: cypher(
    'topicReferrers',
    `
RETURN
  COUNT { MATCH (s:Statement) WHERE s.topicId = $id } AS statementsByTopic,
  COUNT { MATCH (:Actor)-[r:RELATION]->(:Actor) WHERE r.topicId = $id } AS relationsByTopic,
  COUNT { MATCH (t:Topic) WHERE t.parentId = $id } AS topicsByParent`,
    one,
  ),
  documentReferrers: cypher(
    'documentReferrers',
    `
RETURN
  COUNT { MATCH (s:Statement) WHERE s.documentId = $id } AS statementsByDocument,
  COUNT { MATCH (:Actor)-[r:RELATION]->(:Actor) WHERE r.documentId = $id } AS relationsByDocument`,
    one,
  ),
  deleteStatementsOfActor: cypher(
    'deleteStatementsOfActor',
    `
MATCH (s:Statement)
WHERE s.actorId = $id
DETACH DELETE s`,
    one,
  ),
  deleteStatementsOnTopic: cypher(
    'deleteStatementsOnTopic',
    `
MATCH (s:Statement)
WHERE s.topicId = $id
DETACH DELETE s`,
    one,
  ),
  deleteStatementsFromDocument: cypher(
    'deleteStatementsFromDocument',
    `
MATCH (s:Statement)
WHERE s.documentId = $id
DETACH DELETE s`,
    one,
  ),
  detachRelationsFromTopic: cypher(
    'detachRelationsFromTopic',
    `
MATCH (:Actor)-[r:RELATION]->(:Actor)
WHERE r.topicId = $id
REMOVE r.topicId`,
    one,
  ),
  detachSubtopics: cypher(
    'detachSubtopics',
    `
MATCH (t:Topic)
WHERE t.parentId = $id
REMOVE t.parentId
WITH t
OPTIONAL MATCH (t)-[link:SUBTOPIC_OF]->(:Topic)
DELETE link`,
    one,
  ),
  deleteRelationsFromDocument: cypher(
    'deleteRelationsFromDocument',
    `
MATCH (:Actor)-[r:RELATION]->(:Actor)
WHERE r.documentId = $id
DELETE r`,
    one,
  ),
  /** DETACH also removes the actor's relations and affiliations, which a cascade has then been asked for. */
  deleteActor: cypher(
    'deleteActor',
    `
MATCH (a:Actor {id: $id})
DETACH DELETE a`,
    one,
  ),
  deleteTopic: cypher(
    'deleteTopic',
    `
MATCH (t:Topic {id: $id})
DETACH DELETE t`,
    one,
  ),
  deleteDocument: cypher(
    'deleteDocument',
    `
MATCH (d:Document {id: $id})
DETACH DELETE d`,
    one,
  ),
  deleteStatement: cypher(
    'deleteStatement',
    `
MATCH (s:Statement {id: $id})
DETACH DELETE s`,
    one,
  ),
  deleteRelation: cypher(
    'deleteRelation',
    `
MATCH (:Actor)-[r:RELATION {id: $id}]->(:Actor)
DELETE r`,
    one,
  ),
  deleteAffiliation: cypher(
    'deleteAffiliation',
    `
MATCH (:Actor)-[m:MEMBER_OF {id: $id}]->(:Actor)
DELETE m`,
    one,
  ),
};

const maintenance = {
  /** Deletes up to `$limit` records with what hangs off them; repeated until it deletes none. */
  deleteSomeRecords: cypher(
    'deleteSomeRecords',
    `
MATCH (n:Actor|Topic|Document|Statement)
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

const pathParams = { fromId: 'claudia-sheinbaum', toId: 'pete-hegseth', limit: int(10) };

const paths = {
  shortestPathsDepth1: cypher(
    'shortestPathsDepth1',
    `
MATCH (origin:Actor {id: $fromId})
MATCH (destination:Actor {id: $toId})
MATCH p = allShortestPaths((origin)-[:RELATION|MEMBER_OF*1..1]-(destination))
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
  ),
  shortestPathsDepth2: cypher(
    'shortestPathsDepth2',
    `
MATCH (origin:Actor {id: $fromId})
MATCH (destination:Actor {id: $toId})
MATCH p = allShortestPaths((origin)-[:RELATION|MEMBER_OF*1..2]-(destination))
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
  ),
  shortestPathsDepth3: cypher(
    'shortestPathsDepth3',
    `
MATCH (origin:Actor {id: $fromId})
MATCH (destination:Actor {id: $toId})
MATCH p = allShortestPaths((origin)-[:RELATION|MEMBER_OF*1..3]-(destination))
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
  ),
  shortestPathsDepth4: cypher(
    'shortestPathsDepth4',
    `
MATCH (origin:Actor {id: $fromId})
MATCH (destination:Actor {id: $toId})
MATCH p = allShortestPaths((origin)-[:RELATION|MEMBER_OF*1..4]-(destination))
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
  ),
  shortestPathsDepth5: cypher(
    'shortestPathsDepth5',
    `
MATCH (origin:Actor {id: $fromId})
MATCH (destination:Actor {id: $toId})
MATCH p = allShortestPaths((origin)-[:RELATION|MEMBER_OF*1..5]-(destination))
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
  ),
  shortestPathsDepth6: cypher(
    'shortestPathsDepth6',
    `
MATCH (origin:Actor {id: $fromId})
MATCH (destination:Actor {id: $toId})
MATCH p = allShortestPaths((origin)-[:RELATION|MEMBER_OF*1..6]-(destination))
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
  ...readAll,
  ...lists,
  ...writes,
  ...deletes,
  ...maintenance,
  ...relationships,
  ...paths,
};

export type QueryName = keyof typeof Q;

/** Every statement the adapter can send, with representative parameters (the lint test runs each). */
export const ALL_QUERIES: readonly CypherQuery[] = Object.values(Q);

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
  schema.indexRelationType,
  schema.indexRelationDate,
  schema.indexRelationTopic,
  schema.indexRelationDocument,
  schema.indexRelationReview,
];

/** The API's depth limit; the lint test fails if it grows without a statement for the new depth. */

/** `SHORTEST_PATHS_BY_DEPTH[d - 1]` searches paths of at most `d` hops, for d in 1..MAX_PATH_DEPTH. */
export const SHORTEST_PATHS_BY_DEPTH = [
  paths.shortestPathsDepth1,
  paths.shortestPathsDepth2,
  paths.shortestPathsDepth3,
  paths.shortestPathsDepth4,
  paths.shortestPathsDepth5,
  paths.shortestPathsDepth6,
] as const;

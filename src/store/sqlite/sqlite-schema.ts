/**
 * The embedded store's tables. Each row keeps the whole entity as JSON in `doc` (so reads never lose a
 * field), plus the columns that filters, joins and foreign keys need.
 */
export const SCHEMA_VERSION = 2;

/**
 * Columns added after version 1, as (table, column, definition): a version-1 file gains them on open.
 * Version-1 records have none of these fields, so the new columns start out empty and need no backfill.
 */
export const ADDED_COLUMNS: readonly { table: string; column: string; definition: string }[] = [
  { table: 'statements', column: 'about_id', definition: 'TEXT REFERENCES actors(id)' },
  { table: 'statements', column: 'reported_by_id', definition: 'TEXT REFERENCES actors(id)' },
  { table: 'relations', column: 'reported_by_id', definition: 'TEXT REFERENCES actors(id)' },
];

/** Indexes on the added columns, created once they exist: deleting an actor counts its mentions here. */
export const INDEX_ADDED_COLUMNS = `
CREATE INDEX IF NOT EXISTS statements_by_about ON statements(about_id) WHERE about_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS statements_by_reporter ON statements(reported_by_id) WHERE reported_by_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS relations_by_reporter ON relations(reported_by_id) WHERE reported_by_id IS NOT NULL;
`;

export const CREATE_TABLES = `
CREATE TABLE IF NOT EXISTS actors (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  country TEXT,
  search TEXT NOT NULL,
  doc TEXT NOT NULL
) STRICT;

CREATE TABLE IF NOT EXISTS actor_names (
  actor_id TEXT NOT NULL REFERENCES actors(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  PRIMARY KEY (name, actor_id)
) STRICT, WITHOUT ROWID;
-- Rewriting an actor's names deletes by actor: without this, each write scanned every name (bulk import
-- of 10k actors took seconds, quadratic in the actor count).
CREATE INDEX IF NOT EXISTS actor_names_by_actor ON actor_names(actor_id);

CREATE TABLE IF NOT EXISTS topics (
  id TEXT PRIMARY KEY,
  parent_id TEXT REFERENCES topics(id),
  search TEXT NOT NULL,
  doc TEXT NOT NULL
) STRICT;

CREATE TABLE IF NOT EXISTS documents (
  id TEXT PRIMARY KEY,
  content_hash TEXT NOT NULL UNIQUE,
  outlet TEXT,
  published_at TEXT,
  search TEXT NOT NULL,
  doc TEXT NOT NULL
) STRICT;

CREATE TABLE IF NOT EXISTS statements (
  id TEXT PRIMARY KEY,
  actor_id TEXT NOT NULL REFERENCES actors(id),
  topic_id TEXT NOT NULL REFERENCES topics(id),
  document_id TEXT REFERENCES documents(id),
  polarity TEXT NOT NULL,
  stated_at TEXT NOT NULL,
  method TEXT NOT NULL,
  review_status TEXT NOT NULL,
  doc TEXT NOT NULL,
  about_id TEXT REFERENCES actors(id),
  reported_by_id TEXT REFERENCES actors(id)
) STRICT;
CREATE INDEX IF NOT EXISTS statements_by_topic ON statements(topic_id, review_status, stated_at);
CREATE INDEX IF NOT EXISTS statements_by_actor ON statements(actor_id, topic_id, stated_at);
CREATE INDEX IF NOT EXISTS statements_by_document ON statements(document_id);
-- Current stances: read in this very order (topic, actor, latest first) with every column they need, so
-- ranking a topic's statements needs neither a sort nor a table lookup per statement.
CREATE INDEX IF NOT EXISTS statements_current ON statements(topic_id, actor_id, stated_at DESC, id DESC, review_status, polarity);

CREATE TABLE IF NOT EXISTS relations (
  id TEXT PRIMARY KEY,
  source_id TEXT NOT NULL REFERENCES actors(id),
  target_id TEXT NOT NULL REFERENCES actors(id),
  type TEXT NOT NULL,
  topic_id TEXT REFERENCES topics(id),
  document_id TEXT REFERENCES documents(id),
  date TEXT,
  review_status TEXT NOT NULL,
  doc TEXT NOT NULL,
  reported_by_id TEXT REFERENCES actors(id)
) STRICT;
CREATE INDEX IF NOT EXISTS relations_by_source ON relations(source_id, type);
CREATE INDEX IF NOT EXISTS relations_by_target ON relations(target_id, type);
CREATE INDEX IF NOT EXISTS relations_by_topic ON relations(topic_id);
CREATE INDEX IF NOT EXISTS relations_by_document ON relations(document_id);

CREATE TABLE IF NOT EXISTS affiliations (
  id TEXT PRIMARY KEY,
  member_id TEXT NOT NULL REFERENCES actors(id),
  organization_id TEXT NOT NULL REFERENCES actors(id),
  doc TEXT NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS affiliations_by_member ON affiliations(member_id);
CREATE INDEX IF NOT EXISTS affiliations_by_organization ON affiliations(organization_id);

-- Review status of the kinds that keep it only in their document (REVIEW_STATUS in sqlite-tables.ts): the expression
-- must stay exactly the one the queries use, or SQLite will not use these indexes.
CREATE INDEX IF NOT EXISTS actors_by_review_status
  ON actors(coalesce(json_extract(doc, '$.reviewStatus'), 'accepted'));
CREATE INDEX IF NOT EXISTS topics_by_review_status
  ON topics(coalesce(json_extract(doc, '$.reviewStatus'), 'accepted'));
CREATE INDEX IF NOT EXISTS affiliations_by_review_status
  ON affiliations(coalesce(json_extract(doc, '$.reviewStatus'), 'accepted'));

-- The review history (GraphStore.commit): append-only, one row per event, the event as JSON in doc. Read
-- per record or per document, oldest first (at, then id).
CREATE TABLE IF NOT EXISTS history (
  id TEXT PRIMARY KEY,
  at TEXT NOT NULL,
  kind TEXT NOT NULL,
  record_id TEXT NOT NULL,
  document_id TEXT,
  doc TEXT NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS history_by_record ON history(record_id, kind, at, id);
CREATE INDEX IF NOT EXISTS history_by_document ON history(document_id, at, id);
CREATE INDEX IF NOT EXISTS history_in_order ON history(at, id);

-- Full-text search (FTS5) over quotes, evidence sentences and documents' titles and text. search_fields
-- holds one row per searchable field, kept by the triggers below on every write, cascade and detach; the
-- FTS5 index takes its content from it. Deleting a record deletes its rows by (kind, ref).
CREATE TABLE IF NOT EXISTS search_fields (
  rowid INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  ref TEXT NOT NULL,
  field TEXT NOT NULL,
  body TEXT NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS search_fields_by_ref ON search_fields(kind, ref);
CREATE VIRTUAL TABLE IF NOT EXISTS search_index USING fts5(
  body, content='search_fields', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER IF NOT EXISTS search_fields_insert AFTER INSERT ON search_fields BEGIN
  INSERT INTO search_index(rowid, body) VALUES (new.rowid, new.body);
END;
CREATE TRIGGER IF NOT EXISTS search_fields_delete AFTER DELETE ON search_fields BEGIN
  INSERT INTO search_index(search_index, rowid, body) VALUES ('delete', old.rowid, old.body);
END;
${searchTriggers('statements', [
  ['quote', '$.quote'],
  ['evidence', '$.evidence.sentence'],
])}
${searchTriggers('relations', [
  ['quote', '$.quote'],
  ['evidence', '$.evidence.sentence'],
])}
${searchTriggers('documents', [
  ['title', '$.title'],
  ['text', '$.text'],
])}
`;

/** The triggers that keep one table's searchable fields in search_fields. */
function searchTriggers(table: string, fields: [string, string][]): string {
  const insert = fields
    .map(
      ([field, path]) => `
  INSERT INTO search_fields(kind, ref, field, body)
    SELECT '${table}', new.id, '${field}', json_extract(new.doc, '${path}')
    WHERE json_extract(new.doc, '${path}') IS NOT NULL;`,
    )
    .join('');
  return `
CREATE TRIGGER IF NOT EXISTS ${table}_search_insert AFTER INSERT ON ${table} BEGIN${insert}
END;
CREATE TRIGGER IF NOT EXISTS ${table}_search_update AFTER UPDATE OF doc ON ${table} BEGIN
  DELETE FROM search_fields WHERE kind = '${table}' AND ref = old.id;${insert}
END;
CREATE TRIGGER IF NOT EXISTS ${table}_search_delete AFTER DELETE ON ${table} BEGIN
  DELETE FROM search_fields WHERE kind = '${table}' AND ref = old.id;
END;`;
}

/**
 * Fills search_fields for a store written before full-text search existed (the triggers keep it after).
 * Runs when search_fields is empty but records are not; a no-op otherwise.
 */
export const BACKFILL_SEARCH = `
INSERT INTO search_fields(kind, ref, field, body)
  SELECT 'statements', id, 'quote', json_extract(doc, '$.quote') FROM statements WHERE json_extract(doc, '$.quote') IS NOT NULL
  UNION ALL SELECT 'statements', id, 'evidence', json_extract(doc, '$.evidence.sentence') FROM statements WHERE json_extract(doc, '$.evidence.sentence') IS NOT NULL
  UNION ALL SELECT 'relations', id, 'quote', json_extract(doc, '$.quote') FROM relations WHERE json_extract(doc, '$.quote') IS NOT NULL
  UNION ALL SELECT 'relations', id, 'evidence', json_extract(doc, '$.evidence.sentence') FROM relations WHERE json_extract(doc, '$.evidence.sentence') IS NOT NULL
  UNION ALL SELECT 'documents', id, 'title', json_extract(doc, '$.title') FROM documents
  UNION ALL SELECT 'documents', id, 'text', json_extract(doc, '$.text') FROM documents WHERE json_extract(doc, '$.text') IS NOT NULL;
`;

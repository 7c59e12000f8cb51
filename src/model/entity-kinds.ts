/**
 * model/: the records (actors, topics, documents, statements, relations, affiliations) as zod schemas and
 * types, their provenance and review fields, how each is built from its input, the relation vocabulary, and
 * the table of which record refers to which. The core every layer may use; it uses only shared/.
 */
import type { z } from 'zod';
import type { Actor, ActorListQuery } from './actor-schema';
import type { Affiliation, AffiliationListQuery } from './affiliation-schema';
import type { DocumentListQuery, StoredDocument } from './document-schema';
import type { Relation, RelationListQuery } from './relation-schema';
import type { Statement, StatementListQuery } from './statement-schema';
import type { Topic, TopicListQuery } from './topic-schema';
import { actorListQuerySchema, actorSchema, createActorSchema, updateActorSchema } from './actor-schema';
import { buildActor } from './actor-builder';
import {
  affiliationListQuerySchema,
  affiliationSchema,
  createAffiliationSchema,
  updateAffiliationSchema,
} from './affiliation-schema';
import { buildAffiliation } from './affiliation-builder';
import {
  createDocumentSchema,
  documentListQuerySchema,
  documentSchema,
  updateDocumentSchema,
} from './document-schema';
import { buildDocument } from './document-builder';
import {
  createRelationSchema,
  relationListQuerySchema,
  relationSchema,
  updateRelationSchema,
} from './relation-schema';
import { buildRelation } from './relation-builder';
import {
  createStatementSchema,
  statementListQuerySchema,
  statementSchema,
  updateStatementSchema,
} from './statement-schema';
import { buildStatement } from './statement-builder';
import { createTopicSchema, topicListQuerySchema, topicSchema, updateTopicSchema } from './topic-schema';
import { buildTopic } from './topic-builder';

export interface EntityMap {
  actors: Actor;
  topics: Topic;
  documents: StoredDocument;
  statements: Statement;
  relations: Relation;
  affiliations: Affiliation;
}

export interface ListFilterMap {
  actors: ActorListQuery;
  topics: TopicListQuery;
  documents: DocumentListQuery;
  statements: StatementListQuery;
  relations: RelationListQuery;
  affiliations: AffiliationListQuery;
}

export type EntityKind = keyof EntityMap;

/** In dependency order: loading in this order never meets a reference to something not yet loaded. */
export const ENTITY_KINDS: readonly EntityKind[] = [
  'actors',
  'topics',
  'documents',
  'statements',
  'relations',
  'affiliations',
];

export type GraphSnapshot = { [K in EntityKind]: EntityMap[K][] };

/** One record of each kind, for messages: "unknown actor 'x'". */
export const ENTITY_NAMES: Record<EntityKind, string> = {
  actors: 'actor',
  topics: 'topic',
  documents: 'document',
  statements: 'statement',
  relations: 'relation',
  affiliations: 'affiliation',
};

export interface EntityReference {
  field: string;
  kind: 'actors' | 'topics' | 'documents';
  /**
   * What deleting the record referred to does to the referring one, when the delete cascades: a record
   * that cannot stand without it goes with it; one merely about it (a relation's topic) or under it (a
   * sub-topic) only loses the reference.
   */
  onDelete: 'delete' | 'detach';
}

/** The fields of each kind that name another record, in the order issues are reported. */
export const ENTITY_REFERENCES: Record<EntityKind, readonly EntityReference[]> = {
  actors: [],
  topics: [{ field: 'parentId', kind: 'topics', onDelete: 'detach' }],
  documents: [],
  statements: [
    { field: 'actorId', kind: 'actors', onDelete: 'delete' },
    { field: 'topicId', kind: 'topics', onDelete: 'delete' },
    { field: 'documentId', kind: 'documents', onDelete: 'delete' },
    // A claim about the actor, or relayed by it, still stands without it.
    { field: 'aboutId', kind: 'actors', onDelete: 'detach' },
    { field: 'reportedById', kind: 'actors', onDelete: 'detach' },
  ],
  relations: [
    { field: 'sourceId', kind: 'actors', onDelete: 'delete' },
    { field: 'targetId', kind: 'actors', onDelete: 'delete' },
    { field: 'topicId', kind: 'topics', onDelete: 'detach' },
    { field: 'documentId', kind: 'documents', onDelete: 'delete' },
    { field: 'reportedById', kind: 'actors', onDelete: 'detach' },
  ],
  affiliations: [
    { field: 'memberId', kind: 'actors', onDelete: 'delete' },
    { field: 'organizationId', kind: 'actors', onDelete: 'delete' },
  ],
};

/** What the generic CRUD use cases and routes need to know about each kind of record. */
interface EntityKindSpec<K extends EntityKind> {
  kind: K;
  /** Singular, for messages and OpenAPI: "actor". */
  name: string;
  tag: string;
  schema: z.ZodType<EntityMap[K]>;
  createSchema: z.ZodType;
  updateSchema: z.ZodType;
  listQuerySchema: z.ZodType;
  build(input: never): EntityMap[K];
}

export const ENTITY_SPECS: { [K in EntityKind]: EntityKindSpec<K> } = {
  actors: {
    kind: 'actors',
    name: 'actor',
    tag: 'Actors',
    schema: actorSchema,
    createSchema: createActorSchema,
    updateSchema: updateActorSchema,
    listQuerySchema: actorListQuerySchema,
    build: buildActor,
  },
  topics: {
    kind: 'topics',
    name: 'topic',
    tag: 'Topics',
    schema: topicSchema,
    createSchema: createTopicSchema,
    updateSchema: updateTopicSchema,
    listQuerySchema: topicListQuerySchema,
    build: buildTopic,
  },
  documents: {
    kind: 'documents',
    name: 'document',
    tag: 'Documents',
    schema: documentSchema,
    createSchema: createDocumentSchema,
    updateSchema: updateDocumentSchema,
    listQuerySchema: documentListQuerySchema,
    build: buildDocument,
  },
  statements: {
    kind: 'statements',
    name: 'statement',
    tag: 'Statements',
    schema: statementSchema,
    createSchema: createStatementSchema,
    updateSchema: updateStatementSchema,
    listQuerySchema: statementListQuerySchema,
    build: buildStatement,
  },
  relations: {
    kind: 'relations',
    name: 'relation',
    tag: 'Relations',
    schema: relationSchema,
    createSchema: createRelationSchema,
    updateSchema: updateRelationSchema,
    listQuerySchema: relationListQuerySchema,
    build: buildRelation,
  },
  affiliations: {
    kind: 'affiliations',
    name: 'affiliation',
    tag: 'Affiliations',
    schema: affiliationSchema,
    createSchema: createAffiliationSchema,
    updateSchema: updateAffiliationSchema,
    listQuerySchema: affiliationListQuerySchema,
    build: buildAffiliation,
  },
};

/** Each kind's field names in the order its schema declares them (the order of a record's JSON). */
export const ENTITY_FIELDS = Object.fromEntries(
  ENTITY_KINDS.map((kind) => [
    kind,
    Object.keys((ENTITY_SPECS[kind].schema as unknown as { shape: Record<string, unknown> }).shape),
  ]),
) as Record<EntityKind, string[]>;

/**
 * The record with its fields in its schema's order, whatever order its input came in, so every store
 * answers a record with the same JSON (a record built elsewhere, e.g. by an import, may list its fields in
 * another order). Fields the schema does not name keep their place after the named ones.
 */
export function inSchemaOrder<K extends EntityKind>(kind: K, record: EntityMap[K]): EntityMap[K] {
  const fields = record as Record<string, unknown>;
  const ordered: Record<string, unknown> = {};
  for (const field of ENTITY_FIELDS[kind]) if (fields[field] !== undefined) ordered[field] = fields[field];
  for (const [field, value] of Object.entries(fields)) if (!(field in ordered)) ordered[field] = value;
  return ordered as EntityMap[K];
}

import type { z } from 'zod';
import {
  actorListQuerySchema,
  actorSchema,
  createActorSchema,
  updateActorSchema,
} from './actor-schema';
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
import type { EntityKind, EntityMap } from '../store/graph-store';
import {
  createTopicSchema,
  topicListQuerySchema,
  topicSchema,
  updateTopicSchema,
} from './topic-schema';
import { buildTopic } from './topic-builder';

/** What the generic CRUD use cases and routes need to know about each kind of record. */
export interface EntityKindSpec<K extends EntityKind> {
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

import { z } from 'zod';
import { provenanceFields } from './provenance-schema';
import { RELATION_TYPES } from './relation-vocabulary';
import {
  isoDateSchema,
  paginationSchema,
  reviewStatusSchema,
  slugIdSchema,
  sourcedClaimFields,
  storedClaimFields,
  sourcedClaimUpdateFields,
  extractionMethodSchema,
  minConfidenceQuerySchema,
} from './common-schema';

export const relationTypeSchema = z.enum(RELATION_TYPES);

const relationFields = {
  sourceId: slugIdSchema,
  targetId: slugIdSchema,
  type: relationTypeSchema,
  /** The proposition the interaction is about, when there is one. */
  topicId: slugIdSchema.optional(),
  date: isoDateSchema.optional(),
  ...sourcedClaimFields,
  ...provenanceFields,
};

const notSelf = <T extends { sourceId?: string; targetId?: string }>(relation: T) =>
  relation.sourceId === undefined || relation.sourceId !== relation.targetId;
const notSelfIssue = { message: 'an actor cannot relate to itself', path: ['targetId'] };

export const relationSchema = z
  .object({ id: slugIdSchema, ...relationFields, ...storedClaimFields })
  .strict()
  .refine(notSelf, notSelfIssue)
  .meta({ id: 'Relation' });

export const createRelationSchema = z
  .object({ id: slugIdSchema.optional(), ...relationFields })
  .strict()
  .refine(notSelf, notSelfIssue)
  .meta({ id: 'CreateRelation' });

export const updateRelationSchema = z
  .object({
    type: relationTypeSchema,
    topicId: slugIdSchema.nullable(),
    date: isoDateSchema.nullable(),
    ...sourcedClaimUpdateFields,
  })
  .partial()
  .strict()
  .meta({ id: 'UpdateRelation' });

export const relationTypeListSchema = z
  .string()
  .transform((value) => value.split(',').map((part) => part.trim()))
  .pipe(z.array(relationTypeSchema));

export const relationListQuerySchema = paginationSchema.extend({
  actorId: slugIdSchema.optional(),
  sourceId: slugIdSchema.optional(),
  targetId: slugIdSchema.optional(),
  type: relationTypeListSchema.optional(),
  topicId: slugIdSchema.optional(),
  documentId: slugIdSchema.optional(),
  reviewStatus: reviewStatusSchema.optional(),
  method: extractionMethodSchema.optional(),
  minConfidence: minConfidenceQuerySchema,
  reportedById: slugIdSchema.optional(),
  from: isoDateSchema.optional(),
  to: isoDateSchema.optional(),
});

export type Relation = z.infer<typeof relationSchema>;
export type CreateRelation = z.input<typeof createRelationSchema>;
export type RelationListQuery = z.infer<typeof relationListQuerySchema>;

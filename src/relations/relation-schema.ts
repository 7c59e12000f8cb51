import { z } from 'zod';
import { provenanceFields } from '../extraction/provenance-schema';
import {
  isoDateSchema,
  paginationSchema,
  reviewStatusSchema,
  slugIdSchema,
  sourcedClaimFields,
  sourcedClaimUpdateFields,
} from '../shared/common-schema';

/** The fixed vocabulary of actor-to-actor interactions. Only these ever reach a query. */
export const RELATION_TYPES = [
  'opposes',
  'supports',
  'cooperates_with',
  'allied_with',
  'threatens',
  'warns',
  'criticizes',
  'accuses',
  'rejects',
  'sanctions',
  'targets',
  'attacks',
  'authorizes',
  'negotiates_with',
  'pressures',
  'praises',
  'reports_on',
] as const;

export const relationTypeSchema = z.enum(RELATION_TYPES);
export type RelationType = z.infer<typeof relationTypeSchema>;

/** Relations that make two actors opponents, whichever direction they point. */
export const HOSTILE_RELATION_TYPES: readonly RelationType[] = [
  'opposes',
  'threatens',
  'warns',
  'criticizes',
  'accuses',
  'rejects',
  'sanctions',
  'targets',
  'attacks',
  'pressures',
];

/** Relations that make two actors allies. */
export const FRIENDLY_RELATION_TYPES: readonly RelationType[] = [
  'supports',
  'cooperates_with',
  'allied_with',
  'praises',
];

/** Neither hostile nor friendly: `authorizes`, `negotiates_with`, `reports_on`. */
export const NEUTRAL_RELATION_TYPES: readonly RelationType[] = RELATION_TYPES.filter(
  (type) => !HOSTILE_RELATION_TYPES.includes(type) && !FRIENDLY_RELATION_TYPES.includes(type),
);

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
  .object({ id: slugIdSchema, ...relationFields })
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

const relationTypeListSchema = z
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
  from: isoDateSchema.optional(),
  to: isoDateSchema.optional(),
});

export type Relation = z.infer<typeof relationSchema>;
export type CreateRelation = z.input<typeof createRelationSchema>;
export type UpdateRelation = z.infer<typeof updateRelationSchema>;
export type RelationListQuery = z.infer<typeof relationListQuerySchema>;
export { relationTypeListSchema };

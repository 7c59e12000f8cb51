import { z } from 'zod';
import { actorSchema } from '../model/actor-schema';
import { polaritySchema } from '../model/statement-schema';
import { relationTypeSchema } from '../model/relation-schema';
import {
  evidenceStatusSchema,
  isoDateSchema,
  paginationSchema,
  slugIdSchema,
  withTimeWindow,
} from '../model/common-schema';
import { actorRefSchema, topicRefSchema } from '../model/ref-schema';
import { MAX_PATH_DEPTH } from '../store/graph-store';
import { matchFilterSchema, matchSchema } from '../hierarchy/topic-hierarchy';

/** One piece of evidence behind a reason: a quote or a sentence, where it is, and when it was said. */
export const evidenceItemSchema = z
  .object({
    actorId: z.string().meta({ description: 'who said or did it' }),
    quote: z.string().optional(),
    sentence: z.string().optional(),
    span: z.object({ start: z.number().int(), end: z.number().int() }).optional(),
    documentId: z.string().optional(),
    date: isoDateSchema.optional(),
    statementId: z.string().optional(),
    relationId: z.string().optional(),
    polarity: polaritySchema.optional(),
    confidence: z.number().optional(),
    evidenceStatus: evidenceStatusSchema.optional(),
  })
  .meta({ id: 'Evidence' });

export const reasonSchema = z
  .object({
    kind: z.enum(['relation', 'stance']),
    type: relationTypeSchema.optional().meta({ description: 'for relation reasons: the relation type' }),
    direction: z.enum(['outgoing', 'incoming']).optional().meta({
      description: 'for relation reasons: whether the subject actor is the source (outgoing) or target',
    }),
    side: z.enum(['agreement', 'conflict']).meta({
      description:
        'agreement: a friendly relation or the same side; conflict: a hostile relation or opposite sides',
    }),
    match: matchSchema.meta({
      description: 'how the reason was matched; relations are always direct',
    }),
    topic: topicRefSchema.optional().meta({
      description: 'for stance reasons, the topic the two stances meet on',
    }),
    weight: z.number().meta({
      description:
        "confidence (the relation's, or the product of the two statements') times 1 direct, 0.75 entailed, 0.5 partial",
    }),
    since: isoDateSchema.optional(),
    evidence: z.array(evidenceItemSchema),
  })
  .meta({ id: 'Reason' });

export const counterpartSchema = z
  .object({
    actor: actorRefSchema,
    since: isoDateSchema.optional().meta({ description: 'the earliest dated evidence' }),
    net: z.number().meta({
      description: 'the weights of the agreements minus the weights of the conflicts',
    }),
    agreements: z.number().int().meta({ description: 'how many reasons are agreements' }),
    conflicts: z.number().int().meta({ description: 'how many reasons are conflicts' }),
    reasons: z.array(reasonSchema).meta({
      description: 'every agreement and every conflict between the two, oldest first',
    }),
  })
  .meta({ id: 'Counterpart' });

const counterpartPageFields = {
  items: z.array(counterpartSchema).meta({
    description:
      'this page of counterparts: opponents the lowest net first, allies the highest net first, then by actor id',
  }),
  total: z.number().int().meta({ description: 'how many counterparts there are in all' }),
};
export const opponentsResponseSchema = z
  .object({ actor: actorSchema, ...counterpartPageFields })
  .meta({ id: 'OpponentsResponse' });
export const alliesResponseSchema = z
  .object({ actor: actorSchema, ...counterpartPageFields })
  .meta({ id: 'AlliesResponse' });

const pairSchema = z
  .object({
    actors: z.tuple([actorRefSchema, actorRefSchema]),
    since: isoDateSchema.optional(),
    reasons: z.array(reasonSchema),
  })
  .meta({ id: 'ActorPair' });
export const oppositionsResponseSchema = z
  .object({ items: z.array(pairSchema), total: z.number().int() })
  .meta({ id: 'OppositionsResponse' });

/** A hub can have thousands of counterparts: answers come a page at a time. */
const MAX_COUNTERPARTS_PAGE = 1000;
export const relationshipQuerySchema = withTimeWindow({
  topic: slugIdSchema.optional().meta({
    description:
      'only reasons on this topic: stances meeting on it or carried over from it, relations about it',
  }),
  match: matchFilterSchema,
  limit: z.coerce.number().int().min(1).max(MAX_COUNTERPARTS_PAGE).default(100),
  offset: paginationSchema.shape.offset,
});
export const oppositionsQuerySchema = withTimeWindow({
  topic: slugIdSchema.optional(),
  match: matchFilterSchema,
  ...paginationSchema.shape,
});

export const pathsQuerySchema = z.object({
  from: slugIdSchema,
  to: slugIdSchema,
  maxDepth: z.coerce.number().int().min(1).max(MAX_PATH_DEPTH).default(4),
  limit: z.coerce.number().int().min(1).max(100).default(10),
});

const pathHopSchema = z
  .object({
    from: actorRefSchema,
    to: actorRefSchema,
    edge: z.object({
      kind: z.enum(['relation', 'affiliation']),
      id: z.string(),
      label: z.string().meta({ description: 'relation type, or "member_of"' }),
      forward: z.boolean().meta({ description: 'true when the walk follows the edge direction' }),
      role: z.string().optional(),
      evidence: evidenceItemSchema.optional(),
    }),
  })
  .meta({ id: 'PathHop' });

export const pathsResponseSchema = z
  .object({
    from: actorRefSchema,
    to: actorRefSchema,
    length: z.number().int().nullable().meta({ description: 'hops in the shortest path; null when none' }),
    paths: z.array(z.object({ hops: z.array(pathHopSchema) })),
  })
  .meta({ id: 'PathsResponse' });

export type RelationshipQuery = z.infer<typeof relationshipQuerySchema>;
export type OppositionsQuery = z.infer<typeof oppositionsQuerySchema>;
export type EvidenceItem = z.infer<typeof evidenceItemSchema>;
export type Reason = z.infer<typeof reasonSchema>;
export type Counterpart = z.infer<typeof counterpartSchema>;

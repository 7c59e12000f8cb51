import { z } from 'zod';
import { actorKindSchema } from '../model/actor-schema';
import { relationTypeSchema } from '../model/relation-schema';
import { confidenceSchema, evidenceSpanSchema, slugIdSchema } from '../model/common-schema';
import { polaritySchema } from '../model/statement-schema';

/**
 * What an extractor returns before anything touches the store: actors are named by a key local to the
 * document, and the service maps them to graph ids. Built from the same field schemas as the records,
 * so an LLM's answer is held to exactly the rules a person's input is.
 */
export const draftActorSchema = z
  .object({
    key: z.string().min(1).max(300),
    name: z.string().trim().min(1).max(300),
    aliases: z.array(z.string().trim().min(1).max(300)).max(100).default([]),
    kind: actorKindSchema,
    country: z
      .string()
      .regex(/^[A-Z]{2}$/)
      .optional(),
    /** The graph actor this is, when the extractor recognised one. */
    existingId: slugIdSchema.optional(),
    confidence: confidenceSchema.default(0.5),
  })
  .strict();

export const draftStatementSchema = z
  .object({
    actorKey: z.string().min(1),
    /** An existing topic's id, or the title of a topic to propose. */
    topic: z.object({ id: slugIdSchema.optional(), title: z.string().trim().min(1).max(500) }).strict(),
    polarity: polaritySchema,
    intensity: z.number().min(0).max(1).default(0.5),
    quote: z.string().min(1).max(5000).optional(),
    evidence: evidenceSpanSchema,
    confidence: confidenceSchema,
    note: z.string().max(2000).optional(),
    /** The actor the proposition is about: "accused Petro of ..." is about Petro. */
    aboutKey: z.string().min(1).optional(),
    /** The outlet or actor that relayed what was said: "Reuters reported that ...". */
    reportedByKey: z.string().min(1).optional(),
  })
  .strict();

export const draftRelationSchema = z
  .object({
    sourceKey: z.string().min(1),
    targetKey: z.string().min(1),
    type: relationTypeSchema,
    quote: z.string().min(1).max(5000).optional(),
    evidence: evidenceSpanSchema,
    confidence: confidenceSchema,
    reportedByKey: z.string().min(1).optional(),
  })
  .strict()
  .refine((r) => r.sourceKey !== r.targetKey, {
    message: 'an actor cannot relate to itself',
    path: ['targetKey'],
  });

export const draftAffiliationSchema = z
  .object({
    memberKey: z.string().min(1),
    organizationKey: z.string().min(1),
    role: z.string().trim().min(1).max(300).optional(),
  })
  .strict();

export const extractionDraftSchema = z
  .object({
    actors: z.array(draftActorSchema).max(2000),
    statements: z.array(draftStatementSchema).max(5000),
    relations: z.array(draftRelationSchema).max(5000),
    affiliations: z.array(draftAffiliationSchema).max(2000).default([]),
  })
  .strict();

/**
 * An item of an extractor's answer that was left out, named by its list, its index in that list and the
 * field that broke a rule: one bad item never costs the good ones.
 */
export const rejectedItemSchema = z
  .object({
    list: z.enum(['actors', 'statements', 'relations', 'affiliations']),
    index: z.number().int().min(0),
    field: z.string(),
    message: z.string(),
  })
  .meta({ id: 'RejectedExtractionItem' });

export type RejectedItem = z.infer<typeof rejectedItemSchema>;

/** What an extractor returns: the proposals, and the items of its answer it had to leave out. */
export type ExtractionResult = ExtractionDraft & { rejected?: RejectedItem[] };

export type DraftStatement = z.infer<typeof draftStatementSchema>;
export type DraftRelation = z.infer<typeof draftRelationSchema>;
export type DraftAffiliation = z.infer<typeof draftAffiliationSchema>;
export type ExtractionDraft = z.infer<typeof extractionDraftSchema>;

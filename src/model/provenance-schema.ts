import { z } from 'zod';
import { nameSchema, reviewStatusSchema, textSchema } from './common-schema';

/**
 * Optional fields that say where a proposed record came from and who reviewed it. Shared by every kind
 * extraction proposes (actors, topics, statements, relations, affiliations); absent on records entered
 * by hand.
 */
export const extractorInfoSchema = z
  .object({ name: z.string().min(1).max(100), version: z.string().min(1).max(50) })
  .strict()
  .meta({ id: 'ExtractorInfo' });

export const reviewOutcomeSchema = z.enum(['accepted', 'rejected', 'edited']);

export const provenanceFields = {
  /** The extractor that proposed the record. */
  extractor: extractorInfoSchema.optional(),
  /** Who reviewed the proposal ("auto-accept" when the confidence threshold accepted it). */
  reviewedBy: nameSchema(200).optional(),
  reviewedAt: z.iso.datetime().optional(),
  /** Why the reviewer decided so, when they said. */
  reviewReason: textSchema(2000).optional(),
  /** `edited` is an acceptance with corrections. */
  reviewOutcome: reviewOutcomeSchema.optional(),
};

/**
 * Review state of the records that exist without a claim of their own (actors, topics, affiliations):
 * absent on records entered by hand, which count as accepted. Only accepted ones take part in answers.
 */
export const reviewableFields = {
  reviewStatus: reviewStatusSchema.optional(),
  ...provenanceFields,
};

export type ExtractorInfo = z.infer<typeof extractorInfoSchema>;
export type ReviewOutcome = z.infer<typeof reviewOutcomeSchema>;

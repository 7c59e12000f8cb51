import { z } from 'zod';
import { provenanceFields } from './provenance-schema';
import {
  extractionMethodSchema,
  isoDateSchema,
  minConfidenceQuerySchema,
  paginationSchema,
  reviewStatusSchema,
  slugIdSchema,
  sourcedClaimFields,
  storedClaimFields,
  sourcedClaimUpdateFields,
} from './common-schema';

export const polaritySchema = z.enum(['support', 'oppose', 'neutral', 'mixed']);

const statementFields = {
  actorId: slugIdSchema,
  topicId: slugIdSchema,
  polarity: polaritySchema,
  /** How strongly the stance is put: 0 barely, 1 as strongly as language allows. */
  intensity: z.number().min(0).max(1).default(0.5),
  /**
   * When it was said. Absent when the source gives no date (an undated document): no date is invented.
   * An undated statement is in a time window only when the window has no bounds, counts as older than
   * any dated statement of its actor on its topic, and takes no part in stance changes.
   */
  statedAt: isoDateSchema.optional(),
  /** The actor the proposition is about, when it targets one: "X accused Y of ..." is about Y. */
  aboutId: slugIdSchema.optional(),
  ...sourcedClaimFields,
  ...provenanceFields,
};

export const statementSchema = z
  .object({ id: slugIdSchema, ...statementFields, ...storedClaimFields })
  .strict()
  .meta({ id: 'Statement' });

export const createStatementSchema = z
  .object({ id: slugIdSchema.optional(), ...statementFields })
  .strict()
  .meta({ id: 'CreateStatement' });

export const updateStatementSchema = z
  .object({
    topicId: statementFields.topicId,
    polarity: polaritySchema,
    intensity: z.number().min(0).max(1),
    statedAt: isoDateSchema.nullable(),
    aboutId: slugIdSchema.nullable(),
    ...sourcedClaimUpdateFields,
  })
  .partial()
  .strict()
  .meta({ id: 'UpdateStatement' });

export const statementListQuerySchema = paginationSchema.extend({
  actorId: slugIdSchema.optional(),
  topicId: slugIdSchema.optional(),
  documentId: slugIdSchema.optional(),
  polarity: polaritySchema.optional(),
  reviewStatus: reviewStatusSchema.optional(),
  method: extractionMethodSchema.optional(),
  minConfidence: minConfidenceQuerySchema,
  aboutId: slugIdSchema.optional(),
  reportedById: slugIdSchema.optional(),
  from: isoDateSchema.optional(),
  to: isoDateSchema.optional(),
});

/**
 * A statement's date as a sort key: an undated statement sorts before every dated one, so a dated
 * statement always supersedes it as the current stance. The stores keep the same key.
 */
export function statedAtKey(statement: { statedAt?: string }): string {
  return statement.statedAt ?? '';
}

export type Polarity = z.infer<typeof polaritySchema>;
export type Statement = z.infer<typeof statementSchema>;
export type CreateStatement = z.input<typeof createStatementSchema>;
export type StatementListQuery = z.infer<typeof statementListQuerySchema>;

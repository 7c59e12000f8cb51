import { z } from 'zod';
import { provenanceFields } from './provenance-schema';
import {
  extractionMethodSchema,
  isoDateSchema,
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
  statedAt: isoDateSchema,
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
    statedAt: isoDateSchema,
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
  from: isoDateSchema.optional(),
  to: isoDateSchema.optional(),
});

export type Polarity = z.infer<typeof polaritySchema>;
export type Statement = z.infer<typeof statementSchema>;
export type CreateStatement = z.input<typeof createStatementSchema>;
export type StatementListQuery = z.infer<typeof statementListQuerySchema>;

import { z } from 'zod';
import { isoDateSchema, nameSchema, paginationSchema, slugIdSchema } from './common-schema';

const documentFields = {
  title: nameSchema(1000),
  url: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .optional(),
  outlet: nameSchema(300).optional(),
  publishedAt: isoDateSchema.optional(),
  language: z
    .string()
    .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a BCP 47 language tag such as "en"')
    .optional(),
  text: z.string().max(10_000_000).optional(),
};

export const documentSchema = z
  .object({
    id: slugIdSchema,
    ...documentFields,
    /** sha256 of the text (or of url and title when there is no text): how duplicates are recognised. */
    contentHash: z.string(),
  })
  .strict()
  .meta({ id: 'Document' });

export const createDocumentSchema = z
  .object({ id: slugIdSchema.optional(), ...documentFields })
  .strict()
  .meta({ id: 'CreateDocument' });

/** The text is not editable: evidence spans point into it, and its hash identifies the document. */
export const updateDocumentSchema = z
  .object({
    title: documentFields.title,
    url: documentFields.url.nullable(),
    outlet: documentFields.outlet.nullable(),
    publishedAt: documentFields.publishedAt.nullable(),
    language: documentFields.language.nullable(),
  })
  .partial()
  .strict()
  .meta({ id: 'UpdateDocument' });

export const documentListQuerySchema = paginationSchema.extend({
  q: z.string().trim().min(1).max(200).optional(),
  outlet: nameSchema(300).optional(),
  from: isoDateSchema.optional(),
  to: isoDateSchema.optional(),
});

export type StoredDocument = z.infer<typeof documentSchema>;
export type CreateDocument = z.infer<typeof createDocumentSchema>;
export type DocumentListQuery = z.infer<typeof documentListQuerySchema>;

import { z } from 'zod';
import { reviewableFields } from './provenance-schema';
import { nameSchema, paginationSchema, reviewStatusSchema, slugIdSchema, textSchema } from './common-schema';

export const actorKindSchema = z.enum([
  'state',
  'government',
  'agency',
  'military',
  'legislature',
  'official',
  'person',
  'organization',
  'international_organization',
  'ngo',
  'party',
  'criminal_group',
  'expert',
  'academic_institution',
  'media',
  'other',
]);

const actorFields = {
  name: nameSchema(300),
  aliases: z.array(nameSchema(300)).max(100).default([]),
  kind: actorKindSchema,
  country: z
    .string()
    .regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as "MX"')
    .optional(),
  description: textSchema(5000).optional(),
  /** Set on actors proposed by extraction; absent means accepted. */
  ...reviewableFields,
};

export const actorSchema = z
  .object({ id: slugIdSchema, ...actorFields })
  .strict()
  .meta({ id: 'Actor' });

export const createActorSchema = z
  .object({ id: slugIdSchema.optional(), ...actorFields })
  .strict()
  .meta({ id: 'CreateActor' });

export const updateActorSchema = z
  .object({
    name: actorFields.name,
    aliases: z.array(nameSchema(300)).max(100),
    kind: actorKindSchema,
    country: actorFields.country.nullable(),
    description: actorFields.description.nullable(),
  })
  .partial()
  .strict()
  .meta({ id: 'UpdateActor' });

export const actorListQuerySchema = paginationSchema.extend({
  q: z.string().trim().min(1).max(200).optional(),
  kind: actorKindSchema.optional(),
  country: actorFields.country,
  /** Hand-entered actors (no review status) count as accepted. */
  reviewStatus: reviewStatusSchema.optional(),
});

export type Actor = z.infer<typeof actorSchema>;
export type ActorKind = z.infer<typeof actorKindSchema>;
export type CreateActor = z.infer<typeof createActorSchema>;
export type ActorListQuery = z.infer<typeof actorListQuerySchema>;

import { z } from 'zod';
import { reviewableFields } from './provenance-schema';
import {
  isoDateSchema,
  nameSchema,
  paginationSchema,
  reviewStatusSchema,
  slugIdSchema,
} from './common-schema';

const affiliationFields = {
  memberId: slugIdSchema,
  organizationId: slugIdSchema,
  role: nameSchema(300).optional(),
  from: isoDateSchema.optional(),
  to: isoDateSchema.optional(),
  /** Set on affiliations proposed by extraction ("Defense Secretary Pete Hegseth"); absent means accepted. */
  ...reviewableFields,
};

const consistent = <
  T extends { memberId?: string; organizationId?: string; from?: string | null; to?: string | null },
>(
  a: T,
) => a.memberId === undefined || a.memberId !== a.organizationId;
const periodInOrder = <T extends { from?: string | null; to?: string | null }>(a: T) =>
  !a.from || !a.to || a.from <= a.to;

export const affiliationSchema = z
  .object({ id: slugIdSchema, ...affiliationFields })
  .strict()
  .refine(consistent, { message: 'an actor cannot be a member of itself', path: ['organizationId'] })
  .refine(periodInOrder, { message: 'from must not be after to', path: ['from'] })
  .meta({ id: 'Affiliation' });

export const createAffiliationSchema = z
  .object({ id: slugIdSchema.optional(), ...affiliationFields })
  .strict()
  .refine(consistent, { message: 'an actor cannot be a member of itself', path: ['organizationId'] })
  .refine(periodInOrder, { message: 'from must not be after to', path: ['from'] })
  .meta({ id: 'CreateAffiliation' });

export const updateAffiliationSchema = z
  .object({
    role: affiliationFields.role.nullable(),
    from: isoDateSchema.nullable(),
    to: isoDateSchema.nullable(),
  })
  .partial()
  .strict()
  .meta({ id: 'UpdateAffiliation' });

export const affiliationListQuerySchema = paginationSchema.extend({
  memberId: slugIdSchema.optional(),
  organizationId: slugIdSchema.optional(),
  /** Hand-entered affiliations (no review status) count as accepted. */
  reviewStatus: reviewStatusSchema.optional(),
});

export type Affiliation = z.infer<typeof affiliationSchema>;
export type CreateAffiliation = z.infer<typeof createAffiliationSchema>;
export type AffiliationListQuery = z.infer<typeof affiliationListQuerySchema>;

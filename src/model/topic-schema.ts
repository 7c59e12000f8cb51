import { z } from 'zod';
import { reviewableFields } from './provenance-schema';
import { nameSchema, paginationSchema, reviewStatusSchema, slugIdSchema, textSchema } from './common-schema';

const topicFields = {
  /** A proposition one can support or oppose, e.g. "US drone strikes on cartels in Mexico". */
  title: nameSchema(500),
  description: textSchema(5000).optional(),
  parentId: slugIdSchema.optional(),
  /** Set on topics proposed by extraction; absent means accepted. */
  ...reviewableFields,
};

export const topicSchema = z
  .object({ id: slugIdSchema, ...topicFields })
  .strict()
  .meta({ id: 'Topic' });

export const createTopicSchema = z
  .object({ id: slugIdSchema.optional(), ...topicFields })
  .strict()
  .meta({ id: 'CreateTopic' });

export const updateTopicSchema = z
  .object({
    title: topicFields.title,
    description: topicFields.description.nullable(),
    parentId: topicFields.parentId.nullable(),
  })
  .partial()
  .strict()
  .meta({ id: 'UpdateTopic' });

export const topicListQuerySchema = paginationSchema.extend({
  q: z.string().trim().min(1).max(200).optional(),
  parentId: slugIdSchema.optional(),
  /** Hand-entered topics (no review status) count as accepted. */
  reviewStatus: reviewStatusSchema.optional(),
});

export type Topic = z.infer<typeof topicSchema>;
export type CreateTopic = z.infer<typeof createTopicSchema>;
export type TopicListQuery = z.infer<typeof topicListQuerySchema>;

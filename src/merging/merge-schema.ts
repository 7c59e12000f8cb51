import { z } from 'zod';
import { actorSchema } from '../model/actor-schema';
import { nameSchema, slugIdSchema, textSchema } from '../model/common-schema';
import { historyEventSchema, reviewerFieldSchema } from '../model/history-schema';
import { topicSchema } from '../model/topic-schema';

const reasonField = textSchema(2000).min(1).optional().meta({ description: 'why: kept in the history' });
const idList = z.array(z.string().min(1).max(200)).max(10_000);

export const mergeRequestSchema = z
  .object({
    from: z
      .string()
      .min(1)
      .max(200)
      .meta({ description: 'the record merged into the one in the path, and then removed' }),
    reason: reasonField,
    reviewer: reviewerFieldSchema.optional(),
  })
  .strict()
  .meta({ id: 'MergeRequest' });

export const splitRequestSchema = z
  .object({
    alias: nameSchema(300).meta({ description: 'one of the actor’s aliases: the name of the new actor' }),
    newId: slugIdSchema.optional().meta({ description: 'the new actor’s id; from the alias when absent' }),
    statements: idList.optional().meta({ description: 'statements of the actor that move to the new one' }),
    relations: idList.optional().meta({ description: 'relations of the actor that move to the new one' }),
    affiliations: idList
      .optional()
      .meta({ description: 'affiliations of the actor that move to the new one' }),
    reason: reasonField,
    reviewer: reviewerFieldSchema.optional(),
  })
  .strict()
  .meta({ id: 'SplitRequest' });

/** The ids of the records that now refer to the other record. */
const movedActorRecords = z.object({ statements: idList, relations: idList, affiliations: idList });

export const actorMergeResultSchema = z
  .object({
    actor: actorSchema,
    moved: movedActorRecords,
    /** The events appended: the merged actor's, each moved record's, and the removed actor's. */
    history: z.array(historyEventSchema),
  })
  .meta({ id: 'ActorMergeResult' });

export const topicMergeResultSchema = z
  .object({
    topic: topicSchema,
    moved: z.object({ statements: idList, relations: idList, topics: idList }),
    history: z.array(historyEventSchema),
  })
  .meta({ id: 'TopicMergeResult' });

export const actorSplitResultSchema = z
  .object({
    actor: actorSchema.meta({ description: 'the new actor' }),
    source: actorSchema.meta({ description: 'the actor the alias was split off' }),
    moved: movedActorRecords,
    history: z.array(historyEventSchema),
  })
  .meta({ id: 'ActorSplitResult' });

export type MergeRequest = z.infer<typeof mergeRequestSchema>;
export type SplitRequest = z.infer<typeof splitRequestSchema>;
export type ActorMergeResult = z.infer<typeof actorMergeResultSchema>;
export type TopicMergeResult = z.infer<typeof topicMergeResultSchema>;
export type ActorSplitResult = z.infer<typeof actorSplitResultSchema>;

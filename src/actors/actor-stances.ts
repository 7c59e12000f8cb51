/**
 * actors/: an actor's statements over time, topic by topic. Uses model, store and entities.
 */
import { z } from 'zod';
import { getEntity } from '../entities/entity-service';
import { titlesOf } from '../entities/entity-refs';
import { windowOf } from '../model/common-schema';
import { topicRefSchema } from '../model/ref-schema';
import {
  reviewStatusSchema,
  withTimeWindow,
  type ReviewStatus,
  type TimeWindow,
} from '../model/common-schema';
import { statedAtKey, statementSchema, type Statement } from '../model/statement-schema';
import type { GraphStore } from '../store/graph-store';
import { actorSchema } from '../model/actor-schema';

export const actorStancesQuerySchema = withTimeWindow({
  reviewStatus: reviewStatusSchema.default('accepted'),
});

export const actorStancesResponseSchema = z
  .object({
    actor: actorSchema,
    topics: z.array(
      z.object({
        topic: topicRefSchema,
        current: statementSchema
          .nullable()
          .meta({ description: 'the latest accepted statement in the window' }),
        statements: z.array(statementSchema).meta({ description: 'oldest first' }),
      }),
    ),
  })
  .meta({ id: 'ActorStancesResponse' });

const PAGE = 500;

/** The actor's statements over time, per topic, oldest first, with its current stance on each. */
export async function actorStances(
  store: GraphStore,
  actorId: string,
  query: TimeWindow & { reviewStatus: ReviewStatus },
) {
  const actor = await getEntity(store, 'actors', actorId);
  const statements: Statement[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await store.list('statements', {
      actorId,
      reviewStatus: query.reviewStatus,
      from: query.from,
      to: query.to,
      limit: PAGE,
      offset,
    });
    statements.push(...page.items);
    if (offset + PAGE >= page.total) break;
  }
  const current = await store.currentStances({ actorId, window: windowOf(query) });
  const currentByTopic = new Map(current.map((s) => [s.topicId, s]));
  const titles = await titlesOf(
    store,
    statements.map((s) => s.topicId),
  );
  const byTopic = new Map<string, Statement[]>();
  for (const statement of statements)
    byTopic.set(statement.topicId, [...(byTopic.get(statement.topicId) ?? []), statement]);
  const topics = [...byTopic.entries()]
    .map(([topicId, list]) => ({
      topic: { id: topicId, title: titles.get(topicId) ?? topicId },
      current: currentByTopic.get(topicId) ?? null,
      statements: list.sort(
        (a, b) => statedAtKey(a).localeCompare(statedAtKey(b)) || a.id.localeCompare(b.id),
      ),
    }))
    .sort((a, b) => a.topic.title.localeCompare(b.topic.title));
  return { actor, topics };
}

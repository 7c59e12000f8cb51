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
import { append } from '../shared/multimap';
import type { GraphStore } from '../store/graph-store';
import { actorSchema } from '../model/actor-schema';
import { polaritySchema } from '../model/statement-schema';
import { bearingOn, loadTopicTree, matchSchema, type Match } from '../hierarchy/topic-hierarchy';

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
        implied: z
          .array(z.object({ polarity: polaritySchema, match: matchSchema, statement: statementSchema }))
          .meta({
            description:
              "what the actor's current stances on broader and narrower topics say about this one: entailed (an opposition carried down, a support carried up) or partial",
          }),
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
  const tree = await loadTopicTree(store);
  const implied = new Map<
    string,
    { polarity: Statement['polarity']; kind: Match['kind']; via: string; statement: Statement }[]
  >();
  for (const statement of current) {
    for (const topicId of tree.around(statement.topicId)) {
      const bearing = bearingOn(tree, statement, topicId);
      if (!bearing || bearing.via === undefined) continue;
      append(implied, topicId, { ...bearing, via: bearing.via, statement });
    }
  }
  const byTopic = new Map<string, Statement[]>([...implied.keys()].map((id) => [id, []]));
  for (const statement of statements) append(byTopic, statement.topicId, statement);
  const titles = await titlesOf(store, [...byTopic.keys()]);
  const ref = (id: string) => ({ id, title: titles.get(id) ?? id });
  const topics = [...byTopic.entries()]
    .map(([topicId, list]) => ({
      topic: ref(topicId),
      current: currentByTopic.get(topicId) ?? null,
      statements: list.sort(
        (a, b) => statedAtKey(a).localeCompare(statedAtKey(b)) || a.id.localeCompare(b.id),
      ),
      implied: (implied.get(topicId) ?? []).map(({ polarity, kind, via, statement }) => ({
        polarity,
        match: { kind, via: ref(via) },
        statement,
      })),
    }))
    .sort((a, b) => a.topic.title.localeCompare(b.topic.title));
  return { actor, topics };
}

/**
 * topics/: who takes which side on a topic, with the quotes. Uses model, store and entities.
 */
import { z } from 'zod';
import { getEntity } from '../entities/entity-service';
import { actorRefs } from '../entities/entity-refs';
import { windowOf } from '../model/common-schema';
import { actorRefSchema } from '../model/ref-schema';
import type { TimeWindow } from '../model/common-schema';
import { polaritySchema, statementSchema, type Polarity } from '../model/statement-schema';
import type { GraphStore } from '../store/graph-store';
import { topicSchema } from '../model/topic-schema';

const positionSchema = z
  .object({ actor: actorRefSchema, statement: statementSchema })
  .meta({ id: 'Position' });

export const positionsResponseSchema = z
  .object({
    topic: topicSchema,
    counts: z.record(polaritySchema, z.number().int()),
    positions: z.record(polaritySchema, z.array(positionSchema)),
  })
  .meta({ id: 'PositionsResponse' });

const POLARITIES: Polarity[] = ['support', 'oppose', 'neutral', 'mixed'];

/** Actors grouped by their current stance on the topic (their latest accepted statement in the window). */
export async function topicPositions(store: GraphStore, topicId: string, window: TimeWindow) {
  const topic = await getEntity(store, 'topics', topicId);
  const stances = await store.currentStances({ topicId, window: windowOf(window) });
  const refs = await actorRefs(
    store,
    stances.map((s) => s.actorId),
  );
  const positions = Object.fromEntries(
    POLARITIES.map((p) => [p, [] as z.infer<typeof positionSchema>[]]),
  ) as Record<Polarity, z.infer<typeof positionSchema>[]>;
  for (const statement of stances)
    positions[statement.polarity].push({ actor: refs.get(statement.actorId)!, statement });
  for (const group of Object.values(positions))
    group.sort((a, b) => a.actor.name.localeCompare(b.actor.name));
  const counts = Object.fromEntries(POLARITIES.map((p) => [p, positions[p].length])) as Record<
    Polarity,
    number
  >;
  return { topic, counts, positions };
}

/**
 * topics/: who takes which side on a topic, with the quotes. Uses model, store and entities.
 */
import { z } from 'zod';
import { getEntity } from '../entities/entity-service';
import { actorRefs } from '../entities/entity-refs';
import { windowOf } from '../model/common-schema';
import { actorRefSchema } from '../model/ref-schema';
import type { TimeWindow } from '../model/common-schema';
import { polaritySchema, statedAtKey, statementSchema, type Polarity } from '../model/statement-schema';
import type { GraphStore } from '../store/graph-store';
import { topicSchema } from '../model/topic-schema';
import { withTimeWindow } from '../model/common-schema';
import { titlesOf } from '../entities/entity-refs';
import {
  allowedBy,
  bearingOn,
  compareMatch,
  loadTopicTree,
  matchFilterSchema,
  matchSchema,
  stancesAround,
  type MatchFilter,
  type MatchKind,
} from '../hierarchy/topic-hierarchy';

const positionSchema = z
  .object({
    actor: actorRefSchema,
    statement: statementSchema.meta({ description: 'the current stance the position rests on' }),
    match: matchSchema,
  })
  .meta({ id: 'Position' });

export const positionsQuerySchema = withTimeWindow({ match: matchFilterSchema });

export const positionsResponseSchema = z
  .object({
    topic: topicSchema,
    counts: z.record(polaritySchema, z.number().int()),
    positions: z.record(polaritySchema, z.array(positionSchema)),
  })
  .meta({ id: 'PositionsResponse' });

const POLARITIES: Polarity[] = ['support', 'oppose', 'neutral', 'mixed'];

interface Candidate {
  statement: z.infer<typeof statementSchema>;
  polarity: Polarity;
  kind: MatchKind;
  via?: string;
  distance: number;
}

/**
 * Actors grouped by their position on the topic, read through the topic tree: a current stance (latest
 * accepted statement in the window) on the topic itself, else one a stance on a broader or narrower topic
 * entails, else one it bears on partially. Each actor appears once, with its best-matched position (direct
 * before entailed before partial, the nearest topic first, then the latest statement).
 */
export async function topicPositions(
  store: GraphStore,
  topicId: string,
  query: TimeWindow & { match?: MatchFilter },
) {
  const topic = await getEntity(store, 'topics', topicId);
  const tree = await loadTopicTree(store);
  const stances = await stancesAround(store, tree, [topicId], windowOf(query));
  const best = new Map<string, Candidate>();
  for (const statement of stances) {
    const bearing = bearingOn(tree, statement, topicId);
    if (!bearing || !allowedBy(query.match ?? 'all', bearing.kind)) continue;
    const candidate = { statement, ...bearing, distance: tree.distance(statement.topicId, topicId) };
    const known = best.get(statement.actorId);
    if (!known || better(candidate, known)) best.set(statement.actorId, candidate);
  }
  const chosen = [...best.values()];
  const refs = await actorRefs(
    store,
    chosen.map((c) => c.statement.actorId),
  );
  const titles = await titlesOf(
    store,
    chosen.map((c) => c.via),
  );
  const positions = Object.fromEntries(
    POLARITIES.map((p) => [p, [] as z.infer<typeof positionSchema>[]]),
  ) as Record<Polarity, z.infer<typeof positionSchema>[]>;
  for (const { statement, polarity, kind, via } of chosen)
    positions[polarity].push({
      actor: refs.get(statement.actorId)!,
      statement,
      match: via === undefined ? { kind } : { kind, via: { id: via, title: titles.get(via) ?? via } },
    });
  for (const group of Object.values(positions))
    group.sort((a, b) => a.actor.name.localeCompare(b.actor.name));
  const counts = Object.fromEntries(POLARITIES.map((p) => [p, positions[p].length])) as Record<
    Polarity,
    number
  >;
  return { topic, counts, positions };
}

function better(a: Candidate, b: Candidate): boolean {
  return (
    (compareMatch(a.kind, b.kind) ||
      a.distance - b.distance ||
      statedAtKey(b.statement).localeCompare(statedAtKey(a.statement)) ||
      b.statement.id.localeCompare(a.statement.id)) < 0
  );
}

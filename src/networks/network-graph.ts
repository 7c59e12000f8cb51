import type Graph from 'graphology';
import type { Actor } from '../model/actor-schema';
import { LimitExceededError } from '../shared/errors';
import { withoutUndefined } from '../shared/objects';
import type { GraphStore } from '../store/graph-store';
import type { AnalyticsLimits } from './stance-projection';

/** Adds the named actors as nodes, in id order so that the same graph always serializes the same way. */
export async function addActors(store: GraphStore, graph: Graph, ids: string[]): Promise<void> {
  const actors: Actor[] = await store.getMany('actors', [...new Set(ids)]);
  for (const actor of actors.sort((a, b) => (a.id < b.id ? -1 : 1))) {
    graph.addNode(actor.id, actorNodeAttributes(actor));
  }
}

export function actorNodeAttributes(actor: Actor) {
  return withoutUndefined({ label: actor.name, kind: actor.kind, country: actor.country });
}

/** Refuses a network with more edges than ANALYTICS_MAX_EDGES before it is built. */
export function checkEdges(count: number, limits: AnalyticsLimits): void {
  if (count > limits.maxEdges) {
    throw new LimitExceededError(
      `stancegraph/network: more than ${limits.maxEdges} edges (ANALYTICS_MAX_EDGES)`,
      'ANALYTICS_MAX_EDGES',
      count,
      limits.maxEdges,
    );
  }
}

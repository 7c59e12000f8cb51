import type Graph from 'graphology';
import { congruenceNetwork } from './congruence-network';
import type { Projection } from './stance-projection';
import type { Normalization } from './projection-schema';
import type { GraphStore } from '../store/graph-store';
import type { TimeWindow } from '../model/common-schema';
import { FRIENDLY_RELATION_TYPES, HOSTILE_RELATION_TYPES } from '../model/relation-vocabulary';

/**
 * The signed net network coalitions run on by default: per pair, the stances they agree on minus those
 * they clash on (the subtract network, read through the topic tree when the projection rolls up), plus the
 * confidence of each friendly relation between them, minus that of each hostile one. At the organization
 * level only the stances count, since a relation is between the actors who took part in it.
 */
export async function netNetwork(
  store: GraphStore,
  projection: Projection,
  query: { normalization: Normalization; level: string; window: TimeWindow; topic?: string },
  maxEdges: number,
): Promise<Graph> {
  const graph = congruenceNetwork(projection, 'subtract', query.normalization, maxEdges);
  if (query.level !== 'individuals') return graph;
  const relations = await store.relations({
    types: [...FRIENDLY_RELATION_TYPES, ...HOSTILE_RELATION_TYPES],
    topicId: query.topic,
    window: query.window,
  });
  for (const relation of relations) {
    const [a, b] = [relation.sourceId, relation.targetId].sort() as [string, string];
    if (a === b) continue;
    const sign = FRIENDLY_RELATION_TYPES.includes(relation.type) ? 1 : -1;
    for (const id of [a, b]) {
      if (!graph.hasNode(id)) {
        const actor = projection.actors.get(id) ?? (await store.get('actors', id));
        graph.addNode(id, { label: actor?.name ?? id, nodeType: 'actor', kind: actor?.kind, activity: 0 });
      }
    }
    const key = `${a}--${b}`;
    if (!graph.hasEdge(key))
      graph.addUndirectedEdgeWithKey(key, a, b, { derived: true, weight: 0, count: 0 });
    const weight = (graph.getEdgeAttribute(key, 'weight') as number) + sign * relation.confidence;
    graph.mergeEdgeAttributes(key, { weight, tone: weight > 0 ? 'friendly' : 'hostile' });
  }
  return graph;
}

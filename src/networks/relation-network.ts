import type Graph from 'graphology';
import { windowOf } from '../model/common-schema';
import { RELATION_TYPES, toneOf } from '../model/relation-vocabulary';
import { withoutUndefined } from '../shared/objects';
import type { GraphStore } from '../store/graph-store';
import { addActors, checkEdges } from './network-graph';
import type { NetworkQuery } from './network-schema';
import type { AnalyticsLimits } from './stance-projection';

/** The explicit relations between actors, one directed edge per relation record, with its evidence. */
export async function addRelationNetwork(
  store: GraphStore,
  graph: Graph,
  query: NetworkQuery,
  limits: AnalyticsLimits,
): Promise<void> {
  const relations = await store.relations({
    types: query.types ?? RELATION_TYPES,
    topicId: query.topic,
    window: windowOf(query),
  });
  checkEdges(relations.length, limits);
  await addActors(
    store,
    graph,
    relations.flatMap((r) => [r.sourceId, r.targetId]),
  );
  for (const r of relations) {
    graph.addDirectedEdgeWithKey(
      r.id,
      r.sourceId,
      r.targetId,
      withoutUndefined({
        type: r.type,
        tone: toneOf(r.type),
        derived: false,
        topicId: r.topicId,
        date: r.date,
        quote: r.quote,
        sentence: r.evidence?.sentence,
        evidenceStatus: r.evidenceStatus,
        documentId: r.documentId,
        confidence: r.confidence,
        reportedById: r.reportedById,
      }),
    );
  }
}

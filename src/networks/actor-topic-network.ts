import Graph from 'graphology';
import { addActorNodes } from './actor-nodes';
import { withoutUndefined } from '../shared/objects';
import type { Projection } from './stance-projection';

/** The two-mode network: actors and topics are both nodes, an edge is a side taken, with its evidence. */
export function actorTopicNetwork(projection: Projection, topicTitles: Map<string, string>): Graph {
  const graph = new Graph({ type: 'directed', multi: true, allowSelfLoops: false });
  const activity = new Map<string, number>();
  for (const p of projection.positions) activity.set(p.actorId, (activity.get(p.actorId) ?? 0) + 1);
  addActorNodes(graph, projection, new Set(activity.keys()), (id) => activity.get(id) ?? 0);
  for (const topicId of [...new Set(projection.positions.map((p) => p.topicId))].sort()) {
    graph.addNode(`topic:${topicId}`, {
      label: topicTitles.get(topicId) ?? topicId,
      nodeType: 'topic',
      topicId,
    });
  }
  const sorted = projection.positions.flatMap((p) => p.statements.map((s) => ({ p, s })));
  sorted.sort((x, y) => (x.s.id < y.s.id ? -1 : 1));
  for (const { p, s } of sorted) {
    graph.addDirectedEdgeWithKey(
      s.id,
      p.actorId,
      `topic:${p.topicId}`,
      withoutUndefined({
        type: s.polarity,
        tone: s.polarity === 'support' ? 'friendly' : s.polarity === 'oppose' ? 'hostile' : 'neutral',
        derived: false,
        polarity: s.polarity,
        intensity: s.intensity,
        date: s.statedAt,
        quote: s.quote,
        sentence: s.evidence?.sentence,
        evidenceStatus: s.evidenceStatus,
        documentId: s.documentId,
        confidence: s.confidence,
        speakerId: s.actorId === p.actorId ? undefined : s.actorId,
        aboutId: s.aboutId,
        reportedById: s.reportedById,
      }),
    );
  }
  return graph;
}

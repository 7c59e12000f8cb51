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
  sorted.sort((x, y) => (x.s.id < y.s.id ? -1 : x.s.id > y.s.id ? 1 : x.p.topicId < y.p.topicId ? -1 : 1));
  // Rolled up, one statement bears on its own topic and, carried through the tree, on broader or narrower
  // ones: an edge to each, keyed by statement and topic. Otherwise an edge is keyed by its statement.
  const uses = new Map<string, number>();
  for (const { s } of sorted) uses.set(s.id, (uses.get(s.id) ?? 0) + 1);
  for (const { p, s } of sorted) {
    graph.addDirectedEdgeWithKey(
      uses.get(s.id)! > 1 ? `${s.id}@${p.topicId}` : s.id,
      p.actorId,
      `topic:${p.topicId}`,
      withoutUndefined({
        statementId: s.id,
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

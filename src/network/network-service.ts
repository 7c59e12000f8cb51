import Graph from 'graphology';
import type { Actor } from '../actors/actor-schema';
import {
  FRIENDLY_RELATION_TYPES,
  HOSTILE_RELATION_TYPES,
  RELATION_TYPES,
  type RelationType,
} from '../relations/relation-schema';
import { windowOf, withoutUndefined } from '../relationships/relationship-service';
import type { GraphStore, StancePair } from '../store/graph-store';
import type { NetworkKind, NetworkQuery } from './network-schema';

export type Tone = 'hostile' | 'friendly' | 'neutral';

export function toneOf(type: RelationType): Tone {
  if (HOSTILE_RELATION_TYPES.includes(type)) return 'hostile';
  if (FRIENDLY_RELATION_TYPES.includes(type)) return 'friendly';
  return 'neutral';
}

/** The network of one kind as a graphology graph: actors are nodes, edges carry their evidence. */
export async function buildNetwork(store: GraphStore, query: NetworkQuery): Promise<Graph> {
  const window = windowOf(query);
  const graph = newGraph(query.kind);
  graph.replaceAttributes(
    withoutUndefined({ kind: query.kind, topic: query.topic, from: query.from, to: query.to }),
  );
  switch (query.kind) {
    case 'relations': {
      const relations = await store.relations({
        types: query.types ?? RELATION_TYPES,
        topicId: query.topic,
        window,
      });
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
            documentId: r.documentId,
            confidence: r.confidence,
          }),
        );
      }
      break;
    }
    case 'agreement':
    case 'conflict': {
      const agreement = query.kind === 'agreement' ? 'same' : 'opposite';
      const pairs = await store.stancePairs({ agreement, topicId: query.topic, window });
      await addActors(
        store,
        graph,
        pairs.flatMap((p) => [p.first.actorId, p.second.actorId]),
      );
      addStanceEdges(graph, pairs, query.kind === 'agreement' ? 'friendly' : 'hostile');
      break;
    }
    case 'actor-topic': {
      // Two-mode: actors and topics are both nodes; an edge is an actor's current stance on a topic.
      const stances = await store.currentStances({ topicId: query.topic, window });
      await addActors(
        store,
        graph,
        stances.map((s) => s.actorId),
      );
      const topics = await store.getMany('topics', [...new Set(stances.map((s) => s.topicId))]);
      for (const topic of topics)
        graph.addNode(`topic:${topic.id}`, { label: topic.title, nodeType: 'topic', topicId: topic.id });
      for (const s of stances) {
        graph.addDirectedEdgeWithKey(
          s.id,
          s.actorId,
          `topic:${s.topicId}`,
          withoutUndefined({
            type: s.polarity,
            tone: s.polarity === 'support' ? 'friendly' : s.polarity === 'oppose' ? 'hostile' : 'neutral',
            derived: false,
            polarity: s.polarity,
            intensity: s.intensity,
            date: s.statedAt,
            quote: s.quote,
            sentence: s.evidence?.sentence,
            documentId: s.documentId,
            confidence: s.confidence,
          }),
        );
      }
      break;
    }
    case 'affiliation': {
      const affiliations = [];
      for await (const batch of store.readAll('affiliations', 1000)) affiliations.push(...batch);
      await addActors(
        store,
        graph,
        affiliations.flatMap((a) => [a.memberId, a.organizationId]),
      );
      for (const a of affiliations) {
        graph.addDirectedEdgeWithKey(
          a.id,
          a.memberId,
          a.organizationId,
          withoutUndefined({
            type: 'member_of',
            tone: 'neutral',
            derived: false,
            role: a.role,
            from: a.from,
            to: a.to,
          }),
        );
      }
      break;
    }
  }
  return graph;
}

function newGraph(kind: NetworkKind): Graph {
  const derived = kind === 'agreement' || kind === 'conflict';
  return new Graph({ type: derived ? 'undirected' : 'directed', multi: !derived, allowSelfLoops: false });
}

async function addActors(store: GraphStore, graph: Graph, ids: string[]): Promise<void> {
  const actors: Actor[] = await store.getMany('actors', [...new Set(ids)]);
  for (const actor of actors.sort((a, b) => (a.id < b.id ? -1 : 1))) {
    graph.addNode(
      actor.id,
      withoutUndefined({ label: actor.name, kind: actor.kind, country: actor.country }),
    );
  }
}

/** One edge per actor pair, weighted by the number of topics on which they agree (or clash). */
function addStanceEdges(graph: Graph, pairs: StancePair[], tone: Tone): void {
  for (const { topicId, first, second } of pairs) {
    const [a, b] = first.actorId < second.actorId ? [first, second] : [second, first];
    const key = `${a.actorId}--${b.actorId}`;
    if (!graph.hasEdge(key)) {
      graph.addUndirectedEdgeWithKey(key, a.actorId, b.actorId, {
        tone,
        derived: true,
        weight: 0,
        topics: [],
        statements: [],
      });
    }
    graph.updateEdgeAttributes(key, (attributes) => ({
      ...attributes,
      weight: (attributes.weight as number) + 1,
      topics: [...(attributes.topics as string[]), topicId],
      statements: [...(attributes.statements as string[]), a.id, b.id],
    }));
  }
}

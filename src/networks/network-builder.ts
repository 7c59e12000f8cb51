import Graph from 'graphology';
import type { Actor } from '../model/actor-schema';
import {
  FRIENDLY_RELATION_TYPES,
  HOSTILE_RELATION_TYPES,
  RELATION_TYPES,
  type RelationType,
} from '../model/relation-schema';
import { windowOf, withoutUndefined } from '../counterparts/counterpart-service';
import { projectionFor } from '../measures/measure-service';
import { actorTopicNetwork, congruenceNetwork } from './congruence-network';
import { checkNodes, type AnalyticsLimits, type Projection } from './stance-projection';
import { LimitExceededError, NotFoundError } from '../shared/errors';
import type { GraphStore } from '../store/graph-store';
import { egoNetwork } from './ego-network';
import type { NetworkKind, NetworkQuery } from './network-schema';
import { acceptedAffiliations } from '../model/affiliation-builder';

export type Tone = 'hostile' | 'friendly' | 'neutral';

export function toneOf(type: RelationType): Tone {
  if (HOSTILE_RELATION_TYPES.includes(type)) return 'hostile';
  if (FRIENDLY_RELATION_TYPES.includes(type)) return 'friendly';
  return 'neutral';
}

/** The network of one kind as a graphology graph: actors are nodes, edges carry their evidence. */
export async function buildNetwork(
  store: GraphStore,
  query: NetworkQuery,
  limits: AnalyticsLimits,
): Promise<Graph> {
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
            documentId: r.documentId,
            confidence: r.confidence,
          }),
        );
      }
      break;
    }
    case 'agreement':
    case 'conflict':
    case 'subtract':
    case 'actor-topic': {
      const projection = await projectionFor(store, query, limits);
      const derived =
        query.kind === 'actor-topic'
          ? actorTopicNetwork(projection, await topicTitles(store, projection))
          : congruenceNetwork(projection, query.kind, query.normalization, limits.maxEdges);
      graph.import(derived);
      break;
    }
    case 'affiliation': {
      const affiliations = [];
      for await (const batch of acceptedAffiliations(store, 1000)) {
        affiliations.push(...batch);
        checkEdges(affiliations.length, limits);
      }
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
  checkNodes(graph.order, limits);
  if (!query.ego) return graph;
  if (!graph.hasNode(query.ego)) {
    const ego = await store.get('actors', query.ego);
    if (!ego) throw new NotFoundError('actor', query.ego);
    graph.addNode(ego.id, withoutUndefined({ label: ego.name, kind: ego.kind, country: ego.country }));
  }
  return egoNetwork(graph, query.ego, query.depth, query.fanout);
}

function newGraph(kind: NetworkKind): Graph {
  const derived = kind === 'agreement' || kind === 'conflict' || kind === 'subtract';
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

function checkEdges(count: number, limits: AnalyticsLimits): void {
  if (count > limits.maxEdges) {
    throw new LimitExceededError(
      `stancegraph/network: more than ${limits.maxEdges} edges (ANALYTICS_MAX_EDGES)`,
      'ANALYTICS_MAX_EDGES',
      count,
      limits.maxEdges,
    );
  }
}

async function topicTitles(store: GraphStore, projection: Projection): Promise<Map<string, string>> {
  const ids = [...new Set(projection.positions.map((p) => p.topicId))];
  return new Map((await store.getMany('topics', ids)).map((t) => [t.id, t.title]));
}

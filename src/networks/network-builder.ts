/**
 * networks/: the stance network as a graphology graph, one file per kind (relations, affiliation, the
 * agreement/conflict/subtract discourse networks, actor-topic) and the stance projection they are derived
 * from. Uses model, store and entities; used by measures, exports and the API.
 */
import Graph from 'graphology';
import { titlesOf } from '../entities/entity-refs';
import { NotFoundError } from '../shared/errors';
import { withoutUndefined } from '../shared/objects';
import type { GraphStore } from '../store/graph-store';
import { actorTopicNetwork } from './actor-topic-network';
import { addAffiliationNetwork } from './affiliation-network';
import { congruenceNetwork } from './congruence-network';
import { egoNetwork } from './ego-network';
import { actorNodeAttributes } from './network-graph';
import type { NetworkKind, NetworkQuery } from './network-schema';
import { addRelationNetwork } from './relation-network';
import { checkNodes, projectionFor, type AnalyticsLimits } from './stance-projection';

type NetworkFiller = (
  store: GraphStore,
  graph: Graph,
  query: NetworkQuery,
  limits: AnalyticsLimits,
) => Promise<void>;

/** The discourse networks derived from the actors' current stances: agreement, conflict, subtract. */
const congruence: NetworkFiller = async (store, graph, query, limits) => {
  const projection = await projectionFor(store, query, limits);
  const kind = query.kind as 'agreement' | 'conflict' | 'subtract';
  graph.import(congruenceNetwork(projection, kind, query.normalization, limits.maxEdges));
};

/** How each kind of network is filled; every kind has its own file. */
const FILLERS: Record<NetworkKind, NetworkFiller> = {
  relations: addRelationNetwork,
  affiliation: (store, graph, _query, limits) => addAffiliationNetwork(store, graph, limits),
  agreement: congruence,
  conflict: congruence,
  subtract: congruence,
  'actor-topic': async (store, graph, query, limits) => {
    const projection = await projectionFor(store, query, limits);
    const titles = await titlesOf(
      store,
      projection.positions.map((p) => p.topicId),
    );
    graph.import(actorTopicNetwork(projection, titles));
  },
};

/** The network of one kind as a graphology graph: actors are nodes, edges carry their evidence. */
export async function buildNetwork(
  store: GraphStore,
  query: NetworkQuery,
  limits: AnalyticsLimits,
): Promise<Graph> {
  const graph = newGraph(query.kind);
  graph.replaceAttributes(
    withoutUndefined({ kind: query.kind, topic: query.topic, from: query.from, to: query.to }),
  );
  await FILLERS[query.kind](store, graph, query, limits);
  checkNodes(graph.order, limits);
  if (!query.ego) return graph;
  if (!graph.hasNode(query.ego)) {
    const ego = await store.get('actors', query.ego);
    if (!ego) throw new NotFoundError('actor', query.ego);
    graph.addNode(ego.id, actorNodeAttributes(ego));
  }
  return egoNetwork(graph, query.ego, query.depth, query.fanout);
}

function newGraph(kind: NetworkKind): Graph {
  const derived = kind === 'agreement' || kind === 'conflict' || kind === 'subtract';
  return new Graph({ type: derived ? 'undirected' : 'directed', multi: !derived, allowSelfLoops: false });
}

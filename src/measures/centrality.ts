import type Graph from 'graphology';
import betweennessCentrality from 'graphology-metrics/centrality/betweenness';
import pagerank from 'graphology-metrics/centrality/pagerank';

interface CentralityRow {
  id: string;
  degree: number;
  weightedDegree: number;
  betweenness: number;
  pagerank: number;
}

/**
 * Degree, weighted degree, betweenness and PageRank of every actor. Betweenness counts hops, not weights:
 * an agreement weight is a strength, and reading it as a distance would make strong allies far apart.
 */
export function centrality(graph: Graph): CentralityRow[] {
  const between =
    graph.size > 0 ? betweennessCentrality(graph, { getEdgeWeight: null, normalized: true }) : {};
  const endorsements = positiveTies(graph);
  const rank = endorsements.size > 0 ? pagerank(endorsements, { getEdgeWeight: 'weight' }) : {};
  return graph
    .mapNodes((id) => ({
      id,
      degree: graph.degree(id),
      weightedDegree: graph.reduceEdges(id, (sum, _e, a) => sum + (a.weight as number), 0),
      betweenness: between[id] ?? 0,
      pagerank: rank[id] ?? (graph.order > 0 ? 1 / graph.order : 0),
    }))
    .sort((a, b) => b.weightedDegree - a.weightedDegree || b.degree - a.degree || (a.id < b.id ? -1 : 1));
}

/**
 * The ties PageRank walks: those of positive weight only (a clash in a signed network is no endorsement).
 * They are left out rather than weighted zero: graphology's PageRank divides each weight by the node's
 * weighted out-degree, so a node whose every tie weighs zero or less gave 0 / 0 = NaN and the ranking
 * never converged (a 500 on the net network). Left out, such a node is dangling, as PageRank intends.
 */
function positiveTies(graph: Graph): Graph {
  const ties = graph.emptyCopy();
  graph.forEachEdge((key, attributes, source, target) => {
    if ((attributes.weight as number) > 0) ties.addEdgeWithKey(key, source, target, attributes);
  });
  return ties;
}

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
  const positive = (w: unknown) => Math.max(0, w as number);
  const between =
    graph.size > 0 ? betweennessCentrality(graph, { getEdgeWeight: null, normalized: true }) : {};
  const rank = graph.size > 0 ? pagerank(graph, { getEdgeWeight: (_e, a) => positive(a.weight) }) : {};
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

import type Graph from 'graphology';
import betweennessCentrality from 'graphology-metrics/centrality/betweenness';
import type { Coalitions } from './coalitions';

interface BridgeRow {
  id: string;
  coalition: number;
  coalitionsReached: number;
  participation: number;
  betweenness: number;
}

/**
 * Actors whose agreement ties reach into more than one coalition, ranked by the participation coefficient
 * P = 1 - sum over coalitions c of (k_c / k)^2, k being the actor's weighted degree (Guimerà & Amaral).
 */
export function bridgingActors(graph: Graph, coalitions: Coalitions): BridgeRow[] {
  const between =
    graph.size > 0 ? betweennessCentrality(graph, { getEdgeWeight: null, normalized: true }) : {};
  const rows: BridgeRow[] = [];
  graph.forEachNode((id) => {
    const byCoalition = new Map<number, number>();
    let total = 0;
    graph.forEachEdge(id, (_e, attributes, source, target) => {
      const weight = attributes.weight as number;
      if (weight <= 0) return;
      const other = source === id ? target : source;
      const c = coalitions.membership.get(other)!;
      byCoalition.set(c, (byCoalition.get(c) ?? 0) + weight);
      total += weight;
    });
    if (byCoalition.size < 2) return;
    const participation = 1 - [...byCoalition.values()].reduce((sum, k) => sum + (k / total) ** 2, 0);
    rows.push({
      id,
      coalition: coalitions.membership.get(id)!,
      coalitionsReached: byCoalition.size,
      participation,
      betweenness: between[id] ?? 0,
    });
  });
  return rows.sort(
    (a, b) => b.participation - a.participation || b.betweenness - a.betweenness || (a.id < b.id ? -1 : 1),
  );
}

import type Graph from 'graphology';
import betweennessCentrality from 'graphology-metrics/centrality/betweenness';
import pagerank from 'graphology-metrics/centrality/pagerank';
import type { Statement } from '../model/statement-schema';
import type { Coalitions } from './coalitions';
import type { Position } from '../networks/stance-projection';
import { append } from '../shared/multimap';

export interface CentralityRow {
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

export interface PolarizationRow {
  topicId: string;
  supporters: string[];
  opponents: string[];
  other: number;
  polarization: number;
}

/**
 * How evenly a topic splits its actors: 1 - |s - o| / (s + o) over the actors who support (s) or oppose
 * (o) it; 0 when everyone takes the same side, 1 for an even split. Neutral and mixed stances are counted
 * apart and do not move the index.
 */
export function polarizationByTopic(positions: Position[]): PolarizationRow[] {
  const topics = new Map<string, { support: Set<string>; oppose: Set<string>; other: Set<string> }>();
  for (const p of positions) {
    const t = topics.get(p.topicId) ?? { support: new Set(), oppose: new Set(), other: new Set() };
    (p.polarity === 'support' ? t.support : p.polarity === 'oppose' ? t.oppose : t.other).add(p.actorId);
    topics.set(p.topicId, t);
  }
  return [...topics]
    .map(([topicId, t]) => {
      const s = t.support.size;
      const o = t.oppose.size;
      return {
        topicId,
        supporters: [...t.support].sort(),
        opponents: [...t.oppose].sort(),
        other: t.other.size,
        polarization: s + o === 0 ? 0 : 1 - Math.abs(s - o) / (s + o),
      };
    })
    .sort((a, b) => b.polarization - a.polarization || (a.topicId < b.topicId ? -1 : 1));
}

export interface BridgeRow {
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

export interface StanceChange {
  actorId: string;
  topicId: string;
  before: Statement;
  after: Statement;
}

/**
 * Polarity flips: for each actor and topic, every pair of consecutive sided statements (support or
 * oppose, in date order, ties by id) whose sides differ. Neutral and mixed statements in between do not
 * hide a flip, nor count as one.
 */
export function stanceChanges(statements: Statement[]): StanceChange[] {
  const series = new Map<string, Statement[]>();
  for (const s of statements) {
    if (s.polarity !== 'support' && s.polarity !== 'oppose') continue;
    const key = `${s.actorId}\u0000${s.topicId}`;
    append(series, key, s);
  }
  const changes: StanceChange[] = [];
  for (const list of series.values()) {
    list.sort((a, b) =>
      a.statedAt === b.statedAt ? (a.id < b.id ? -1 : 1) : a.statedAt < b.statedAt ? -1 : 1,
    );
    for (let i = 1; i < list.length; i++) {
      const before = list[i - 1]!;
      const after = list[i]!;
      if (before.polarity !== after.polarity)
        changes.push({ actorId: after.actorId, topicId: after.topicId, before, after });
    }
  }
  return changes.sort(
    (a, b) =>
      (a.after.statedAt < b.after.statedAt ? -1 : a.after.statedAt > b.after.statedAt ? 1 : 0) ||
      (a.actorId < b.actorId ? -1 : a.actorId > b.actorId ? 1 : 0) ||
      (a.topicId < b.topicId ? -1 : 1),
  );
}

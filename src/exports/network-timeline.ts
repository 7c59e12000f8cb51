import type Graph from 'graphology';
import { qualifiedStatements, type AnalyticsLimits } from '../networks/stance-projection';
import { windowOf } from '../model/common-schema';
import { LimitExceededError } from '../shared/errors';
import type { GraphStore } from '../store/graph-store';
import type { NetworkQuery } from '../networks/network-schema';
import { addDays } from '../shared/dates';

/** A closed interval of dates; an open end means "until the end of the data". */
export interface Spell {
  start?: string;
  end?: string;
}

export interface WeightSpell extends Spell {
  value: number;
}

/** When each node and edge exists, and how an edge's weight moves: what Gephi's timeline plays. */
export interface Timeline {
  nodes: Map<string, Spell[]>;
  edges: Map<string, Spell[]>;
  weights: Map<string, WeightSpell[]>;
}

const STANCE_KINDS = new Set(['agreement', 'conflict', 'subtract', 'actor-topic']);

/**
 * The timeline of a network. Stance networks are rebuilt as they stood at each date a statement was made
 * (a window from `from` to that date), so edges appear, change weight and vanish when a stance flips;
 * relations and affiliations carry their own dates.
 */
export async function networkTimeline(
  store: GraphStore,
  query: NetworkQuery,
  graph: Graph,
  build: (query: NetworkQuery) => Promise<Graph>,
  limits: AnalyticsLimits,
): Promise<Timeline> {
  if (!STANCE_KINDS.has(query.kind)) return datedEdgesTimeline(graph);
  const statements = await qualifiedStatements(
    store,
    {
      window: windowOf(query),
      topicId: query.rollup ? undefined : query.topic,
      acceptedOnly: query.acceptedOnly,
      minConfidence: query.minConfidence,
    },
    limits,
  );
  const dates = [...new Set(statements.map((s) => s.statedAt))].sort();
  if (dates.length > limits.maxWindows) {
    throw new LimitExceededError(
      `stancegraph/exports: ${dates.length} statement dates exceed ANALYTICS_MAX_WINDOWS; narrow the window`,
      'ANALYTICS_MAX_WINDOWS',
      dates.length,
      limits.maxWindows,
    );
  }
  const snapshots: Graph[] = [];
  for (const date of dates) snapshots.push(await build({ ...query, to: date }));
  const until = (i: number) => (i + 1 < dates.length ? addDays(dates[i + 1]!, -1) : undefined);

  const timeline: Timeline = { nodes: new Map(), edges: new Map(), weights: new Map() };
  const extend = (spells: Spell[], i: number, previous: boolean) => {
    if (previous) spells[spells.length - 1]!.end = until(i);
    else spells.push({ start: dates[i], end: until(i) });
  };
  graph.forEachNode((node) => {
    const spells: Spell[] = [];
    snapshots.forEach(
      (s, i) => s.hasNode(node) && extend(spells, i, i > 0 && snapshots[i - 1]!.hasNode(node)),
    );
    timeline.nodes.set(node, spells);
  });
  graph.forEachEdge((edge) => {
    const spells: Spell[] = [];
    const weights: WeightSpell[] = [];
    snapshots.forEach((s, i) => {
      if (!s.hasEdge(edge)) return;
      const present = i > 0 && snapshots[i - 1]!.hasEdge(edge);
      extend(spells, i, present);
      const value = s.getEdgeAttribute(edge, 'weight') as number | undefined;
      if (value === undefined) return;
      const last = weights[weights.length - 1];
      if (present && last && last.value === value) last.end = until(i);
      else weights.push({ value, start: dates[i], end: until(i) });
    });
    timeline.edges.set(edge, spells);
    if (weights.length > 0) timeline.weights.set(edge, weights);
  });
  return timeline;
}

/** Relations start on their date; affiliations last from `from` to `to`; a node starts with its first edge. */
function datedEdgesTimeline(graph: Graph): Timeline {
  const timeline: Timeline = { nodes: new Map(), edges: new Map(), weights: new Map() };
  const firstSeen = new Map<string, string>();
  graph.forEachEdge((edge, a, source, target) => {
    const start = (a.date ?? a.from) as string | undefined;
    const end = a.to as string | undefined;
    if (!start && !end) return;
    timeline.edges.set(edge, [{ start, end }]);
    for (const node of [source, target]) {
      const known = firstSeen.get(node);
      if (start && (!known || start < known)) firstSeen.set(node, start);
    }
  });
  for (const [node, start] of firstSeen) timeline.nodes.set(node, [{ start }]);
  return timeline;
}

/**
 * measures/: what is computed on a network, one file per measure (centrality, polarization, bridges,
 * stance changes, coalitions), and the use cases that answer each analytics endpoint. Uses networks.
 */
import type { Actor } from '../model/actor-schema';
import { windowOf } from '../model/common-schema';
import { LimitExceededError } from '../shared/errors';
import type { GraphStore } from '../store/graph-store';
import type { CentralityQuery, CoalitionQuery, EvolutionQuery, StanceChangeQuery } from './measure-schema';
import { buildNetwork } from '../networks/network-builder';
import type { ProjectionQuery } from '../networks/projection-schema';
import { detectCoalitions } from './coalitions';
import { congruenceNetwork } from '../networks/congruence-network';
import { netNetwork } from '../networks/net-network';
import { centrality } from './centrality';
import { stanceChanges } from './stance-changes';
import { bridgingActors } from './bridges';
import { polarizationByTopic } from './polarization';
import {
  projectionFor,
  qualifiedStatements,
  type AnalyticsLimits,
  type Projection,
} from '../networks/stance-projection';
import Graph from 'graphology';
import { addDays } from '../shared/dates';

const ref = (actors: Map<string, Actor>, id: string) => ({ id, name: actors.get(id)?.name ?? id });

/** Coalitions: Louvain communities of the signed net (or agreement, or subtract) network, with their modularity. */
export async function findCoalitions(store: GraphStore, query: CoalitionQuery, limits: AnalyticsLimits) {
  const projection = await projectionFor(store, query, limits);
  const graph = await coalitionNetwork(store, projection, query, limits);
  const { members, modularity } = detectCoalitions(graph, { seed: query.seed, resolution: query.resolution });
  return {
    network: query.network,
    modularity,
    coalitions: members.map((ids, id) => ({
      id,
      size: ids.length,
      actors: ids.map((a) => ref(projection.actors, a)),
    })),
  };
}

/**
 * The network a measure runs on: a discourse network, the net network, or the relation or affiliation
 * network folded into one undirected tie per pair weighted by the number of records, so that Louvain and
 * the centralities read it; its actors join the projection's so every one of them can be named.
 */
async function coalitionNetwork(
  store: GraphStore,
  projection: Projection,
  query: CentralityQuery | CoalitionQuery,
  limits: AnalyticsLimits,
): Promise<Graph> {
  if (query.network === 'net')
    return netNetwork(store, projection, { ...query, window: windowOf(query) }, limits.maxEdges);
  if (query.network !== 'relations' && query.network !== 'affiliation')
    return congruenceNetwork(projection, query.network, query.normalization, limits.maxEdges);
  const records = await buildNetwork(
    store,
    {
      ...query,
      kind: query.network,
      depth: 1,
      fanout: 50,
      types: undefined,
      ego: undefined,
      format: undefined,
    },
    limits,
  );
  const folded = new Graph({ type: 'undirected', multi: false, allowSelfLoops: false });
  records.forEachNode((id, attributes) => folded.addNode(id, attributes));
  records.forEachEdge((_edge, _attributes, source, target) => {
    if (source === target) return;
    const [a, b] = [source, target].sort() as [string, string];
    const key = `${a}--${b}`;
    if (folded.hasEdge(key)) folded.updateEdgeAttribute(key, 'weight', (w) => (w as number) + 1);
    else folded.addUndirectedEdgeWithKey(key, a, b, { weight: 1, count: 1, derived: true });
  });
  const missing = folded.filterNodes((id) => !projection.actors.has(id));
  for (const actor of await store.getMany('actors', missing)) projection.actors.set(actor.id, actor);
  return folded;
}

export async function rankCentrality(store: GraphStore, query: CentralityQuery, limits: AnalyticsLimits) {
  const projection = await projectionFor(store, query, limits);
  const graph = await coalitionNetwork(store, projection, query, limits);
  return {
    network: query.network,
    items: centrality(graph).map((row) => ({ ...ref(projection.actors, row.id), ...row })),
  };
}

export async function measurePolarization(
  store: GraphStore,
  query: ProjectionQuery,
  limits: AnalyticsLimits,
) {
  const projection = await projectionFor(store, query, limits);
  const rows = polarizationByTopic(projection.positions);
  const topics = new Map(
    (
      await store.getMany(
        'topics',
        rows.map((r) => r.topicId),
      )
    ).map((t) => [t.id, t.title]),
  );
  return {
    items: rows.map((row) => ({
      topic: { id: row.topicId, title: topics.get(row.topicId) ?? row.topicId },
      support: row.supporters.length,
      oppose: row.opponents.length,
      other: row.other,
      polarization: row.polarization,
      supporters: row.supporters.map((id) => ref(projection.actors, id)),
      opponents: row.opponents.map((id) => ref(projection.actors, id)),
    })),
  };
}

export async function findBridges(store: GraphStore, query: CoalitionQuery, limits: AnalyticsLimits) {
  const projection = await projectionFor(store, query, limits);
  const graph = await coalitionNetwork(store, projection, query, limits);
  const coalitions = detectCoalitions(graph, { seed: query.seed, resolution: query.resolution });
  return {
    modularity: coalitions.modularity,
    items: bridgingActors(graph, coalitions).map((row) => ({ ...ref(projection.actors, row.id), ...row })),
  };
}

/** Every flip of an actor's side on a topic, with the statement before and the one after as evidence. */
export async function findStanceChanges(
  store: GraphStore,
  query: StanceChangeQuery,
  limits: AnalyticsLimits,
) {
  const statements = await qualifiedStatements(
    store,
    {
      window: windowOf(query),
      actorId: query.actor,
      topicId: query.topic,
      acceptedOnly: query.acceptedOnly,
      minConfidence: query.minConfidence,
    },
    limits,
  );
  const changes = stanceChanges(statements);
  const actors = new Map(
    (
      await store.getMany(
        'actors',
        changes.map((c) => c.actorId),
      )
    ).map((a) => [a.id, a]),
  );
  const topics = new Map(
    (
      await store.getMany(
        'topics',
        changes.map((c) => c.topicId),
      )
    ).map((t) => [t.id, t.title]),
  );
  return {
    items: changes.map((c) => ({
      actor: ref(actors, c.actorId),
      topic: { id: c.topicId, title: topics.get(c.topicId) ?? c.topicId },
      from: c.before.polarity,
      to: c.after.polarity,
      before: c.before,
      after: c.after,
    })),
  };
}

/**
 * The network over moving windows of `windowDays` days, advanced by `stepDays`, from `from` to `to`:
 * size, density, total weight and coalitions of each window, so an analyst sees camps form and dissolve.
 */
export async function traceEvolution(store: GraphStore, query: EvolutionQuery, limits: AnalyticsLimits) {
  const windows = movingWindows(query.from, query.to, query.windowDays, query.stepDays, limits.maxWindows);
  const series = [];
  for (const window of windows) {
    const projection = await projectionFor(store, { ...query, ...window }, limits);
    const graph = congruenceNetwork(projection, query.kind, query.normalization, limits.maxEdges);
    const { members, modularity } = detectCoalitions(graph, { seed: query.seed });
    const n = graph.order;
    series.push({
      from: window.from,
      to: window.to,
      actors: n,
      edges: graph.size,
      density: n < 2 ? 0 : graph.size / ((n * (n - 1)) / 2),
      totalWeight: graph.reduceEdges((sum, _e, a) => sum + (a.weight as number), 0),
      modularity,
      coalitions: members,
    });
  }
  return { kind: query.kind, windows: series };
}

/** Windows [start, start + size - 1] stepping by `step` days; a range shorter than one window is one window. */
function movingWindows(
  from: string,
  to: string,
  sizeDays: number,
  stepDays: number,
  maxWindows: number,
): { from: string; to: string }[] {
  const windows: { from: string; to: string }[] = [];
  for (let start = from; ; start = addDays(start, stepDays)) {
    const end = addDays(start, sizeDays - 1);
    if (end > to) {
      if (windows.length === 0) windows.push({ from, to });
      break;
    }
    windows.push({ from: start, to: end });
    if (windows.length > maxWindows) {
      throw new LimitExceededError(
        `stancegraph/analytics: more than ${maxWindows} windows; widen stepDays (ANALYTICS_MAX_WINDOWS)`,
        'ANALYTICS_MAX_WINDOWS',
        windows.length,
        maxWindows,
      );
    }
  }
  return windows;
}

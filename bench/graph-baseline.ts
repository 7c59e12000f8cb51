import Graph from 'graphology';
import type { Actor } from '../src/model/actor-schema';
import type { Relation } from '../src/model/relation-schema';
import { statedAtKey, type Statement } from '../src/model/statement-schema';
import type {
  CounterpartEvidence,
  CounterpartQuery,
  GraphStore,
  PathHop,
  PathQuery,
  RelationQuery,
  StancePair,
  StanceQuery,
} from '../src/store/graph-store';
import type { EntityKind, GraphSnapshot } from '../src/model/entity-kinds';
import type { Topic } from '../src/model/topic-schema';

/**
 * The hand-written comparison for the query benchmarks: the same graph held in memory by graphology and
 * answered by direct traversal, behind the few store methods the queries call. The use cases
 * (opponents, positions, paths) then run unchanged over it, so both sides give the very same answer and
 * the ratio is the cost of the store alone. Unbounded time windows only: that is what the bench asks.
 */
export function graphologyStore(batches: Partial<GraphSnapshot>[]): GraphStore {
  const graph = new Graph({ multi: true, type: 'directed', allowSelfLoops: false });
  const actors = new Map<string, Actor>();
  const topics = new Map<string, Topic>();
  for (const batch of batches) {
    for (const actor of batch.actors ?? []) {
      actors.set(actor.id, actor);
      graph.addNode(actor.id);
    }
    for (const topic of batch.topics ?? []) {
      topics.set(topic.id, topic);
      graph.addNode(`topic:${topic.id}`);
    }
    for (const s of batch.statements ?? []) {
      if (s.reviewStatus === 'accepted')
        graph.addEdgeWithKey(s.id, s.actorId, `topic:${s.topicId}`, { statement: s });
    }
    for (const r of batch.relations ?? []) {
      if (r.reviewStatus === 'accepted') graph.addEdgeWithKey(r.id, r.sourceId, r.targetId, { relation: r });
    }
    for (const a of batch.affiliations ?? [])
      graph.addEdgeWithKey(a.id, a.memberId, a.organizationId, { affiliation: a });
  }
  const records: Partial<Record<EntityKind, Map<string, unknown>>> = { actors, topics };

  const currentOfActor = (actorId: string): Map<string, Statement> => {
    const current = new Map<string, Statement>();
    graph.forEachOutEdge(actorId, (_id, attributes) => {
      const s = attributes.statement as Statement | undefined;
      if (s) current.set(s.topicId, later(current.get(s.topicId), s));
    });
    return current;
  };
  const currentOnTopic = (topicId: string): Map<string, Statement> => {
    const current = new Map<string, Statement>();
    graph.forEachInEdge(`topic:${topicId}`, (_id, attributes) => {
      const s = attributes.statement as Statement;
      current.set(s.actorId, later(current.get(s.actorId), s));
    });
    return current;
  };

  const relationsOf = (query: RelationQuery): Relation[] => {
    const types = new Set(query.types);
    const found: Relation[] = [];
    graph.forEachEdge(query.actorId!, (_id, attributes) => {
      const r = attributes.relation as Relation | undefined;
      if (r && types.has(r.type) && (query.topicId === undefined || r.topicId === query.topicId))
        found.push(r);
    });
    return found.sort((a, b) => compare(a.date ?? '', b.date ?? '') || compare(a.id, b.id));
  };
  const stancePairsOf = (query: StanceQuery & { agreement: 'same' | 'opposite' }): StancePair[] => {
    const pairs: StancePair[] = [];
    for (const [topicId, mine] of currentOfActor(query.actorId!)) {
      if (!decided(mine) || (query.topicId !== undefined && topicId !== query.topicId)) continue;
      for (const theirs of currentOnTopic(topicId).values()) {
        if (theirs.actorId === mine.actorId || !decided(theirs)) continue;
        if ((theirs.polarity === mine.polarity) === (query.agreement === 'same'))
          pairs.push({ topicId, first: mine, second: theirs });
      }
    }
    return pairs.sort((a, b) => compare(a.topicId, b.topicId) || compare(a.second.actorId, b.second.actorId));
  };

  const store: Partial<GraphStore> = {
    backend: 'sqlite',
    get: async (kind, id) => records[kind]?.get(id) as never,
    getMany: async (kind, ids) =>
      ids.map((id) => records[kind]?.get(id)).filter((r) => r !== undefined) as never,
    // The topic tree is read whole by the use cases (topic-hierarchy.ts), in id order as the stores give it.
    readAll: async function* (kind, batchSize) {
      const all = [...(records[kind]?.values() ?? [])] as { id: string }[];
      all.sort((a, b) => compare(a.id, b.id));
      for (let i = 0; i < all.length; i += batchSize) yield all.slice(i, i + batchSize) as never;
    },
    relations: async (query: RelationQuery) => relationsOf(query),
    stancePairs: async (query: StanceQuery & { agreement: 'same' | 'opposite' }) => stancePairsOf(query),
    // Every counterpart is gathered and ranked in memory; the page is cut from that, as the store does.
    counterparts: async (query: CounterpartQuery) => {
      const byActor = new Map<string, CounterpartEvidence>();
      const of = (actorId: string) => {
        let counterpart = byActor.get(actorId);
        if (!counterpart) {
          counterpart = { actorId, relations: [], stancePairs: [] };
          byActor.set(actorId, counterpart);
        }
        return counterpart;
      };
      for (const r of relationsOf(query))
        of(r.sourceId === query.actorId ? r.targetId : r.sourceId).relations.push(r);
      for (const pair of stancePairsOf(query)) of(pair.second.actorId).stancePairs.push(pair);
      const reasons = (c: CounterpartEvidence) => c.relations.length + c.stancePairs.length;
      const ranked = [...byActor.values()].sort(
        (a, b) => reasons(b) - reasons(a) || compare(a.actorId, b.actorId),
      );
      return { items: ranked.slice(query.offset, query.offset + query.limit), total: ranked.length };
    },
    // By actor (the opponents use case) or by topic (positions), ordered as the stores order them.
    currentStances: async (query) =>
      query.actorId !== undefined
        ? [...currentOfActor(query.actorId).values()]
            .filter((s) => query.topicId === undefined || s.topicId === query.topicId)
            .sort((a, b) => compare(a.topicId, b.topicId))
        : [...currentOnTopic(query.topicId!).values()].sort((a, b) => compare(a.actorId, b.actorId)),
    shortestPaths: async (query: PathQuery) => shortestPaths(graph, query),
  };
  return store as GraphStore;
}

function decided(s: Statement): boolean {
  return s.polarity === 'support' || s.polarity === 'oppose';
}

/** Latest statement wins; ties on the date go to the greater id (the store's rule). */
function later(current: Statement | undefined, next: Statement): Statement {
  if (!current) return next;
  if (next.statedAt !== current.statedAt) return statedAtKey(next) > statedAtKey(current) ? next : current;
  return next.id > current.id ? next : current;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Breadth-first over relations and affiliations in both directions, keeping every way each actor is first reached. */
function shortestPaths(graph: Graph, query: PathQuery): PathHop[][] {
  if (!graph.hasNode(query.fromId) || !graph.hasNode(query.toId)) return [];
  if (query.fromId === query.toId) return [[]];
  const cameFrom = new Map<string, PathHop[]>([[query.fromId, []]]);
  let frontier = [query.fromId];
  for (let depth = 1; depth <= query.maxDepth && frontier.length > 0; depth++) {
    const reached = new Map<string, PathHop[]>();
    for (const node of frontier) {
      graph.forEachEdge(node, (_id, attributes, source, target) => {
        const edge: PathHop['edge'] | undefined = attributes.relation
          ? { kind: 'relation', relation: attributes.relation as Relation }
          : attributes.affiliation
            ? { kind: 'affiliation', affiliation: attributes.affiliation }
            : undefined;
        if (!edge) return;
        const to = source === node ? target : source;
        if (cameFrom.has(to)) return;
        const ways = reached.get(to) ?? [];
        ways.push({ from: node, to, edge });
        reached.set(to, ways);
      });
    }
    for (const [node, ways] of reached) cameFrom.set(node, ways);
    if (reached.has(query.toId)) {
      const paths: PathHop[][] = [];
      const cap = Math.max(query.limit, 10_000);
      const walk = (node: string, suffix: PathHop[]): void => {
        if (paths.length >= cap) return;
        if (node === query.fromId) return void paths.push(suffix);
        for (const hop of cameFrom.get(node) ?? []) walk(hop.from, [hop, ...suffix]);
      };
      walk(query.toId, []);
      const key = (path: PathHop[]) =>
        path.map((h) => (h.edge.kind === 'relation' ? h.edge.relation.id : h.edge.affiliation.id)).join('/');
      return paths.sort((a, b) => compare(key(a), key(b))).slice(0, query.limit);
    }
    frontier = [...reached.keys()];
  }
  return [];
}

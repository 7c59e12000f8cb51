/**
 * counterparts/: who opposes or sides with an actor, which pairs of actors oppose each other, and the
 * paths between two actors, each answer with its evidence. (relations are the records; these are questions
 * about them.) Uses model, store and entities.
 */
import type { Actor } from '../model/actor-schema';
import { getEntity } from '../entities/entity-service';
import { type Relation } from '../model/relation-schema';
import {
  FRIENDLY_RELATION_TYPES,
  HOSTILE_RELATION_TYPES,
  type RelationType,
} from '../model/relation-vocabulary';
import { windowOf } from '../model/common-schema';
import { NotFoundError } from '../shared/errors';
import type { Statement } from '../model/statement-schema';
import type { GraphStore, PathHop } from '../store/graph-store';
import type {
  Counterpart,
  EvidenceItem,
  OppositionsQuery,
  Reason,
  RelationshipQuery,
} from './counterpart-schema';
import type { ActorRef } from '../model/ref-schema';
import { actorRefs, titlesOf, toRef } from '../entities/entity-refs';
import { withoutUndefined } from '../shared/objects';
import { append } from '../shared/multimap';
import {
  allowedBy,
  loadTopicTree,
  MATCH_WEIGHT,
  meeting,
  stancesAround,
  type MatchFilter,
  type MatchKind,
  type TopicTree,
} from '../hierarchy/topic-hierarchy';

/** Relations that make two actors opponents, or allies; the rest (reports_on, ...) are neither. */
const RELATION_SIDE = (type: RelationType): Reason['side'] | undefined =>
  HOSTILE_RELATION_TYPES.includes(type)
    ? 'conflict'
    : FRIENDLY_RELATION_TYPES.includes(type)
      ? 'agreement'
      : undefined;
const SIDED_RELATION_TYPES = [...HOSTILE_RELATION_TYPES, ...FRIENDLY_RELATION_TYPES];

type Side = 'opposition' | 'alliance';

export async function findOpponents(store: GraphStore, actorId: string, query: RelationshipQuery) {
  return counterpartsOf(store, await getEntity(store, 'actors', actorId), 'opposition', query);
}

export async function findAllies(store: GraphStore, actorId: string, query: RelationshipQuery) {
  return counterpartsOf(store, await getEntity(store, 'actors', actorId), 'alliance', query);
}

/** A stance reason before it is described: two current stances and how they meet. */
interface StanceMeeting {
  first: Statement;
  second: Statement;
  side: Reason['side'];
  topicId: string;
  kind: MatchKind;
  via?: string;
}

/** Whether a reason concerns the topic asked for: it meets on it, was carried over from it, or is about it. */
function onTopic(topic: string | undefined, topicId: string | undefined, via?: string): boolean {
  return topic === undefined || topicId === topic || via === topic;
}

/**
 * Every pair of the given stances that meets through the topic tree, the first stance from `firsts`.
 * With `distinct`, a pair of actors is taken once, the lower id first.
 */
function stanceMeetings(
  tree: TopicTree,
  firsts: readonly Statement[],
  others: readonly Statement[],
  query: { topic?: string; match: MatchFilter },
  distinct: boolean,
): StanceMeeting[] {
  const byTopic = new Map<string, Statement[]>();
  for (const s of others) append(byTopic, s.topicId, s);
  const found: StanceMeeting[] = [];
  for (const first of firsts) {
    for (const topicId of tree.around(first.topicId)) {
      for (const second of byTopic.get(topicId) ?? []) {
        if (second.actorId === first.actorId || (distinct && second.actorId < first.actorId)) continue;
        const met = meeting(tree, first, second);
        if (!met || !allowedBy(query.match, met.kind) || !onTopic(query.topic, met.topicId, met.via))
          continue;
        found.push({ first, second, ...met });
      }
    }
  }
  return found;
}

/** Every pair of actors in opposition, with the reasons; pairs sorted by how much evidence they have. */
export async function findOppositions(store: GraphStore, query: OppositionsQuery) {
  const pairs = new Map<string, { ids: [string, string]; reasons: Reason[] }>();
  const reasonsFor = (a: string, b: string) => {
    const ids: [string, string] = a < b ? [a, b] : [b, a];
    const key = ids.join('\u0000');
    if (!pairs.has(key)) pairs.set(key, { ids, reasons: [] });
    return pairs.get(key)!;
  };
  const window = windowOf(query);
  const tree = await loadTopicTree(store);
  const relations = await store.relations({ types: HOSTILE_RELATION_TYPES, topicId: query.topic, window });
  const stances = query.topic
    ? await stancesAround(store, tree, [query.topic], window)
    : await store.currentStances({ window });
  const meetings = stanceMeetings(tree, stances, stances, query, true).filter((m) => m.side === 'conflict');
  const topicTitles = await titlesOf(store, [
    ...relations.map((r) => r.topicId),
    ...meetings.flatMap((m) => [m.topicId, m.via]),
  ]);
  for (const relation of relations) {
    const pair = reasonsFor(relation.sourceId, relation.targetId);
    pair.reasons.push(relationReason(relation, pair.ids[0], topicTitles));
  }
  for (const met of meetings) {
    reasonsFor(met.first.actorId, met.second.actorId).reasons.push(stanceReason(met, topicTitles));
  }
  const refs = await actorRefs(
    store,
    [...pairs.values()].flatMap((p) => p.ids),
  );
  const items = [...pairs.values()]
    .map(({ ids, reasons }) => ({
      actors: [refs.get(ids[0])!, refs.get(ids[1])!] as [ActorRef, ActorRef],
      since: earliest(reasons.map((r) => r.since)),
      reasons: sortReasons(reasons),
    }))
    .sort(
      (a, b) => b.reasons.length - a.reasons.length || pairName(a.actors).localeCompare(pairName(b.actors)),
    );
  return { items: items.slice(query.offset, query.offset + query.limit), total: items.length };
}

export async function findPaths(
  store: GraphStore,
  query: { from: string; to: string; maxDepth: number; limit: number },
) {
  const [from, to] = await Promise.all([store.get('actors', query.from), store.get('actors', query.to)]);
  if (!from) throw new NotFoundError('actor', query.from);
  if (!to) throw new NotFoundError('actor', query.to);
  const paths = await store.shortestPaths({
    fromId: from.id,
    toId: to.id,
    maxDepth: query.maxDepth,
    limit: query.limit,
  });
  const refs = await actorRefs(
    store,
    paths.flatMap((hops) => hops.flatMap((hop) => [hop.from, hop.to])),
  );
  return {
    from: toRef(from),
    to: toRef(to),
    length: paths.length > 0 ? paths[0]!.length : null,
    paths: paths.map((hops) => ({ hops: hops.map((hop) => describeHop(hop, refs)) })),
  };
}

/**
 * A page of the actor's counterparts on one side, each with every agreement and every conflict between
 * the two and their net weight. Opponents are those with at least one conflict, the lowest net first;
 * allies those with at least one agreement, the highest net first.
 */
async function counterpartsOf(store: GraphStore, actor: Actor, side: Side, query: RelationshipQuery) {
  const window = windowOf(query);
  const tree = await loadTopicTree(store);
  const relations = await store.relations({
    actorId: actor.id,
    types: SIDED_RELATION_TYPES,
    topicId: query.topic,
    window,
  });
  const own = await store.currentStances({ actorId: actor.id, window });
  const around = await stancesAround(
    store,
    tree,
    own.map((s) => s.topicId),
    window,
  );
  const meetings = stanceMeetings(tree, own, around, query, false);
  const topicTitles = await titlesOf(store, [
    ...relations.map((r) => r.topicId),
    ...meetings.flatMap((m) => [m.topicId, m.via]),
  ]);
  const byActor = new Map<string, Reason[]>();
  for (const relation of relations) {
    if (relation.sourceId === relation.targetId) continue;
    const other = relation.sourceId === actor.id ? relation.targetId : relation.sourceId;
    append(byActor, other, relationReason(relation, actor.id, topicTitles));
  }
  for (const met of meetings) append(byActor, met.second.actorId, stanceReason(met, topicTitles));

  const wanted: Reason['side'] = side === 'opposition' ? 'conflict' : 'agreement';
  const scored = [...byActor.entries()]
    .filter(([, reasons]) => reasons.some((r) => r.side === wanted))
    .map(([actorId, reasons]) => ({ actorId, reasons, net: netOf(reasons) }))
    .sort(
      (a, b) => (side === 'opposition' ? a.net - b.net : b.net - a.net) || a.actorId.localeCompare(b.actorId),
    );
  const page = scored.slice(query.offset, query.offset + query.limit);
  const refs = await actorRefs(
    store,
    page.map((c) => c.actorId),
  );
  const items: Counterpart[] = page.map(({ actorId, reasons, net }) => ({
    actor: refs.get(actorId)!,
    since: earliest(reasons.map((r) => r.since)),
    net,
    agreements: reasons.filter((r) => r.side === 'agreement').length,
    conflicts: reasons.filter((r) => r.side === 'conflict').length,
    reasons: sortReasons(reasons),
  }));
  return { actor, items, total: scored.length };
}

/** Agreements count for, conflicts against, each by its weight; rounded so that sums read cleanly. */
function netOf(reasons: Reason[]): number {
  const sum = reasons.reduce((total, r) => total + (r.side === 'agreement' ? r.weight : -r.weight), 0);
  return Math.round(sum * 10000) / 10000;
}

function relationReason(relation: Relation, subjectId: string, topicTitles: Map<string, string>): Reason {
  return withoutUndefined({
    kind: 'relation' as const,
    type: relation.type,
    direction: relation.sourceId === subjectId ? ('outgoing' as const) : ('incoming' as const),
    side: RELATION_SIDE(relation.type) ?? 'conflict',
    match: { kind: 'direct' as const },
    topic: topicRef(relation.topicId, topicTitles),
    weight: relation.confidence * MATCH_WEIGHT.direct,
    since: relation.date,
    evidence: [relationEvidence(relation)],
  });
}

function stanceReason(met: StanceMeeting, topicTitles: Map<string, string>): Reason {
  return {
    kind: 'stance',
    side: met.side,
    match:
      met.via === undefined ? { kind: met.kind } : { kind: met.kind, via: topicRef(met.via, topicTitles)! },
    topic: topicRef(met.topicId, topicTitles),
    weight: Math.round(met.first.confidence * met.second.confidence * MATCH_WEIGHT[met.kind] * 10000) / 10000,
    since: earliest([met.first.statedAt, met.second.statedAt]),
    evidence: [met.first, met.second].map(statementEvidence),
  };
}

function statementEvidence(statement: Statement): EvidenceItem {
  return withoutUndefined({
    actorId: statement.actorId,
    quote: statement.quote,
    sentence: statement.evidence?.sentence,
    span: statement.evidence ? { start: statement.evidence.start, end: statement.evidence.end } : undefined,
    documentId: statement.documentId,
    date: statement.statedAt,
    statementId: statement.id,
    polarity: statement.polarity,
    confidence: statement.confidence,
    evidenceStatus: statement.evidenceStatus,
  });
}

function relationEvidence(relation: Relation): EvidenceItem {
  return withoutUndefined({
    actorId: relation.sourceId,
    quote: relation.quote,
    sentence: relation.evidence?.sentence,
    span: relation.evidence ? { start: relation.evidence.start, end: relation.evidence.end } : undefined,
    documentId: relation.documentId,
    date: relation.date,
    relationId: relation.id,
    confidence: relation.confidence,
    evidenceStatus: relation.evidenceStatus,
  });
}

function describeHop(hop: PathHop, refs: Map<string, ActorRef>) {
  const edge =
    hop.edge.kind === 'relation'
      ? {
          kind: 'relation' as const,
          id: hop.edge.relation.id,
          label: hop.edge.relation.type,
          forward: hop.edge.relation.sourceId === hop.from,
          evidence: relationEvidence(hop.edge.relation),
        }
      : withoutUndefined({
          kind: 'affiliation' as const,
          id: hop.edge.affiliation.id,
          label: 'member_of',
          forward: hop.edge.affiliation.memberId === hop.from,
          role: hop.edge.affiliation.role,
        });
  return { from: refs.get(hop.from)!, to: refs.get(hop.to)!, edge };
}

function topicRef(topicId: string | undefined, titles: Map<string, string>) {
  return topicId === undefined ? undefined : { id: topicId, title: titles.get(topicId) ?? topicId };
}

function earliest(dates: (string | undefined)[]): string | undefined {
  return dates.filter((d): d is string => d !== undefined).sort()[0];
}

function sortReasons(reasons: Reason[]): Reason[] {
  return reasons.sort(
    (a, b) => (a.since ?? '9999').localeCompare(b.since ?? '9999') || a.kind.localeCompare(b.kind),
  );
}

function pairName(actors: [ActorRef, ActorRef]): string {
  return `${actors[0].name} ${actors[1].name}`;
}

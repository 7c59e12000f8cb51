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

/** Which relations and which stance agreement make two actors opponents, or allies. */
const SIDES = {
  opposition: { types: HOSTILE_RELATION_TYPES, agreement: 'opposite' },
  alliance: { types: FRIENDLY_RELATION_TYPES, agreement: 'same' },
} as const satisfies Record<string, { types: readonly RelationType[]; agreement: 'same' | 'opposite' }>;
type Side = keyof typeof SIDES;

export async function findOpponents(store: GraphStore, actorId: string, query: RelationshipQuery) {
  return counterpartsOf(store, await getEntity(store, 'actors', actorId), 'opposition', query);
}

export async function findAllies(store: GraphStore, actorId: string, query: RelationshipQuery) {
  return counterpartsOf(store, await getEntity(store, 'actors', actorId), 'alliance', query);
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
  const relations = await store.relations({ types: SIDES.opposition.types, topicId: query.topic, window });
  const stancePairs = await store.stancePairs({ agreement: 'opposite', topicId: query.topic, window });
  const topicTitles = await titlesOf(store, [
    ...relations.map((r) => r.topicId),
    ...stancePairs.map((p) => p.topicId),
  ]);
  for (const relation of relations) {
    const pair = reasonsFor(relation.sourceId, relation.targetId);
    pair.reasons.push(relationReason(relation, pair.ids[0], topicTitles));
  }
  for (const { topicId, first, second } of stancePairs) {
    reasonsFor(first.actorId, second.actorId).reasons.push(
      stanceReason(topicId, [first, second], topicTitles),
    );
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

/** A page of the actor's counterparts on one side, the most reasons first, each with its evidence. */
async function counterpartsOf(store: GraphStore, actor: Actor, side: Side, query: RelationshipQuery) {
  const { types, agreement } = SIDES[side];
  const page = await store.counterparts({
    actorId: actor.id,
    types,
    agreement,
    topicId: query.topic,
    window: windowOf(query),
    limit: query.limit,
    offset: query.offset,
  });
  const topicTitles = await titlesOf(
    store,
    page.items.flatMap((c) => [...c.relations.map((r) => r.topicId), ...c.stancePairs.map((p) => p.topicId)]),
  );
  const refs = await actorRefs(
    store,
    page.items.map((c) => c.actorId),
  );
  const items: Counterpart[] = page.items.map((counterpart) => {
    const reasons = [
      ...counterpart.relations.map((relation) => relationReason(relation, actor.id, topicTitles)),
      ...counterpart.stancePairs.map(({ topicId, first, second }) =>
        stanceReason(topicId, [first, second], topicTitles),
      ),
    ];
    return {
      actor: refs.get(counterpart.actorId)!,
      since: earliest(reasons.map((r) => r.since)),
      reasons: sortReasons(reasons),
    };
  });
  return { actor, items, total: page.total };
}

function relationReason(relation: Relation, subjectId: string, topicTitles: Map<string, string>): Reason {
  return {
    kind: 'relation',
    type: relation.type,
    direction: relation.sourceId === subjectId ? 'outgoing' : 'incoming',
    topic: topicRef(relation.topicId, topicTitles),
    since: relation.date,
    evidence: [relationEvidence(relation)],
  };
}

function stanceReason(topicId: string, statements: Statement[], topicTitles: Map<string, string>): Reason {
  return {
    kind: 'stance',
    topic: topicRef(topicId, topicTitles),
    since: earliest(statements.map((s) => s.statedAt)),
    evidence: statements.map(statementEvidence),
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

import { actorSchema, type Actor } from '../model/actor-schema';
import type { Affiliation } from '../model/affiliation-schema';
import type { StoredDocument } from '../model/document-schema';
import { relationSchema, type Relation } from '../model/relation-schema';
import { EVENT_LOOP_SLICE_MS, eventLoopPacer } from '../shared/event-loop';
import { idFromParts, slugFromName } from '../shared/ids';
import { statementSchema, type Statement } from '../model/statement-schema';
import type { GraphStore } from '../store/graph-store';
import { topicSchema, type Topic } from '../model/topic-schema';
import type { ExtractionDraft } from './extraction-schema';
import type { Extractor } from './extractor';

export interface ProposalSet {
  actors: Actor[];
  topics: Topic[];
  statements: Statement[];
  relations: Relation[];
  affiliations: Affiliation[];
}

/**
 * Maps every item, handing the event loop back as it goes: a 5 MB document drafts tens of thousands of
 * claims, and checking them all at once held the service's thread for seconds.
 */
async function mapPaced<T, U>(items: readonly T[], map: (item: T) => U[]): Promise<U[]> {
  const handBack = eventLoopPacer(EVENT_LOOP_SLICE_MS);
  const out: U[] = [];
  for (const item of items) {
    out.push(...map(item));
    await handBack();
  }
  return out;
}

/**
 * Turns an extractor's draft into graph records with `reviewStatus: 'proposed'`: actors, topics and
 * affiliations the graph lacks, and the statements and relations themselves. Ids are derived from the
 * document and the facts, so the same document always yields the same records and writing them again
 * duplicates nothing. Records the graph already has (actors, topics) are reused, never rewritten; what a
 * reviewer rejected (a topic, an actor) is not proposed again.
 */
export async function proposalRecords(
  store: GraphStore,
  document: StoredDocument,
  draft: ExtractionDraft,
  extractor: Extractor,
  options: { autoAcceptAbove?: number; now: Date },
): Promise<ProposalSet> {
  const provenance = { extractor: { ...extractor.info } };
  const actorIds = new Map<string, string>();
  const newActors = new Map<string, Actor>();
  for (const draftActor of draft.actors) {
    const existing = draftActor.existingId
      ? await store.get('actors', draftActor.existingId)
      : ((await store.findActorsByName(draftActor.name))[0] ??
        (await store.get('actors', slugFromName(draftActor.name))));
    if (existing) {
      actorIds.set(draftActor.key, existing.id);
      continue;
    }
    const id = slugFromName(draftActor.name);
    actorIds.set(draftActor.key, id);
    const previous = newActors.get(id);
    newActors.set(
      id,
      actorSchema.parse({
        id,
        name: draftActor.name,
        aliases: [...new Set([...(previous?.aliases ?? []), ...draftActor.aliases])].slice(0, 100),
        kind: draftActor.kind,
        country: draftActor.country,
        description: `Proposed by ${extractor.info.name} from document '${document.id}'.`,
        reviewStatus: 'proposed',
        ...provenance,
      }),
    );
  }

  const topicIds = new Map<string, string>();
  const rejectedTopics = new Set<string>();
  const newTopics = new Map<string, Topic>();
  const handBack = eventLoopPacer(EVENT_LOOP_SLICE_MS);
  for (const { topic } of draft.statements) {
    await handBack();
    const known = topic.id ? await store.get('topics', topic.id) : undefined;
    if (known?.reviewStatus === 'rejected') rejectedTopics.add(known.id);
    if (known) continue;
    const id = slugFromName(topic.title);
    topicIds.set(topic.title, id);
    if (newTopics.has(id)) continue;
    const existing = await store.get('topics', id);
    if (existing?.reviewStatus === 'rejected') rejectedTopics.add(id);
    if (existing) continue;
    newTopics.set(
      id,
      topicSchema.parse({
        id,
        title: topic.title,
        description: `Proposed by ${extractor.info.name} from document '${document.id}'; review before relying on it.`,
        reviewStatus: 'proposed',
        ...provenance,
      }),
    );
  }

  // A claim is dated by its document; an undated document gives undated claims, never the day it was read.
  const statedAt = document.publishedAt;
  const dateNote = document.publishedAt ? undefined : 'undated: the document has no publication date';
  const review = (confidence: number) =>
    options.autoAcceptAbove !== undefined && confidence >= options.autoAcceptAbove
      ? {
          reviewStatus: 'accepted' as const,
          reviewedBy: 'auto-accept',
          reviewedAt: options.now.toISOString(),
          reviewOutcome: 'accepted' as const,
        }
      : { reviewStatus: 'proposed' as const };

  // Who relayed a claim and whom it is about, when they are other actors than the claim's own.
  const otherActor = (key: string | undefined, ...own: string[]) => {
    const id = key === undefined ? undefined : actorIds.get(key);
    return id && !own.includes(id) ? id : undefined;
  };

  const statements = await mapPaced(draft.statements, (s): Statement[] => {
    const actorId = actorIds.get(s.actorKey);
    const topicId = s.topic.id && !topicIds.has(s.topic.title) ? s.topic.id : topicIds.get(s.topic.title);
    if (!actorId || !topicId || rejectedTopics.has(topicId)) return [];
    return [
      statementSchema.parse({
        // One actor can take two positions in one sentence ("coordinates and cooperates, but does not
        // subordinate itself"): the topic is part of what makes a statement this one.
        id: idFromParts('st', [document.id, actorId, s.evidence.start, topicId]),
        actorId,
        topicId,
        polarity: s.polarity,
        intensity: s.intensity,
        statedAt,
        quote: s.quote,
        evidence: s.evidence,
        documentId: document.id,
        confidence: s.confidence,
        method: extractor.method,
        note: [s.note, dateNote].filter(Boolean).join('; ') || undefined,
        aboutId: otherActor(s.aboutKey, actorId),
        reportedById: otherActor(s.reportedByKey, actorId),
        ...provenance,
        ...review(s.confidence),
      }),
    ];
  });

  const relations = await mapPaced(draft.relations, (r): Relation[] => {
    const sourceId = actorIds.get(r.sourceKey);
    const targetId = actorIds.get(r.targetKey);
    if (!sourceId || !targetId || sourceId === targetId) return [];
    return [
      relationSchema.parse({
        id: idFromParts('rel', [document.id, sourceId, targetId, r.type, r.evidence.start]),
        sourceId,
        targetId,
        type: r.type,
        date: document.publishedAt,
        quote: r.quote,
        evidence: r.evidence,
        documentId: document.id,
        confidence: r.confidence,
        method: extractor.method,
        reportedById: otherActor(r.reportedByKey, sourceId, targetId),
        ...provenance,
        ...review(r.confidence),
      }),
    ];
  });

  // An accepted claim cannot rest on a proposed actor or topic: auto-acceptance takes them along.
  for (const accepted of [...statements, ...relations].filter((r) => r.reviewStatus === 'accepted')) {
    const ids = [
      ...('actorId' in accepted
        ? [accepted.actorId, accepted.aboutId]
        : [accepted.sourceId, accepted.targetId]),
      accepted.reportedById,
    ].filter((id): id is string => id !== undefined);
    for (const id of ids) {
      const actor = newActors.get(id);
      if (actor) newActors.set(id, { ...actor, ...review(1) });
    }
    const topic = 'topicId' in accepted && accepted.topicId ? newTopics.get(accepted.topicId) : undefined;
    if (topic) newTopics.set(topic.id, { ...topic, ...review(1) });
  }

  // Roles ("Defense Secretary Pete Hegseth") become proposed affiliations, of known actors too, unless
  // the two are already linked (however the role is worded) or one of them was rejected. An affiliation
  // has no confidence of its own, so it always waits for a reviewer.
  const affiliations: Affiliation[] = [];
  for (const a of draft.affiliations) {
    const memberId = actorIds.get(a.memberKey);
    const organizationId = actorIds.get(a.organizationKey);
    if (!memberId || !organizationId || memberId === organizationId) continue;
    const ends = await store.getMany('actors', [memberId, organizationId]);
    if (ends.some((actor) => actor.reviewStatus === 'rejected')) continue;
    const linked = await store.list('affiliations', { memberId, organizationId, limit: 1, offset: 0 });
    if (linked.total > 0) continue;
    affiliations.push({
      id: idFromParts('aff', [memberId, organizationId, a.role]),
      memberId,
      organizationId,
      role: a.role,
      reviewStatus: 'proposed',
      ...provenance,
    });
  }

  // A proposed actor no claim or affiliation names could be reviewed from no document's list: not written.
  const named = new Set([
    ...statements.flatMap((s) => [s.actorId, s.aboutId, s.reportedById]),
    ...relations.flatMap((r) => [r.sourceId, r.targetId, r.reportedById]),
    ...affiliations.flatMap((a) => [a.memberId, a.organizationId]),
  ]);
  return {
    actors: [...newActors.values()].filter((actor) => named.has(actor.id)),
    topics: [...newTopics.values()],
    statements: dedupeById(statements),
    relations: dedupeById(relations),
    affiliations: dedupeById(affiliations),
  };
}

function dedupeById<T extends { id: string }>(records: T[]): T[] {
  return [...new Map(records.map((r) => [r.id, r])).values()];
}

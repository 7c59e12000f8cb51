import { z } from 'zod';
import { actorKindSchema, actorSchema, type Actor } from '../model/actor-schema';
import { affiliationSchema, type Affiliation } from '../model/affiliation-schema';
import { relationSchema, relationTypeSchema, type Relation } from '../model/relation-schema';
import { checkClaimEvidence } from '../model/claim-evidence';
import {
  isoDateSchema,
  nameSchema,
  paginationSchema,
  reviewStatusSchema,
  slugIdSchema,
  textSchema,
  type Page,
  type ReviewStatus,
} from '../model/common-schema';
import { ConflictError, NotFoundError, ValidationError, type FieldIssue } from '../shared/errors';
import { zodIssues } from '../shared/zod-issues';
import { listAll } from '../shared/pages';
import { polaritySchema, statementSchema, type Statement } from '../model/statement-schema';
import { type GraphStore } from '../store/graph-store';
import { ENTITY_NAMES, ENTITY_REFERENCES, type EntityMap } from '../model/entity-kinds';
import { topicSchema, type Topic } from '../model/topic-schema';
import type { ReviewOutcome } from '../model/provenance-schema';
import {
  historyEventSchema,
  historyEvents,
  reviewerFieldSchema,
  reviewerOf,
  type RecordChange,
} from '../model/history-schema';

export const proposalKindSchema = z.enum(['actors', 'topics', 'statements', 'relations', 'affiliations']);
type ProposalKind = z.infer<typeof proposalKindSchema>;

const statementChanges = z
  .object({
    actorId: slugIdSchema,
    topicId: slugIdSchema,
    polarity: polaritySchema,
    intensity: z.number().min(0).max(1),
    quote: textSchema(5000).min(1).nullable(),
    note: textSchema(2000).nullable(),
  })
  .partial()
  .strict();

const relationChanges = z
  .object({
    sourceId: slugIdSchema,
    targetId: slugIdSchema,
    type: relationTypeSchema,
    topicId: slugIdSchema.nullable(),
    quote: textSchema(5000).min(1).nullable(),
    note: textSchema(2000).nullable(),
  })
  .partial()
  .strict();

const actorChanges = z
  .object({
    name: nameSchema(300),
    aliases: z.array(nameSchema(300)).max(100),
    kind: actorKindSchema,
    country: z
      .string()
      .regex(/^[A-Z]{2}$/)
      .nullable(),
    description: textSchema(5000).nullable(),
  })
  .partial()
  .strict();

const topicChanges = z
  .object({
    title: nameSchema(500),
    description: textSchema(5000).nullable(),
    parentId: slugIdSchema.nullable(),
  })
  .partial()
  .strict();

const affiliationChanges = z
  .object({
    memberId: slugIdSchema,
    organizationId: slugIdSchema,
    role: nameSchema(300).nullable(),
    from: isoDateSchema.nullable(),
    to: isoDateSchema.nullable(),
  })
  .partial()
  .strict();

export const reviewRequestSchema = z
  .object({
    action: z.enum(['accept', 'reject', 'edit']),
    reviewer: reviewerFieldSchema.optional(),
    reason: textSchema(2000).min(1).optional().meta({ description: 'why: kept with the review' }),
    /** For `edit`: the corrected fields (checked against the proposal's kind); `null` removes one. */
    changes: z.record(z.string(), z.unknown()).optional(),
  })
  .strict()
  .refine((r) => r.action !== 'edit' || (r.changes && Object.keys(r.changes).length > 0), {
    message: 'an edit needs the changed fields',
    path: ['changes'],
  })
  .meta({ id: 'ReviewRequest' });

type ReviewRequest = z.infer<typeof reviewRequestSchema>;

export const reviewResultSchema = z
  .object({
    /** The reviewed record and every record the review changed with it. */
    actors: z.array(actorSchema),
    topics: z.array(topicSchema),
    statements: z.array(statementSchema),
    relations: z.array(relationSchema),
    affiliations: z.array(affiliationSchema),
    /** The events this review appended to the history: the reviewed record's first, then its cascade. */
    history: z.array(historyEventSchema),
  })
  .meta({ id: 'ReviewResult' });

type ReviewResult = z.infer<typeof reviewResultSchema>;

/** How each kind of proposal is checked: the whole record, and the fields a reviewer may correct. */
const REVIEWABLE: { [K in ProposalKind]: { schema: z.ZodType<EntityMap[K]>; changes: z.ZodType } } = {
  actors: { schema: actorSchema, changes: actorChanges },
  topics: { schema: topicSchema, changes: topicChanges },
  statements: { schema: statementSchema, changes: statementChanges },
  relations: { schema: relationSchema, changes: relationChanges },
  affiliations: { schema: affiliationSchema, changes: affiliationChanges },
};

type Stamp = Required<Pick<Actor, 'reviewStatus' | 'reviewedBy' | 'reviewedAt' | 'reviewOutcome'>> & {
  /** Always set, so that a review without a reason leaves no earlier review's reason behind. */
  reviewReason: string | undefined;
};

/**
 * Accepts, rejects or corrects one proposal, recording who and when, in one write, so that a review
 * never half-applies. An accepted record cannot rest on unreviewed ones: accepting a claim accepts the
 * proposed actors and topic it names, accepting an affiliation its proposed actors (and a record a
 * reviewer rejected refuses the acceptance with 409). Rejection takes along what only rested on the
 * rejected record: rejecting an actor rejects its pending claims and affiliations, rejecting a topic its
 * pending statements, and a proposed topic is rejected with the last statement that used it.
 */
export async function reviewProposal(
  store: GraphStore,
  documentId: string,
  kind: ProposalKind,
  id: string,
  request: ReviewRequest,
  caller?: string,
  now: Date = new Date(),
): Promise<ReviewResult> {
  const reviewedBy = reviewerOf(request, caller);
  const document = await store.get('documents', documentId);
  if (!document) throw new NotFoundError('document', documentId);
  const outcome: ReviewOutcome =
    request.action === 'edit' ? 'edited' : request.action === 'accept' ? 'accepted' : 'rejected';
  const review = new Review(store, documentId, {
    reviewStatus: outcome === 'rejected' ? 'rejected' : 'accepted',
    reviewedBy,
    reviewReason: request.reason,
    reviewedAt: now.toISOString(),
    reviewOutcome: outcome,
  });

  const record = await store.get(kind, id);
  const claim = kind === 'statements' || kind === 'relations';
  if (!record || (claim && (record as { documentId?: string }).documentId !== documentId))
    throw new NotFoundError(ENTITY_NAMES[kind], id);
  if (record.reviewStatus === undefined)
    throw new ConflictError(`stancegraph/review: ${ENTITY_NAMES[kind]} '${id}' is not a proposal`);
  // An actor, topic or affiliation is reviewed only through a document whose proposals name it.
  if (!claim && !(await namedBy(store, await allClaims(store, documentId)))[kind].some((r) => r.id === id)) {
    throw new NotFoundError(`proposal of document '${documentId}', ${ENTITY_NAMES[kind]}`, id);
  }
  if (request.changes) await assertReferencesExist(store, kind, request.changes);
  const reviewed = applyChanges(REVIEWABLE[kind].schema, record, REVIEWABLE[kind].changes, request.changes, {
    ...review.stamp,
  });
  if (claim) {
    // A corrected quote is held to the same evidence rule as every claim that enters the graph.
    const check = checkClaimEvidence(reviewed as Statement, document);
    if (check.issues.length > 0) {
      throw new ValidationError(
        'the corrected claim is not supported by its document',
        check.issues.map((issue) => ({ ...issue, path: ['changes', ...issue.path], location: 'body' })),
      );
    }
    if (check.status) (reviewed as Statement).evidenceStatus = check.status;
  }
  review.set(kind, record, reviewed);

  if (outcome === 'rejected') await review.rejectWhatRestsOn(kind, reviewed);
  else await review.acceptWhatItRestsOn(kind, reviewed);
  const result = review.result();
  const { history, ...records } = result;
  await store.commit({ upsert: records, history });
  return result;
}

/** Where a change came from: the record whose review made it (none for the reviewed record itself). */
type Cause = { kind: ProposalKind; id: string } | undefined;

interface ReviewedChange<K extends ProposalKind = ProposalKind> {
  before: EntityMap[K];
  after: EntityMap[K];
  cause: Cause;
}

/** The records one review changes, each with the version it replaces, collected before the single write. */
class Review {
  private readonly records: { [K in ProposalKind]: Map<string, ReviewedChange<K>> } = {
    actors: new Map(),
    topics: new Map(),
    statements: new Map(),
    relations: new Map(),
    affiliations: new Map(),
  };
  /** Every change in the order it was made: the reviewed record first, then its cascade. */
  private readonly order: { kind: ProposalKind; id: string }[] = [];

  constructor(
    private readonly store: GraphStore,
    private readonly documentId: string,
    readonly stamp: Stamp,
  ) {}

  set<K extends ProposalKind>(kind: K, before: EntityMap[K], after: EntityMap[K], cause?: Cause): void {
    const changes = this.records[kind] as Map<string, ReviewedChange<K>>;
    const earlier = changes.get(after.id);
    if (!earlier) this.order.push({ kind, id: after.id });
    changes.set(after.id, { before: earlier?.before ?? before, after, cause: earlier?.cause ?? cause });
  }

  has(kind: ProposalKind, id: string): boolean {
    return this.records[kind].has(id);
  }

  /** The review status a record will have once this review is written. */
  statusOf(kind: ProposalKind, record: { id: string; reviewStatus?: ReviewStatus }): ReviewStatus {
    return (this.records[kind].get(record.id)?.after ?? record).reviewStatus ?? 'accepted';
  }

  /** Everything the review changed, each record once (the reviewed record first of its kind), with its history. */
  result(): ReviewResult {
    const after = <K extends ProposalKind>(kind: K) =>
      [...this.records[kind].values()].map((change) => change.after as EntityMap[K]);
    const position = new Map(this.order.map(({ kind, id }, index) => [`${kind}/${id}`, index]));
    const changes: RecordChange[] = this.order.map(({ kind, id }) => {
      const change = this.records[kind].get(id)!;
      return {
        kind,
        action: change.after.reviewOutcome ?? this.stamp.reviewOutcome,
        before: change.before,
        after: change.after,
        causedBy: change.cause && position.get(`${change.cause.kind}/${change.cause.id}`),
      };
    });
    return {
      actors: after('actors'),
      topics: after('topics'),
      statements: after('statements'),
      relations: after('relations'),
      affiliations: after('affiliations'),
      history: historyEvents(changes, {
        by: this.stamp.reviewedBy,
        at: this.stamp.reviewedAt,
        reason: this.stamp.reviewReason,
        documentId: this.documentId,
      }),
    };
  }

  async acceptWhatItRestsOn<K extends ProposalKind>(kind: K, record: EntityMap[K]): Promise<void> {
    for (const { field, kind: target } of ENTITY_REFERENCES[kind]) {
      if (target === 'documents') continue;
      const refId = (record as Record<string, unknown>)[field];
      if (typeof refId !== 'string') continue;
      const referenced = await this.store.get(target, refId);
      if (referenced?.reviewStatus === 'rejected') {
        throw new ConflictError(
          `stancegraph/review: ${ENTITY_NAMES[target]} '${refId}' was rejected; an accepted ${ENTITY_NAMES[kind]} cannot rest on it`,
          [{ path: ['changes', field], location: 'body', message: `'${refId}' was rejected in review` }],
        );
      }
      if (referenced?.reviewStatus === 'proposed' && !this.has(target, refId)) {
        this.set(
          target,
          referenced,
          { ...referenced, ...this.stamp, reviewOutcome: 'accepted' },
          {
            kind,
            id: record.id,
          },
        );
      }
    }
  }

  async rejectWhatRestsOn<K extends ProposalKind>(kind: K, record: EntityMap[K]): Promise<void> {
    const id = record.id;
    const cause = { kind, id };
    switch (kind) {
      case 'actors': {
        for (const statement of await pending(this.store, 'statements', { actorId: id }))
          await this.rejectStatement(statement, cause);
        for (const relation of await pending(this.store, 'relations', { actorId: id }))
          this.set('relations', relation, { ...relation, ...this.stamp }, cause);
        for (const filter of [{ memberId: id }, { organizationId: id }]) {
          for (const affiliation of await pending(this.store, 'affiliations', filter))
            this.set('affiliations', affiliation, { ...affiliation, ...this.stamp }, cause);
        }
        break;
      }
      case 'topics': {
        const accepted = await this.store.list('statements', {
          topicId: id,
          reviewStatus: 'accepted',
          limit: 1,
          offset: 0,
        });
        if (accepted.total > 0) {
          throw new ConflictError(
            `stancegraph/review: topic '${id}' carries ${accepted.total} accepted statement(s); reject or move those first`,
          );
        }
        for (const statement of await pending(this.store, 'statements', { topicId: id }))
          this.set('statements', statement, { ...statement, ...this.stamp }, cause);
        break;
      }
      case 'statements':
        await this.rejectOrphanedTopic((record as Statement).topicId, cause);
        break;
      default:
        break;
    }
  }

  private async rejectStatement(statement: Statement, cause: Cause): Promise<void> {
    this.set('statements', statement, { ...statement, ...this.stamp }, cause);
    await this.rejectOrphanedTopic(statement.topicId, { kind: 'statements', id: statement.id });
  }

  /** A proposed topic no statement stands on any more is the extractor's invention alone: it goes too. */
  private async rejectOrphanedTopic(topicId: string, cause: Cause): Promise<void> {
    const topic = await this.store.get('topics', topicId);
    if (!topic || this.statusOf('topics', topic) !== 'proposed') return;
    const onTopic = await listAll((offset) => this.store.list('statements', { topicId, limit: 500, offset }));
    if (onTopic.every((s) => this.statusOf('statements', s) === 'rejected'))
      this.set('topics', topic, { ...topic, ...this.stamp }, cause);
  }
}

/** The pending records of a kind that match the filter, every page of them. */
async function pending<K extends 'statements' | 'relations' | 'affiliations'>(
  store: GraphStore,
  kind: K,
  filter: Record<string, string | undefined>,
): Promise<EntityMap[K][]> {
  return listAll((offset) =>
    store.list(kind, { ...filter, reviewStatus: 'proposed', limit: 500, offset } as never),
  ) as Promise<EntityMap[K][]>;
}

/** A correction may only point at records that exist; the issue names the corrected field. */
async function assertReferencesExist(
  store: GraphStore,
  kind: ProposalKind,
  changes: Record<string, unknown>,
): Promise<void> {
  const issues: FieldIssue[] = [];
  for (const { field, kind: target } of ENTITY_REFERENCES[kind]) {
    const value = changes[field];
    if (typeof value === 'string' && !(await store.get(target, value))) {
      issues.push({
        path: ['changes', field],
        location: 'body',
        message: `unknown ${ENTITY_NAMES[target]} '${value}'`,
      });
    }
  }
  if (issues.length > 0)
    throw new ValidationError('the correction refers to records that do not exist', issues);
}

function applyChanges<T extends object>(
  schema: z.ZodType<T>,
  current: T,
  changesSchema: z.ZodType,
  changes: Record<string, unknown> | undefined,
  stamp: object,
): T {
  const merged: Record<string, unknown> = { ...(current as Record<string, unknown>), ...stamp };
  if (changes) {
    const parsed = changesSchema.safeParse(changes);
    if (!parsed.success) {
      throw new ValidationError(
        'invalid changes',
        zodIssues(parsed.error, 'body').map((i) => ({ ...i, path: ['changes', ...i.path] })),
      );
    }
    for (const [field, value] of Object.entries(parsed.data as Record<string, unknown>)) {
      if (value === null) delete merged[field];
      else if (value !== undefined) merged[field] = value;
    }
  }
  const checked = schema.safeParse(merged);
  if (!checked.success) {
    throw new ValidationError(
      'the edited proposal would be invalid',
      zodIssues(checked.error, 'body').map((i) => ({ ...i, path: ['changes', ...i.path] })),
    );
  }
  return checked.data;
}

export const extractionQuerySchema = paginationSchema.extend({ reviewStatus: reviewStatusSchema.optional() });

export const extractionListSchema = z
  .object({
    documentId: z.string(),
    /** A page of the document's statements: `limit` of them from `offset`, of `total.statements`. */
    statements: z.array(statementSchema),
    /** A page of its relations, cut the same way, of `total.relations`. */
    relations: z.array(relationSchema),
    /** Proposed (or reviewed) actors the claims on this page name, in the claims or their affiliations. */
    actors: z.array(actorSchema),
    /** The topics of this page's statements; those entered by hand count as accepted. */
    topics: z.array(topicSchema),
    /** Proposed (or reviewed) affiliations of the actors this page's claims name. */
    affiliations: z.array(affiliationSchema),
    /** All the document's claims in the review status asked for, over every page. */
    total: z.object({ statements: z.number().int(), relations: z.number().int() }),
    limit: z.number().int(),
    offset: z.number().int(),
  })
  .meta({ id: 'ExtractionList' });

type ExtractionList = z.infer<typeof extractionListSchema>;
type ExtractionQuery = z.infer<typeof extractionQuerySchema>;

interface Claims {
  statements: Statement[];
  relations: Relation[];
}

const inStatus = <T extends { reviewStatus?: ReviewStatus }>(records: T[], reviewStatus?: ReviewStatus) =>
  reviewStatus === undefined
    ? records
    : records.filter((r) => (r.reviewStatus ?? 'accepted') === reviewStatus);

async function allClaims(store: GraphStore, documentId: string): Promise<Claims> {
  const claims = async <K extends 'statements' | 'relations'>(kind: K) =>
    (await listAll((offset) =>
      store.list(kind, { documentId, limit: 500, offset } as never),
    )) as EntityMap[K][];
  return { statements: await claims('statements'), relations: await claims('relations') };
}

/** The proposed (or reviewed) actors and affiliations the claims name, and the topics of the statements. */
async function namedBy(
  store: GraphStore,
  { statements, relations }: Claims,
): Promise<Pick<ExtractionList, 'actors' | 'topics' | 'affiliations'>> {
  const named = [
    ...new Set([...statements.map((s) => s.actorId), ...relations.flatMap((r) => [r.sourceId, r.targetId])]),
  ];
  const affiliations: Affiliation[] = [];
  for (const memberId of named) {
    for (const affiliation of await listAll((offset) =>
      store.list('affiliations', { memberId, limit: 500, offset }),
    )) {
      if (affiliation.reviewStatus !== undefined) affiliations.push(affiliation);
    }
  }
  const actorIds = new Set([...named, ...affiliations.map((a) => a.organizationId)]);
  const actors: Actor[] = (await store.getMany('actors', [...actorIds])).filter(
    (a) => a.reviewStatus !== undefined,
  );
  const topics: Topic[] = await store.getMany('topics', [...new Set(statements.map((s) => s.topicId))]);
  return { actors: actors.sort(byId), topics: topics.sort(byId), affiliations: affiliations.sort(byId) };
}

/**
 * A page of a document's proposals, all of them or those in one review status: its statements and its
 * relations, each list cut at `offset` and `limit`, with the actors, topics and affiliations those claims
 * name (each kept when its own status matches the filter). A 5 MB document has tens of thousands of
 * claims; a page holds at most `limit` of each.
 */
export async function listExtractions(
  store: GraphStore,
  documentId: string,
  { reviewStatus, limit, offset }: ExtractionQuery = { limit: 500, offset: 0 },
): Promise<ExtractionList> {
  if (!(await store.get('documents', documentId))) throw new NotFoundError('document', documentId);
  const page = async <K extends 'statements' | 'relations'>(kind: K): Promise<Page<EntityMap[K]>> => {
    // A claim entered by hand has no review status and counts as accepted, which the stores' filter
    // (on the stored field) does not see: that one status is filtered here, the rest by the store.
    if (reviewStatus === 'accepted') {
      const all = inStatus((await allClaims(store, documentId))[kind] as EntityMap[K][], reviewStatus);
      return { items: all.slice(offset, offset + limit), total: all.length };
    }
    return (await store.list(kind, { documentId, reviewStatus, limit, offset } as never)) as Page<
      EntityMap[K]
    >;
  };
  const statements = await page('statements');
  const relations = await page('relations');
  const named = await namedBy(store, { statements: statements.items, relations: relations.items });
  return {
    documentId,
    statements: statements.items,
    relations: relations.items,
    actors: inStatus(named.actors, reviewStatus),
    topics: inStatus(named.topics, reviewStatus),
    affiliations: inStatus(named.affiliations, reviewStatus),
    total: { statements: statements.total, relations: relations.total },
    limit,
    offset,
  };
}

function byId(a: { id: string }, b: { id: string }): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

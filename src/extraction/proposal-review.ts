import { z } from 'zod';
import { actorKindSchema, actorSchema, type Actor } from '../actors/actor-schema';
import { relationSchema, relationTypeSchema, type Relation } from '../relations/relation-schema';
import { slugIdSchema } from '../shared/common-schema';
import { ConflictError, NotFoundError, ValidationError } from '../shared/errors';
import { zodIssues } from '../shared/zod-issues';
import { polaritySchema, statementSchema, type Statement } from '../statements/statement-schema';
import type { GraphStore } from '../store/graph-store';
import type { Topic } from '../topics/topic-schema';
import type { ReviewOutcome } from './provenance-schema';

export const proposalKindSchema = z.enum(['actors', 'statements', 'relations']);
export type ProposalKind = z.infer<typeof proposalKindSchema>;

const statementChanges = z
  .object({
    actorId: slugIdSchema,
    topicId: slugIdSchema,
    polarity: polaritySchema,
    intensity: z.number().min(0).max(1),
    quote: z.string().min(1).max(5000).nullable(),
    note: z.string().max(2000).nullable(),
  })
  .partial()
  .strict();

const relationChanges = z
  .object({
    sourceId: slugIdSchema,
    targetId: slugIdSchema,
    type: relationTypeSchema,
    topicId: slugIdSchema.nullable(),
    quote: z.string().min(1).max(5000).nullable(),
    note: z.string().max(2000).nullable(),
  })
  .partial()
  .strict();

const actorChanges = z
  .object({
    name: z.string().trim().min(1).max(300),
    aliases: z.array(z.string().trim().min(1).max(300)).max(100),
    kind: actorKindSchema,
    country: z
      .string()
      .regex(/^[A-Z]{2}$/)
      .nullable(),
    description: z.string().max(5000).nullable(),
  })
  .partial()
  .strict();

export const reviewRequestSchema = z
  .object({
    action: z.enum(['accept', 'reject', 'edit']),
    reviewer: z.string().trim().min(1).max(200).meta({ description: 'who reviews: a name or an e-mail' }),
    /** For `edit`: the corrected fields (checked against the proposal's kind); `null` removes one. */
    changes: z.record(z.string(), z.unknown()).optional(),
  })
  .strict()
  .refine((r) => r.action !== 'edit' || (r.changes && Object.keys(r.changes).length > 0), {
    message: 'an edit needs the changed fields',
    path: ['changes'],
  })
  .meta({ id: 'ReviewRequest' });

export type ReviewRequest = z.infer<typeof reviewRequestSchema>;

export const reviewResultSchema = z
  .object({
    /** The reviewed record and every record the review changed with it. */
    actors: z.array(actorSchema),
    statements: z.array(statementSchema),
    relations: z.array(relationSchema),
  })
  .meta({ id: 'ReviewResult' });

export type ReviewResult = z.infer<typeof reviewResultSchema>;

/**
 * Accepts, rejects or corrects one proposal, recording who and when, in one write. Accepting a claim
 * accepts the proposed actors it names (an accepted statement by an unreviewed actor would be a claim
 * nobody vouched for); rejecting an actor rejects the pending claims that name it.
 */
export async function reviewProposal(
  store: GraphStore,
  documentId: string,
  kind: ProposalKind,
  id: string,
  request: ReviewRequest,
  now: Date = new Date(),
): Promise<ReviewResult> {
  const outcome: ReviewOutcome =
    request.action === 'edit' ? 'edited' : request.action === 'accept' ? 'accepted' : 'rejected';
  const stamp = {
    reviewStatus: outcome === 'rejected' ? ('rejected' as const) : ('accepted' as const),
    reviewedBy: request.reviewer,
    reviewedAt: now.toISOString(),
    reviewOutcome: outcome,
  };
  const result: ReviewResult = { actors: [], statements: [], relations: [] };

  if (kind === 'actors') {
    const actor = await store.get('actors', id);
    if (!actor) throw new NotFoundError('actor', id);
    if (actor.reviewStatus === undefined) throw new ConflictError(`actor '${id}' is not a proposal`);
    result.actors.push(applyChanges(actorSchema, actor, actorChanges, request.changes, stamp));
    if (outcome === 'rejected') await rejectClaimsOf(store, id, stamp, result);
  } else {
    const record = await store.get(kind, id);
    if (!record || record.documentId !== documentId) throw new NotFoundError(kind.slice(0, -1), id);
    const reviewed =
      kind === 'statements'
        ? applyChanges(statementSchema, record as Statement, statementChanges, request.changes, stamp)
        : applyChanges(relationSchema, record as Relation, relationChanges, request.changes, stamp);
    if (kind === 'statements') result.statements.push(reviewed as Statement);
    else result.relations.push(reviewed as Relation);
    if (outcome !== 'rejected') {
      const actorIds =
        kind === 'statements'
          ? [(reviewed as Statement).actorId]
          : [(reviewed as Relation).sourceId, (reviewed as Relation).targetId];
      for (const actor of await store.getMany('actors', actorIds)) {
        if (actor.reviewStatus === 'proposed')
          result.actors.push({ ...actor, ...stamp, reviewOutcome: 'accepted' });
      }
    }
  }
  await store.upsertSnapshot(result);
  return result;
}

function applyChanges<T extends object>(
  schema: z.ZodType<T>,
  current: T,
  changesSchema: z.ZodType<Record<string, unknown>>,
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
    for (const [field, value] of Object.entries(parsed.data)) {
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

async function rejectClaimsOf(
  store: GraphStore,
  actorId: string,
  stamp: object,
  result: ReviewResult,
): Promise<void> {
  for (const statement of await listAll((offset) =>
    store.list('statements', { actorId, reviewStatus: 'proposed', limit: 500, offset }),
  )) {
    result.statements.push({ ...statement, ...stamp } as Statement);
  }
  for (const relation of await listAll((offset) =>
    store.list('relations', { actorId, reviewStatus: 'proposed', limit: 500, offset }),
  )) {
    result.relations.push({ ...relation, ...stamp } as Relation);
  }
}

async function listAll<T>(page: (offset: number) => Promise<{ items: T[]; total: number }>): Promise<T[]> {
  const all: T[] = [];
  for (let offset = 0; ; offset += 500) {
    const { items, total } = await page(offset);
    all.push(...items);
    if (items.length === 0 || all.length >= total) return all;
  }
}

export const extractionListSchema = z
  .object({
    documentId: z.string(),
    statements: z.array(statementSchema),
    relations: z.array(relationSchema),
    /** Proposed (or reviewed) actors the document's claims name. */
    actors: z.array(actorSchema),
    topics: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        description: z.string().optional(),
        parentId: z.string().optional(),
      }),
    ),
  })
  .meta({ id: 'ExtractionList' });

export type ExtractionList = z.infer<typeof extractionListSchema>;

/** A document's proposals, all of them or those in one review status. */
export async function listExtractions(
  store: GraphStore,
  documentId: string,
  reviewStatus?: Statement['reviewStatus'],
): Promise<ExtractionList> {
  if (!(await store.get('documents', documentId))) throw new NotFoundError('document', documentId);
  const statements = await listAll((offset) =>
    store.list('statements', { documentId, reviewStatus, limit: 500, offset }),
  );
  const relations = await listAll((offset) =>
    store.list('relations', { documentId, reviewStatus, limit: 500, offset }),
  );
  const actorIds = new Set([
    ...statements.map((s) => s.actorId),
    ...relations.flatMap((r) => [r.sourceId, r.targetId]),
  ]);
  const actors: Actor[] = (await store.getMany('actors', [...actorIds]))
    .filter((a) => a.reviewStatus !== undefined)
    .sort((a, b) => a.id.localeCompare(b.id));
  const topics: Topic[] = (
    await store.getMany('topics', [...new Set(statements.map((s) => s.topicId))])
  ).sort((a, b) => a.id.localeCompare(b.id));
  return { documentId, statements, relations, actors, topics };
}

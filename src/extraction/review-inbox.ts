import { z } from 'zod';
import {
  extractionMethodSchema,
  minConfidenceQuerySchema,
  paginationSchema,
  reviewStatusSchema,
  slugIdSchema,
  textSchema,
  nameSchema,
} from '../model/common-schema';
import { relationSchema, type Relation } from '../model/relation-schema';
import { statementSchema, type Statement } from '../model/statement-schema';
import { StancegraphError, StoreUnavailableError } from '../shared/errors';
import type { GraphStore } from '../store/graph-store';
import { proposalKindSchema, reviewProposal } from './proposal-review';

/**
 * The review inbox: the claims (statements and relations) of every document in one list, filtered and
 * paged by the store, and a bulk review that sends each chosen proposal through `reviewProposal`, so that every rule
 * of a single review (evidence, cascades, the reviewer from a named key, review only through the
 * proposing document) holds for each of them.
 */

const claimKindSchema = z.enum(['statements', 'relations']);
type ClaimKind = z.infer<typeof claimKindSchema>;

export const inboxQuerySchema = paginationSchema.extend({
  status: reviewStatusSchema.default('proposed'),
  kind: claimKindSchema.optional().meta({ description: 'statements or relations; both when absent' }),
  extractor: extractionMethodSchema.optional().meta({ description: 'the method that proposed the claim' }),
  minConfidence: minConfidenceQuerySchema,
  documentId: slugIdSchema.optional(),
  actorId: slugIdSchema.optional().meta({
    description: "a statement's actor, or either end of a relation",
  }),
});

type InboxQuery = z.infer<typeof inboxQuerySchema>;

const namedSchema = z.object({ id: z.string(), name: z.string() });

export const inboxItemSchema = z
  .object({
    kind: claimKindSchema,
    /**
     * Each item is reviewed through this document (`POST /api/review/bulk` or the document's review
     * route); absent on a claim entered by hand, which has no proposal to review.
     */
    documentId: z.string().optional(),
    document: z.object({ id: z.string(), title: z.string() }).optional(),
    record: z.union([statementSchema, relationSchema]),
    /** The names of the actors and the topic the claim refers to, for reading it without more requests. */
    actors: z.array(namedSchema),
    topic: namedSchema.optional(),
  })
  .meta({ id: 'InboxItem' });

export const inboxPageSchema = z
  .object({
    items: z.array(inboxItemSchema),
    total: z.number().int(),
    limit: z.number().int(),
    offset: z.number().int(),
  })
  .meta({ id: 'InboxPage' });

type InboxItem = z.infer<typeof inboxItemSchema>;
type Claim = (Statement | Relation) & { documentId?: string };

/**
 * One page of claims across documents: the statements, then the relations, each in the store's order.
 * Every filter is the store's, so a page reads the page, however many claims wait.
 */
export async function listInbox(
  store: GraphStore,
  query: InboxQuery,
): Promise<z.infer<typeof inboxPageSchema>> {
  const kinds: ClaimKind[] = query.kind ? [query.kind] : ['statements', 'relations'];
  const shown: { kind: ClaimKind; record: Claim }[] = [];
  let skip = query.offset;
  let total = 0;
  for (const kind of kinds) {
    const want = query.limit - shown.length;
    // With the page full, one record is still read: the answer needs this kind's total.
    const page = await store.list(kind, {
      reviewStatus: query.status,
      documentId: query.documentId,
      actorId: query.actorId,
      method: query.extractor,
      minConfidence: query.minConfidence,
      limit: Math.max(want, 1),
      offset: skip,
    } as never);
    if (want > 0) shown.push(...(page.items as Claim[]).map((record) => ({ kind, record })));
    total += page.total;
    skip = Math.max(0, skip - page.total);
  }
  return { items: await describe(store, shown), total, limit: query.limit, offset: query.offset };
}

/** Adds the document's title and the names of the actors and topic to each claim of one page. */
async function describe(
  store: GraphStore,
  shown: { kind: ClaimKind; record: Claim }[],
): Promise<InboxItem[]> {
  const actorIds = new Set<string>();
  for (const { record } of shown) for (const id of actorsOf(record)) actorIds.add(id);
  const [actors, topics, documents] = await Promise.all([
    store.getMany('actors', [...actorIds]),
    store.getMany('topics', [...new Set(shown.flatMap(({ record }) => topicOf(record) ?? []))]),
    store.getMany('documents', [...new Set(shown.flatMap(({ record }) => record.documentId ?? []))]),
  ]);
  const actorName = new Map(actors.map((a) => [a.id, a.name]));
  const topicTitle = new Map(topics.map((t) => [t.id, t.title]));
  const documentTitle = new Map(documents.map((d) => [d.id, d.title]));
  return shown.map(({ kind, record }) => {
    const topicId = topicOf(record);
    return {
      kind,
      documentId: record.documentId!,
      document: {
        id: record.documentId!,
        title: documentTitle.get(record.documentId!) ?? record.documentId!,
      },
      record,
      actors: actorsOf(record).map((id) => ({ id, name: actorName.get(id) ?? id })),
      topic: topicId === undefined ? undefined : { id: topicId, name: topicTitle.get(topicId) ?? topicId },
    };
  });
}

const actorsOf = (record: Claim): string[] =>
  'actorId' in record ? [record.actorId] : [record.sourceId, record.targetId];
const topicOf = (record: Claim): string | undefined => record.topicId ?? undefined;

export const bulkReviewRequestSchema = z
  .object({
    items: z
      .array(
        z
          .object({
            documentId: z.string().min(1).max(200),
            kind: proposalKindSchema,
            id: z.string().min(1).max(200),
          })
          .strict(),
      )
      .min(1)
      .max(200),
    action: z.enum(['accept', 'reject']),
    reviewer: nameSchema(200).optional().meta({
      description: "who reviews; with named API keys (API_KEYS) the key's name, which this may only repeat",
    }),
    reason: textSchema(2000).min(1).optional().meta({ description: 'why: kept with each review' }),
  })
  .strict()
  .meta({ id: 'BulkReviewRequest' });

type BulkReviewRequest = z.infer<typeof bulkReviewRequestSchema>;

/** What became of one item: reviewed, or refused with the error a single review would have answered. */
export type BulkOutcome =
  | { ok: true; documentId: string; kind: string; id: string; changed: number }
  | { ok: false; documentId: string; kind: string; id: string; error: StancegraphError };

/**
 * Reviews each item in turn, each in its own write: one that is refused (unknown, reviewed already by
 * a cascade of an earlier item, resting on a rejected record, ...) leaves the others as they were
 * reviewed. A refusal that concerns the whole request (who the reviewer is) ends it before any write;
 * a store that stops answering ends it too, with the items from there on reported as not reviewed.
 */
export async function reviewMany(
  store: GraphStore,
  request: BulkReviewRequest,
  caller: string | undefined,
): Promise<BulkOutcome[]> {
  const outcomes: BulkOutcome[] = [];
  for (const [index, item] of request.items.entries()) {
    const review = { action: request.action, reviewer: request.reviewer, reason: request.reason };
    try {
      const result = await reviewProposal(store, item.documentId, item.kind, item.id, review, caller);
      const changed = Object.values(result).reduce((sum, records) => sum + records.length, 0);
      outcomes.push({ ok: true, ...item, changed });
    } catch (error) {
      if (!(error instanceof StancegraphError)) throw error;
      if (index === 0 && (isAboutTheReviewer(error) || error instanceof StoreUnavailableError)) throw error;
      if (error instanceof StoreUnavailableError) {
        // Not tried: each is reported with the store's answer, to be sent again later.
        for (const rest of request.items.slice(index)) outcomes.push({ ok: false, ...rest, error });
        break;
      }
      outcomes.push({ ok: false, ...item, error });
    }
  }
  return outcomes;
}

/** The reviewer's identity is the same for every item: when the first refuses it, all would. */
function isAboutTheReviewer(error: StancegraphError): boolean {
  const issues = (error as { issues?: { path: (string | number)[] }[] }).issues ?? [];
  return issues.some((issue) => issue.path[0] === 'reviewer');
}

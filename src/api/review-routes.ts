import { z } from 'zod';
import { defineRoute } from '../http/route-definition';
import { problemOf } from '../http/problem-middleware';
import { problemResponseSchema } from '../http/problem-schema';
import { proposalKindSchema } from '../extraction/proposal-review';
import {
  bulkReviewRequestSchema,
  inboxPageSchema,
  inboxQuerySchema,
  listInbox,
  reviewMany,
} from '../extraction/review-inbox';

const bulkOutcomeSchema = z
  .object({
    documentId: z.string(),
    kind: proposalKindSchema,
    id: z.string(),
    ok: z.boolean(),
    /** How many records the review wrote: the item and what its cascade accepted or rejected with it. */
    changed: z.number().int().optional(),
    /** Why the item was refused: the answer a single review of it would have given. */
    problem: problemResponseSchema.optional(),
  })
  .meta({ id: 'BulkReviewOutcome' });

const bulkResultSchema = z
  .object({ reviewed: z.number().int(), refused: z.number().int(), items: z.array(bulkOutcomeSchema) })
  .meta({ id: 'BulkReviewResult' });

/** The review inbox across documents, and reviewing many proposals at once. */
export const reviewRoutes = [
  defineRoute({
    method: 'get',
    path: '/review/inbox',
    tag: 'Documents',
    summary: 'List claims to review across documents',
    description:
      'Statements and relations of every document (or one), by default those still proposed, filtered by ' +
      'kind, the method that proposed them (`extractor`), `minConfidence` and an actor (a statement’s ' +
      'actor or either end of a relation); the statements, then the relations, each by id; paged, with ' +
      'the total. A claim entered by hand (with `status=accepted`) has no `documentId`: it has no proposal to review.',
    query: inboxQuerySchema,
    response: inboxPageSchema,
    handle: ({ query }, { store }) => listInbox(store, query),
  }),
  defineRoute({
    method: 'post',
    path: '/review/bulk',
    tag: 'Documents',
    summary: 'Accept or reject many proposals at once',
    description:
      'Reviews each item in order through its document, as `POST /api/documents/{id}/extractions/{kind}/' +
      '{proposalId}/review` would, each in its own write: an item that is refused (404 unknown or not ' +
      'proposed by that document, 409 resting on a rejected record, ...) is reported with its problem and ' +
      'the others are reviewed all the same. So the answer is 200 with one outcome per item, in order; ' +
      'a reviewer the request may not name is a 422 before anything is written.',
    body: bulkReviewRequestSchema,
    response: bulkResultSchema,
    errors: [422],
    handle: async ({ body, caller }, { store }) => {
      const outcomes = await reviewMany(store, body, caller);
      const items = outcomes.map((outcome) => {
        const { documentId, kind, id } = outcome;
        const where = `/api/documents/${documentId}/extractions/${kind}/${id}/review`;
        return outcome.ok
          ? { documentId, kind, id, ok: true, changed: outcome.changed }
          : { documentId, kind, id, ok: false, problem: problemOf(outcome.error, where) };
      });
      const reviewed = items.filter((item) => item.ok).length;
      return { reviewed, refused: items.length - reviewed, items };
    },
  }),
];

import { z } from 'zod';
import { idParamsSchema, entityRoutes } from './entity-routes';
import {
  extractionListSchema,
  extractionQuerySchema,
  listExtractions,
  proposalKindSchema,
  reviewProposal,
  reviewRequestSchema,
  reviewResultSchema,
} from '../extraction/proposal-review';
import { createExtractor } from '../extraction/extractor-factory';
import { defineRoute, Reply } from '../http/route-definition';
import { ingestJobsFor, jobSchema } from '../documents/ingest-jobs';
import { historyPageQuerySchema, historyPageSchema } from '../model/history-schema';
import { documentHistory } from '../entities/record-history';
import {
  ingestDocumentSchema,
  ingestResultSchema,
  reextractDocument,
  extractorChoiceSchema,
} from '../documents/document-ingest';

/** `?extractor=rules|llm`: which extractor reads the document, for this request only. */
const extractorQuerySchema = z.object({ extractor: extractorChoiceSchema.optional() });

const ingestQuerySchema = extractorQuerySchema.extend({
  wait: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true')
    .meta({ description: 'wait for the job and answer 201 with its result' }),
});

const proposalParamsSchema = z.object({
  id: z.string().min(1).max(200),
  kind: proposalKindSchema,
  proposalId: z.string().min(1).max(200),
});

/** Documents: plain CRUD, except that creating one ingests it (extraction included) and reviews follow. */
export const documentRoutes = [
  defineRoute({
    method: 'post',
    path: '/documents',
    tag: 'Documents',
    summary: 'Ingest a document',
    description:
      'Answers at once with 202 and a job (its Location is `/api/jobs/{id}`): the document is stored (one ' +
      'per distinct text) and read in a worker thread, which proposes the actors, statements and relations ' +
      'it contains, each with its evidence sentence, offsets, quote, confidence and extractor. Follow the ' +
      'job for its progress and result. With `?wait=true` the answer waits for the job and is 201 with the ' +
      'result, as a plain create. HTML is turned into text first; non-English text is stored without proposals.',
    query: ingestQuerySchema,
    body: ingestDocumentSchema,
    status: 202,
    response: jobSchema,
    alsoResponds: [{ status: 201, description: 'Ingested (with `?wait=true`)', schema: ingestResultSchema }],
    location: (job) => `/jobs/${(job as { id: string }).id}`,
    handle: async ({ query, body }, { store, config }) => {
      const extractor = body.extractor ?? query.extractor;
      // An extractor this service cannot run is refused now, not as a failed job later.
      createExtractor(config, extractor);
      const jobs = ingestJobsFor(store, config);
      const job = jobs.submit({ ...body, extractor });
      if (!query.wait) return job;
      const result = await jobs.wait(job.id);
      return new Reply(201, result, `/documents/${result.id}`);
    },
  }),
  ...entityRoutes('documents').filter((route) => !(route.method === 'post' && route.path === '/documents')),
  defineRoute({
    method: 'get',
    path: '/documents/{id}/extractions',
    tag: 'Documents',
    summary: "List a document's proposals",
    description:
      'Paged: `limit` statements and `limit` relations from `offset`, with the actors, topics and affiliations they name; `total` counts all of them.',
    params: idParamsSchema,
    query: extractionQuerySchema,
    response: extractionListSchema,
    errors: [404],
    handle: ({ params, query }, { store }) => listExtractions(store, params.id, query),
  }),
  defineRoute({
    method: 'post',
    path: '/documents/{id}/extractions',
    tag: 'Documents',
    summary: 'Run extraction on a stored document again',
    description:
      'Adds proposals the current extractor finds that are not stored yet; reviewed ones are kept.',
    params: idParamsSchema,
    response: ingestResultSchema,
    errors: [404],
    query: extractorQuerySchema,
    handle: ({ params, query }, { store, config }) =>
      reextractDocument(store, config, params.id, { extractor: query.extractor }),
  }),
  defineRoute({
    method: 'get',
    path: '/documents/{id}/history',
    tag: 'Documents',
    summary: 'The review history of a document',
    description:
      'Every event of every review made through the document (its proposals and what their reviews took along), oldest first.',
    params: idParamsSchema,
    query: historyPageQuerySchema,
    response: historyPageSchema,
    errors: [404],
    handle: ({ params, query }, { store }) => documentHistory(store, params.id, query),
  }),
  defineRoute({
    method: 'post',
    path: '/documents/{id}/extractions/{kind}/{proposalId}/review',
    tag: 'Documents',
    summary: 'Accept, reject or correct a proposal',
    description:
      'Reviewing a record already reviewed is allowed: its fields show the latest review, and every review ' +
      'is appended to the history (`history` in the answer lists the events this one appended).',
    params: proposalParamsSchema,
    body: reviewRequestSchema,
    response: reviewResultSchema,
    errors: [404, 409],
    handle: ({ params, body, caller }, { store }) =>
      reviewProposal(store, params.id, params.kind, params.proposalId, body, caller),
  }),
];

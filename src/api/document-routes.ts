import { z } from 'zod';
import { idParamsSchema, entityRoutes } from './entity-routes';
import {
  extractionListSchema,
  listExtractions,
  proposalKindSchema,
  reviewProposal,
  reviewRequestSchema,
  reviewResultSchema,
} from '../extraction/proposal-review';
import { defineRoute } from '../http/route-definition';
import { reviewStatusSchema } from '../model/common-schema';
import {
  ingestDocument,
  ingestDocumentSchema,
  ingestResultSchema,
  reextractDocument,
  extractorChoiceSchema,
} from '../documents/document-ingest';

/** `?extractor=rules|llm`: which extractor reads the document, for this request only. */
const extractorQuerySchema = z.object({ extractor: extractorChoiceSchema.optional() });

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
      'Stores the document (one per distinct text) and proposes the actors, statements and relations it ' +
      'contains, each with its evidence sentence, offsets, quote, confidence and extractor. HTML is turned ' +
      'into text first; non-English text is stored without proposals.',
    body: ingestDocumentSchema,
    query: extractorQuerySchema,
    status: 201,
    response: ingestResultSchema,
    location: (result) => `/documents/${(result as { id: string }).id}`,
    handle: ({ body, query }, { store, config }) =>
      ingestDocument(store, config, { ...body, extractor: body.extractor ?? query.extractor }),
  }),
  ...entityRoutes('documents').filter((route) => !(route.method === 'post' && route.path === '/documents')),
  defineRoute({
    method: 'get',
    path: '/documents/{id}/extractions',
    tag: 'Documents',
    summary: "List a document's proposals",
    params: idParamsSchema,
    query: z.object({ reviewStatus: reviewStatusSchema.optional() }),
    response: extractionListSchema,
    errors: [404],
    handle: ({ params, query }, { store }) => listExtractions(store, params.id, query.reviewStatus),
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
      reextractDocument(store, config, params.id, query.extractor),
  }),
  defineRoute({
    method: 'post',
    path: '/documents/{id}/extractions/{kind}/{proposalId}/review',
    tag: 'Documents',
    summary: 'Accept, reject or correct a proposal',
    params: proposalParamsSchema,
    body: reviewRequestSchema,
    response: reviewResultSchema,
    errors: [404, 409],
    handle: ({ params, body }, { store }) =>
      reviewProposal(store, params.id, params.kind, params.proposalId, body),
  }),
];

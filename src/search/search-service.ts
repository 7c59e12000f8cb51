/**
 * search/: full-text search across quotes, evidence sentences and documents, and `?q=` on statements, with
 * highlighted snippets. The stores' own indexes find the records (GraphStore.searchText). Uses model and
 * store.
 */
import { z } from 'zod';
import { documentSchema } from '../model/document-schema';
import { reviewStatusSchema, type Page, type ReviewStatus } from '../model/common-schema';
import { relationSchema } from '../model/relation-schema';
import { statementListQuerySchema, statementSchema, type Statement } from '../model/statement-schema';
import type { GraphStore, TextSearchHit } from '../store/graph-store';
import { searchTerms, type SearchKind } from '../store/text-search';
import { ValidationError } from '../shared/errors';

const SEARCH_KINDS = ['statements', 'relations', 'documents'] as const;

/** A comma-separated list of enum values in a query string. */
const commaList = <T extends string>(values: readonly [T, ...T[]], description: string) =>
  z
    .string()
    .transform((text) =>
      text
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(values)).min(1))
    .meta({ description });

const queryText = z
  .string()
  .trim()
  .min(1)
  .max(300)
  .refine((q) => searchTerms(q).length > 0, { message: 'must contain a word' })
  .meta({ description: 'words to find; every word must start a word of the same field' });

export const searchQuerySchema = z.object({
  q: queryText,
  kinds: commaList(SEARCH_KINDS, 'statements, relations, documents (all by default)').optional(),
  reviewStatus: commaList(
    reviewStatusSchema.options as ['proposed', ...ReviewStatus[]],
    'review statuses of the claims to include; accepted and proposed by default, rejected only when asked',
  ).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(10_000).default(0),
});

const snippetSchema = z.object({
  text: z.string(),
  highlights: z.array(z.object({ start: z.number().int(), end: z.number().int() })),
  offset: z.number().int().meta({ description: 'where the snippet starts in the whole field' }),
});

export const searchHitSchema = z
  .object({
    kind: z.enum(SEARCH_KINDS),
    id: z.string(),
    field: z.enum(['quote', 'evidence', 'title', 'text']),
    snippet: snippetSchema,
    documentId: z.string().optional(),
    reviewStatus: reviewStatusSchema.optional(),
    /** The statement or relation; for a document, its fields without the text. */
    record: z.union([statementSchema, relationSchema, documentSchema.omit({ text: true })]).optional(),
  })
  .meta({ id: 'SearchHit' });

export const searchResultSchema = z.object({ items: z.array(searchHitSchema), total: z.number().int() });

type SearchQuery = z.infer<typeof searchQuerySchema>;
type SearchHit = z.infer<typeof searchHitSchema>;

const DEFAULT_STATUSES: ReviewStatus[] = ['accepted', 'proposed'];

/** GET /api/search: the best matches first, each with its record and a highlighted snippet. */
export async function searchEverything(store: GraphStore, query: SearchQuery): Promise<Page<SearchHit>> {
  const page = await store.searchText({
    terms: searchTerms(query.q),
    kinds: query.kinds ?? SEARCH_KINDS,
    reviewStatuses: query.reviewStatus ?? DEFAULT_STATUSES,
    limit: query.limit,
    offset: query.offset,
  });
  return { total: page.total, items: await withRecords(store, page.items) };
}

async function withRecords(store: GraphStore, hits: TextSearchHit[]): Promise<SearchHit[]> {
  const idsOf = (kind: SearchKind) => hits.filter((h) => h.kind === kind).map((h) => h.id);
  const records = new Map<string, SearchHit['record']>();
  for (const s of await store.getMany('statements', idsOf('statements')))
    records.set(`statements:${s.id}`, s);
  for (const r of await store.getMany('relations', idsOf('relations'))) records.set(`relations:${r.id}`, r);
  for (const d of await store.getMany('documents', idsOf('documents'))) {
    const { text: _text, ...rest } = d;
    records.set(`documents:${d.id}`, rest);
  }
  return hits.map((hit) => ({ ...hit, record: records.get(`${hit.kind}:${hit.id}`) }));
}

/** The most statement matches `?q=` on /api/statements filters and pages through. */
const STATEMENT_SEARCH_CAP = 1000;

/**
 * GET /api/statements?q=: statements whose quote or evidence sentence has the words, with the list's
 * other filters, in id order like the plain list. Reads at most 1000 matches.
 */
export async function searchStatements(
  store: GraphStore,
  query: z.infer<typeof statementListQuerySchema> & { q: string },
): Promise<Page<Statement>> {
  const terms = searchTerms(query.q);
  if (terms.length === 0) {
    throw new ValidationError('invalid query', [
      { path: ['q'], location: 'query', message: 'must contain a word' },
    ]);
  }
  const hits = await store.searchText({
    terms,
    kinds: ['statements'],
    reviewStatuses: query.reviewStatus ? [query.reviewStatus] : reviewStatusSchema.options,
    limit: STATEMENT_SEARCH_CAP,
    offset: 0,
  });
  const statements = (
    await store.getMany(
      'statements',
      hits.items.map((h) => h.id),
    )
  )
    .filter(
      (s) =>
        (!query.actorId || s.actorId === query.actorId) &&
        (!query.topicId || s.topicId === query.topicId) &&
        (!query.documentId || s.documentId === query.documentId) &&
        (!query.polarity || s.polarity === query.polarity) &&
        (!query.method || s.method === query.method) &&
        // an undated statement is in a window only when it has no bounds, as everywhere else
        (!query.from || (s.statedAt !== undefined && s.statedAt >= query.from)) &&
        (!query.to || (s.statedAt !== undefined && s.statedAt <= query.to)),
    )
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { total: statements.length, items: statements.slice(query.offset, query.offset + query.limit) };
}

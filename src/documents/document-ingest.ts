/**
 * documents/: taking a document in (text from HTML or Markdown, extraction, proposals written for review).
 * Uses model, store, entities and extraction.
 */
import { z } from 'zod';
import type { Config } from '../config/config';
import type { Extractor, ExtractionContext } from '../extraction/extractor';
import { createExtractor, type ExtractorChoice } from '../extraction/extractor-factory';
import { rejectedItemSchema, type RejectedItem } from '../extraction/extraction-schema';
import { proposalRecords, type ProposalSet } from '../extraction/proposal-records';
import { extractorInfoSchema } from '../model/provenance-schema';
import { NotFoundError } from '../shared/errors';
import { shortHash } from '../shared/ids';
import type { GraphStore } from '../store/graph-store';
import { createDocumentSchema, documentSchema, type StoredDocument } from '../model/document-schema';
import { buildDocument } from '../model/document-builder';
import { looksEnglish, plainText } from './document-text';

export const extractorChoiceSchema = z.enum(['rules', 'llm']);

export const ingestDocumentSchema = z
  .object({
    ...createDocumentSchema.shape,
    text: z.string().max(10_000_000),
    format: z
      .enum(['text', 'markdown', 'html'])
      .optional()
      .meta({ description: 'how `text` is written; HTML is detected when absent' }),
    extractor: extractorChoiceSchema
      .optional()
      .meta({ description: 'which extractor reads this document; the service’s own when absent' }),
  })
  .strict()
  .meta({ id: 'IngestDocument' });

const proposalCountsSchema = z.object({
  actors: z.number().int(),
  topics: z.number().int(),
  statements: z.number().int(),
  relations: z.number().int(),
  affiliations: z.number().int(),
});

/** The stored document, with what ingesting it did. */
export const ingestResultSchema = documentSchema
  .extend({
    /** True when a document with the same text was already stored: nothing new was written. */
    duplicate: z.boolean(),
    extraction: z.object({
      extractor: extractorInfoSchema,
      /** Why no extraction ran (non-English text, a duplicate). */
      skipped: z.string().optional(),
      /** The extractor failed; the document is stored and can be extracted again. */
      error: z.string().optional(),
      written: proposalCountsSchema,
      /** Items of the extractor's answer left out, each by list, index and field; the rest was kept. */
      rejected: z.array(rejectedItemSchema).optional(),
    }),
  })
  .meta({ id: 'IngestResult' });

export type IngestDocument = z.infer<typeof ingestDocumentSchema>;
type IngestResult = z.infer<typeof ingestResultSchema>;

const NOTHING = { actors: 0, topics: 0, statements: 0, relations: 0, affiliations: 0 };

/**
 * Stores a document and its proposals in one transaction: the same text twice is one document, text the
 * extractor cannot read is stored without proposals, and a failing extractor never leaves half a graph.
 */
export async function ingestDocument(
  store: GraphStore,
  config: Config,
  input: IngestDocument,
  extractor: Extractor = createExtractor(config, input.extractor),
): Promise<IngestResult> {
  const { format, extractor: _choice, ...fields } = input;
  const text = plainText(input.text, format);
  let document = buildDocument({ ...fields, text });
  const duplicate = await store.findDocumentByHash(document.contentHash);
  if (duplicate) {
    return {
      ...duplicate,
      duplicate: true,
      extraction: { extractor: extractor.info, skipped: 'duplicate document', written: NOTHING },
    };
  }
  if (await store.get('documents', document.id)) {
    // Another document has this title and date: keep both, told apart by their content.
    document = { ...document, id: `${document.id.slice(0, 100)}-${shortHash(document.contentHash)}` };
  }
  const english = looksEnglish(text) && (!input.language || /^en\b/.test(input.language));
  document = { ...document, language: input.language ?? (english ? 'en' : undefined) };
  if (!english) {
    await store.upsertSnapshot({ documents: [document] });
    return {
      ...document,
      duplicate: false,
      extraction: { extractor: extractor.info, skipped: 'not English text', written: NOTHING },
    };
  }
  return extractInto(store, config, document, extractor, true);
}

/** Runs extraction on a stored document again; records already there (and their reviews) are kept. */
export async function reextractDocument(
  store: GraphStore,
  config: Config,
  documentId: string,
  choice?: ExtractorChoice,
  extractor: Extractor = createExtractor(config, choice),
): Promise<IngestResult> {
  const document = await store.get('documents', documentId);
  if (!document) throw new NotFoundError('document', documentId);
  if (!document.text) {
    return {
      ...document,
      duplicate: false,
      extraction: { extractor: extractor.info, skipped: 'the document has no text', written: NOTHING },
    };
  }
  return extractInto(store, config, document, extractor, false);
}

async function extractInto(
  store: GraphStore,
  config: Config,
  document: StoredDocument,
  extractor: Extractor,
  isNew: boolean,
): Promise<IngestResult> {
  let proposals: ProposalSet;
  let rejected: RejectedItem[] | undefined;
  try {
    const draft = await extractor.extract(document.text!, await extractionContext(store));
    rejected = draft.rejected;
    proposals = await proposalRecords(store, document, draft, extractor, {
      autoAcceptAbove: config.extraction.autoAcceptAbove,
      now: new Date(),
    });
  } catch (error) {
    if (isNew) await store.upsertSnapshot({ documents: [document] });
    const message = error instanceof Error ? error.message : String(error);
    return {
      ...document,
      duplicate: false,
      extraction: { extractor: extractor.info, error: message, written: NOTHING },
    };
  }
  const fresh = await onlyNew(store, proposals);
  await store.upsertSnapshot({ ...(isNew ? { documents: [document] } : {}), ...fresh });
  return {
    ...document,
    duplicate: false,
    extraction: {
      extractor: extractor.info,
      written: {
        actors: fresh.actors.length,
        topics: fresh.topics.length,
        statements: fresh.statements.length,
        relations: fresh.relations.length,
        affiliations: fresh.affiliations.length,
      },
      ...(rejected ? { rejected } : {}),
    },
  };
}

/** Never overwrite: a record already stored may have been reviewed since. */
async function onlyNew(store: GraphStore, proposals: ProposalSet): Promise<ProposalSet> {
  const fresh = async <K extends keyof ProposalSet>(kind: K): Promise<ProposalSet[K]> => {
    const records = proposals[kind] as { id: string }[];
    const existing = new Set(
      (
        await store.getMany(
          kind,
          records.map((r) => r.id),
        )
      ).map((r) => r.id),
    );
    return records.filter((r) => !existing.has(r.id)) as ProposalSet[K];
  };
  const statements = await fresh('statements');
  const relations = await fresh('relations');
  const affiliations = await fresh('affiliations');
  // Topics are written only for the statements that are: a re-run must not leave orphan topics.
  const topicIds = new Set(statements.map((s) => s.topicId));
  return {
    actors: await fresh('actors'),
    topics: (await fresh('topics')).filter((t) => topicIds.has(t.id)),
    statements,
    relations,
    affiliations,
  };
}

/** The graph's actors and topics (except rejected ones), for the extractor to recognise. */
async function extractionContext(store: GraphStore): Promise<ExtractionContext> {
  const knownActors: ExtractionContext['knownActors'][number][] = [];
  for await (const batch of store.readAll('actors', 500)) {
    for (const actor of batch) if (actor.reviewStatus !== 'rejected') knownActors.push(actor);
  }
  const topics: ExtractionContext['topics'][number][] = [];
  for await (const batch of store.readAll('topics', 500)) {
    for (const topic of batch) if (topic.reviewStatus !== 'rejected') topics.push(topic);
  }
  return { knownActors, topics };
}

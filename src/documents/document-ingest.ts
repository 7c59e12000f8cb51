/**
 * documents/: taking a document in (text from HTML or Markdown, extraction, proposals written for review).
 * Uses model, store, entities and extraction.
 */
import { z } from 'zod';
import type { Config } from '../config/config';
import type { ExtractionContext } from '../extraction/extractor';
import { rejectedItemSchema, type ExtractionResult } from '../extraction/extraction-schema';
import { createExtractor, type ExtractorChoice } from '../extraction/extractor-factory';
import { proposalRecords, type ProposalSet } from '../extraction/proposal-records';
import { extractorInfoSchema } from '../model/provenance-schema';
import { NotFoundError } from '../shared/errors';
import { EVENT_LOOP_SLICE_MS, eventLoopPacer } from '../shared/event-loop';
import { shortHash } from '../shared/ids';
import type { GraphStore } from '../store/graph-store';
import { createDocumentSchema, documentSchema, type StoredDocument } from '../model/document-schema';
import { buildDocument } from '../model/document-builder';
import { looksEnglish } from './document-text';
import { ExtractionPool } from './extraction-pool';

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
export type IngestResult = z.infer<typeof ingestResultSchema>;

/** Where an ingest is: rendering the text, reading it (`done` of `total` stretches), writing proposals. */
export type IngestPhase = 'reading' | 'extracting' | 'writing';

export interface IngestOptions {
  /** The worker threads that do the reading; the process-wide pool when absent. */
  pool?: ExtractionPool;
  onProgress?: (phase: IngestPhase, done: number, total: number) => void;
  /** The extractor this request asks for; the service's own (EXTRACTOR) when absent. */
  extractor?: ExtractorChoice;
}

const NOTHING = { actors: 0, topics: 0, statements: 0, relations: 0, affiliations: 0 };

let sharedPool: ExtractionPool | undefined;
/** The process-wide pool of extraction threads (idle threads exit, so it never keeps a process alive). */
export function extractionPool(): ExtractionPool {
  sharedPool ??= new ExtractionPool();
  return sharedPool;
}

/**
 * Stores a document and its proposals in one transaction: the same text twice is one document, text the
 * extractor cannot read is stored without proposals, and a failing extractor never leaves half a graph.
 * Rendering and extraction run in worker threads; only reading the graph and writing happen here.
 */
export async function ingestDocument(
  store: GraphStore,
  config: Config,
  input: IngestDocument,
  options: IngestOptions = {},
): Promise<IngestResult> {
  const pool = options.pool ?? extractionPool();
  const choice = input.extractor ?? options.extractor;
  const info = createExtractor(config, choice).info;
  const { format, extractor: _choice, ...fields } = input;
  options.onProgress?.('reading', 0, 1);
  const text = await pool.renderText(input.text, format);
  const built = buildDocument({ ...fields, text });
  const storeOnce = async (): Promise<IngestResult> => {
    const found = await duplicateOf(store, built, info);
    if (found.duplicate) return found.duplicate;
    return ingestNew(store, config, input, found.document, text, pool, info, {
      ...options,
      extractor: choice,
    });
  };
  // The same text posted again while the first copy is still being read waits for it, and is then
  // answered as its duplicate, instead of reading the text again. The first post is entered before it
  // looks for a stored copy (nothing is awaited in between): a store that answers over the network would
  // otherwise let every copy posted meanwhile slip past and be read in full.
  const reading = inFlight(store);
  for (let earlier = reading.get(built.contentHash); earlier; earlier = reading.get(built.contentHash)) {
    if (
      await earlier.then(
        () => true,
        () => false,
      )
    )
      return storeOnce();
  }
  const ingest = storeOnce();
  reading.set(built.contentHash, ingest);
  try {
    return await ingest;
  } finally {
    reading.delete(built.contentHash);
  }
}

const readingByStore = new WeakMap<GraphStore, Map<string, Promise<IngestResult>>>();
/** The ingests of each store still reading a text, by the text's content hash. */
function inFlight(store: GraphStore): Map<string, Promise<IngestResult>> {
  let reading = readingByStore.get(store);
  if (!reading) readingByStore.set(store, (reading = new Map()));
  return reading;
}

async function ingestNew(
  store: GraphStore,
  config: Config,
  input: IngestDocument,
  stored: StoredDocument,
  text: string,
  pool: ExtractionPool,
  info: IngestResult['extraction']['extractor'],
  options: IngestOptions,
): Promise<IngestResult> {
  let document = stored;
  const english = looksEnglish(text) && (!input.language || /^en\b/.test(input.language));
  document = { ...document, language: input.language ?? (english ? 'en' : undefined) };
  if (!english) {
    return writeOnce(store, document, info, async () => {
      await store.upsertSnapshot({ documents: [document] });
      return {
        ...document,
        duplicate: false,
        extraction: { extractor: info, skipped: 'not English text', written: NOTHING },
      };
    });
  }
  return extractInto(store, config, document, pool, true, options);
}

/** The stored document with the same text, answered as a duplicate; or the document, with a free id. */
async function duplicateOf(
  store: GraphStore,
  document: StoredDocument,
  info: IngestResult['extraction']['extractor'],
): Promise<{ duplicate?: IngestResult; document: StoredDocument }> {
  const duplicate = await store.findDocumentByHash(document.contentHash);
  if (duplicate) {
    return {
      document,
      duplicate: {
        ...duplicate,
        duplicate: true,
        extraction: { extractor: info, skipped: 'duplicate document', written: NOTHING },
      },
    };
  }
  if (await store.get('documents', document.id)) {
    // Another document has this title and date: keep both, told apart by their content.
    return {
      document: { ...document, id: `${document.id.slice(0, 100)}-${shortHash(document.contentHash)}` },
    };
  }
  return { document };
}

/**
 * Documents are written one at a time, each after a fresh look for the same text: two posts of one
 * article that were read side by side still store it, and its proposals, once.
 */
let writeQueue: Promise<unknown> = Promise.resolve();
function writeOnce(
  store: GraphStore,
  document: StoredDocument,
  info: IngestResult['extraction']['extractor'],
  write: (document: StoredDocument) => Promise<IngestResult>,
): Promise<IngestResult> {
  const turn = writeQueue.then(async () => {
    const found = await duplicateOf(store, document, info);
    return found.duplicate ?? write(found.document);
  });
  writeQueue = turn.catch(() => undefined);
  return turn;
}

/** Runs extraction on a stored document again; records already there (and their reviews) are kept. */
export async function reextractDocument(
  store: GraphStore,
  config: Config,
  documentId: string,
  options: IngestOptions = {},
): Promise<IngestResult> {
  const document = await store.get('documents', documentId);
  if (!document) throw new NotFoundError('document', documentId);
  if (!document.text) {
    return {
      ...document,
      duplicate: false,
      extraction: {
        extractor: createExtractor(config, options.extractor).info,
        skipped: 'the document has no text',
        written: NOTHING,
      },
    };
  }
  return extractInto(store, config, document, options.pool ?? extractionPool(), false, options);
}

async function extractInto(
  store: GraphStore,
  config: Config,
  document: StoredDocument,
  pool: ExtractionPool,
  isNew: boolean,
  { onProgress, extractor: choice }: IngestOptions,
): Promise<IngestResult> {
  const extractor = createExtractor(config, choice);
  let draft: ExtractionResult | undefined;
  let failure: string | undefined;
  try {
    onProgress?.('extracting', 0, 1);
    draft = await pool.extract(
      document.text!,
      await extractionContext(store),
      config.extraction,
      choice,
      (done, total) => onProgress?.('extracting', done, total),
    );
  } catch (error) {
    failure = error instanceof Error ? error.message : String(error);
  }
  onProgress?.('writing', 0, 1);
  const write = async (stored: StoredDocument): Promise<IngestResult> => {
    let proposals: ProposalSet | undefined;
    if (draft) {
      try {
        proposals = await proposalRecords(store, stored, draft, extractor, {
          autoAcceptAbove: config.extraction.autoAcceptAbove,
          now: new Date(),
        });
      } catch (error) {
        failure = error instanceof Error ? error.message : String(error);
      }
    }
    if (!proposals) {
      if (isNew) await store.upsertSnapshot({ documents: [stored] });
      return {
        ...stored,
        duplicate: false,
        extraction: { extractor: extractor.info, error: failure ?? 'no proposals', written: NOTHING },
      };
    }
    const fresh = await onlyNew(store, proposals);
    await store.upsertSnapshot({ ...(isNew ? { documents: [stored] } : {}), ...fresh });
    return {
      ...stored,
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
        ...(draft?.rejected ? { rejected: draft.rejected } : {}),
      },
    };
  };
  return isNew ? writeOnce(store, document, extractor.info, write) : write(document);
}

/** Ids looked up at once: a 5 MB document's 22,000 claims read in one call held the service's thread. */
const LOOKUP_BATCH = 1000;

/** Never overwrite: a record already stored may have been reviewed since. */
async function onlyNew(store: GraphStore, proposals: ProposalSet): Promise<ProposalSet> {
  const handBack = eventLoopPacer(EVENT_LOOP_SLICE_MS);
  const fresh = async <K extends keyof ProposalSet>(kind: K): Promise<ProposalSet[K]> => {
    const records = proposals[kind] as { id: string }[];
    const existing = new Set<string>();
    for (let start = 0; start < records.length; start += LOOKUP_BATCH) {
      const ids = records.slice(start, start + LOOKUP_BATCH).map((r) => r.id);
      for (const stored of await store.getMany(kind, ids)) existing.add(stored.id);
      await handBack();
    }
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

/**
 * extraction/: reading a document into proposed actors, topics, statements, relations and affiliations
 * (the rules extractor and the optional LLM extractor), and the review of those proposals. Uses model,
 * store and config.
 */
import type { Topic } from '../model/topic-schema';
import type { KnownActor } from './actor-mentions';
import type { ExtractionResult } from './extraction-schema';
import type { ExtractorInfo } from '../model/provenance-schema';

/** What the graph already holds that an extractor should reuse rather than propose again. */
export interface ExtractionContext {
  knownActors: readonly KnownActor[];
  topics: readonly Pick<Topic, 'id' | 'title' | 'description'>[];
}

/** Turns a document's text into proposals. The rules extractor is the default; an LLM one is optional. */
export interface Extractor {
  readonly info: ExtractorInfo;
  readonly method: 'rules' | 'llm';
  extract(text: string, context: ExtractionContext): Promise<ExtractionResult>;
}

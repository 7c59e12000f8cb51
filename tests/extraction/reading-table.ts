import { RulesExtractor } from '../../src/extraction/rules-extractor';
import type { ExtractionContext } from '../../src/extraction/extractor';
import type { ExtractionDraft } from '../../src/extraction/extraction-schema';

/**
 * Reads a few sentences with the rules extractor and returns what a reviewer would see: each proposed
 * statement as "actor: polarity on topic", each relation as "source type target". Used by the
 * table-driven tests (sentence -> expected reading) of each stage.
 */
export interface Reading {
  draft: ExtractionDraft;
  actors: string[];
  statements: { actor: string; polarity: string; topic: string; quote?: string; sentence: string }[];
  relations: string[];
}

const extractor = new RulesExtractor();

export async function read(
  text: string,
  context: ExtractionContext = { knownActors: [], topics: [] },
): Promise<Reading> {
  const draft = await extractor.extract(text, context);
  const nameOf = (key: string) => draft.actors.find((a) => a.key === key)?.name ?? key;
  return {
    draft,
    actors: draft.actors.map((a) => a.name),
    statements: draft.statements.map((s) => ({
      actor: nameOf(s.actorKey),
      polarity: s.polarity,
      topic: s.topic.title,
      quote: s.quote,
      sentence: s.evidence.sentence,
    })),
    relations: draft.relations.map((r) => `${nameOf(r.sourceKey)} ${r.type} ${nameOf(r.targetKey)}`),
  };
}

/** The polarity the actor (matched by a word of their name) takes in the reading, if any. */
export function stanceOf(reading: Reading, actor: string): string[] {
  return reading.statements.filter((s) => s.actor.includes(actor)).map((s) => s.polarity);
}

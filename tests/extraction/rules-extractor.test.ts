import { RulesExtractor } from '../../src/extraction/rules-extractor';
import type { ExtractionDraft } from '../../src/extraction/extraction-schema';
import { loadGoldFixtures, loadSeedGold } from '../../scripts/extraction-scoring';

/**
 * What the rules extractor reads in real news text, one reading at a time, through its public
 * interface. The quality floors measure all of it together; these name the behaviours they rest on.
 */
const extractor = new RulesExtractor();

async function extract(name: string): Promise<ExtractionDraft> {
  const gold = name === 'seed' ? loadSeedGold() : loadGoldFixtures().find((g) => g.name.startsWith(name))!;
  return extractor.extract(gold.text, { knownActors: [], topics: [] });
}

const keyOf = (draft: ExtractionDraft, name: string) => draft.actors.find((a) => a.name === name)?.key;
const topicOf = (draft: ExtractionDraft, actor: string, sentence: RegExp) =>
  draft.statements.find((s) => s.actorKey === keyOf(draft, actor) && sentence.test(s.evidence.sentence))
    ?.topic.title;

it('puts a vote on a resolution and the strikes it would limit on two questions, not one', async () => {
  const draft = await extract('alleghenyadvocate');
  const resolution = topicOf(draft, 'John Fetterman', /vote against advancing the measure/);
  expect(resolution).toBeDefined();
  // "Two Republicans, Sens. Rand Paul ... and Lisa Murkowski ..., joined": the people, not the party.
  expect(topicOf(draft, 'Rand Paul', /joined nearly all Democrats/)).toBe(resolution);
  expect(topicOf(draft, 'Lisa Murkowski', /joined nearly all Democrats/)).toBe(resolution);
  expect(draft.actors.map((a) => a.name)).not.toContain('Republicans');
  const strikes = topicOf(draft, 'Pete Hegseth', /These attacks will continue/);
  expect(strikes).toBeDefined();
  expect(strikes).not.toBe(resolution);
});

it('titles a proposed topic by the noun phrase of the question', async () => {
  const draft = await extract('seed');
  expect(topicOf(draft, 'Trump administration', /^The White House is considering an air strike/)).toMatch(
    /^(?:Air strike on Mexico|Drone attack on Mexico's cartels)$/,
  );
});

it('gives a quotation left open before its attribution to the speaker named after it', async () => {
  const draft = await extract('seed');
  const vigil = draft.statements.find(
    (s) => s.actorKey === keyOf(draft, 'Mike Vigil') && /military problem/.test(s.evidence.sentence),
  );
  expect(vigil).toMatchObject({ polarity: 'oppose' });
  expect(vigil?.quote).toMatch(/^nothing more than a bathtub|^It's not a military problem/);
});

it('reads relations the grammar leaves implicit from the sentences before', async () => {
  const draft = await extract('seed');
  const relation = (source: string, type: string, target: string) =>
    draft.relations.some(
      (r) => r.sourceKey === keyOf(draft, source) && r.targetKey === keyOf(draft, target) && r.type === type,
    );
  // "This apparently involves reconnaissance flights, which, according to Mexico's President Claudia
  // Sheinbaum, are also authorized": after a sentence on what the US military and intelligence services do.
  expect(relation('Mexican government', 'authorizes', 'US military')).toBe(true);
  expect(relation('Mexican government', 'authorizes', 'US intelligence services')).toBe(true);
  // "Mexico coordinates and cooperates, but does not subordinate itself."
  expect(relation('Mexico', 'cooperates_with', 'United States')).toBe(true);
});

it('takes a withdrawal of support for pressure by whoever announces it, and a denial for no relation', async () => {
  const draft = await extract('caribbeanfocus');
  // "He said the U.S. would stop giving financial support to Colombia because Petro “does nothing” ..."
  const about = draft.relations.filter((r) => /stop giving financial support/.test(r.evidence.sentence));
  expect(about).toContainEqual(
    expect.objectContaining({
      sourceKey: keyOf(draft, 'Donald Trump'),
      targetKey: keyOf(draft, 'Colombia'),
      type: 'pressures',
    }),
  );
  expect(about.filter((r) => r.type === 'supports')).toEqual([]);
});

it('reads a relation told inside a quotation, and leaves a reported clause its own subject', async () => {
  const draft = await extract('antiwar');
  const types = (source: string, target: string) =>
    draft.relations
      .filter((r) => r.sourceKey === keyOf(draft, source) && r.targetKey === keyOf(draft, target))
      .map((r) => r.type);
  // “... US Military Forces conducted a kinetic strike against positively identified Tren de Aragua ...”
  expect(types('US military', 'Tren de Aragua')).toContain('attacks');
  // "Tren de Aragua (TDA), a Venezuelan gang that the Trump administration recently designated as ..."
  expect(types('Trump administration', 'Tren de Aragua')).toContain('sanctions');
  // "President Trump claimed ... that a US military strike on a boat near Venezuela targeted Tren de Aragua"
  expect(types('Donald Trump', 'Tren de Aragua')).toEqual([]);
});

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { HOSTILE_RELATION_TYPES, type RelationType } from '../src/model/relation-vocabulary';
import type { ExtractionDraft } from '../src/extraction/extraction-schema';
import type { GraphSnapshot } from '../src/model/entity-kinds';

/** One hand-annotated document, in the format of tests/fixtures/extraction/README.md. */
export interface GoldDocument {
  name: string;
  text: string;
  actors: { name: string; aliases: string[]; kind?: string }[];
  statements: { actor: string; polarity: string; topic: string; quote: string | null; sentence: string }[];
  relations: { source: string; target: string; type: string; sentence: string }[];
  oppositionPairs: [string, string][];
}

export interface Counts {
  actorsPredicted: number;
  actorsPredictedCorrect: number;
  actorsGold: number;
  actorsGoldFound: number;
  quotesGold: number;
  quotesCorrect: number;
  statementsGold: number;
  statementsMatched: number;
  polarityCorrect: number;
  pairsPredicted: number;
  pairsCorrect: number;
  pairsGold: number;
}

export const FIXTURE_DIR = path.resolve(__dirname, '../tests/fixtures/extraction');
export const SEED_DIR = path.resolve(__dirname, '../seed');

/** Articles never used to tune the extractor: their figures say how it does on news it has not seen. */
export const HELD_OUT_DIR = path.join(FIXTURE_DIR, 'heldout');
/** The fresh blind set of issue 16: collected and annotated by someone who never saw the extractor. */
export const BLIND_DIR = path.join(FIXTURE_DIR, 'blind');

export function loadGoldFixtures(dir: string = FIXTURE_DIR): GoldDocument[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.gold.json'))
    .sort()
    .map((file) => {
      const name = file.replace(/\.gold\.json$/, '');
      const gold = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as Omit<
        GoldDocument,
        'name' | 'text'
      >;
      return { ...gold, name, text: readFileSync(path.join(dir, `${name}.txt`), 'utf8') };
    });
}

/** The curated seed, read as a gold annotation of its article; its opposition pairs follow the README rule. */
export function loadSeedGold(): GoldDocument {
  const seed = JSON.parse(readFileSync(path.join(SEED_DIR, 'seed-graph.json'), 'utf8')) as GraphSnapshot;
  const document = seed.documents[0]!;
  const text = readFileSync(path.join(SEED_DIR, 'documents', `${document.id}.txt`), 'utf8');
  const nameOf = new Map(seed.actors.map((a) => [a.id, a.name]));
  const statements = seed.statements.map((s) => ({
    actor: nameOf.get(s.actorId)!,
    polarity: s.polarity,
    topic: s.topicId,
    quote: s.quote ?? null,
    sentence: s.evidence?.sentence ?? '',
  }));
  const relations = seed.relations.map((r) => ({
    source: nameOf.get(r.sourceId)!,
    target: nameOf.get(r.targetId)!,
    type: r.type,
    sentence: r.evidence?.sentence ?? '',
  }));
  return {
    name: `seed:${document.id}`,
    text,
    actors: seed.actors.map((a) => ({ name: a.name, aliases: a.aliases, kind: a.kind })),
    statements,
    relations,
    oppositionPairs: oppositionPairs(statements, relations),
  };
}

/** The README's mechanical rule: a hostile relation either way, or support and oppose on one topic. */
export function oppositionPairs(
  statements: { actor: string; polarity: string; topic: string }[],
  relations: { source: string; target: string; type: string }[],
): [string, string][] {
  const pairs = new Map<string, [string, string]>();
  const add = (a: string, b: string) => {
    if (a === b) return;
    const pair: [string, string] = a < b ? [a, b] : [b, a];
    pairs.set(pair.join('\u0000'), pair);
  };
  for (const r of relations)
    if (HOSTILE_RELATION_TYPES.includes(r.type as RelationType)) add(r.source, r.target);
  for (const s of statements) {
    if (s.polarity !== 'support') continue;
    for (const o of statements) if (o.polarity === 'oppose' && o.topic === s.topic) add(s.actor, o.actor);
  }
  return [...pairs.values()];
}

export function normalizeAlias(name: string): string {
  return name
    .toLowerCase()
    .replace(/[’‘]/g, "'")
    .replace(/\./g, '')
    .replace(/^the\s+/, '')
    .replace(/'s$/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The matching rule: a proposed actor is a gold actor when one of its names or aliases equals one of the
 * gold actor's, ignoring case, full stops, a leading "the" and a possessive. Gold names stay gold-side.
 */
export function actorMatcher(gold: GoldDocument['actors']) {
  const index = new Map<string, string[]>();
  for (const actor of gold) {
    for (const alias of [actor.name, ...actor.aliases]) {
      const key = normalizeAlias(alias);
      index.set(key, [...(index.get(key) ?? []), actor.name]);
    }
  }
  return (names: readonly string[]): string[] => {
    const found = new Set<string>();
    for (const name of names)
      for (const goldName of index.get(normalizeAlias(name)) ?? []) found.add(goldName);
    return [...found];
  };
}

const overlaps = (a: string, b: string) => a.includes(b) || b.includes(a);

/**
 * The drafted actors as the gold sees them: the gold names each matches (by the matching rule), the gold
 * actors found, and a label for pairs, its gold name or, for an actor not in the gold, its own name
 * marked "?".
 */
function draftActorsInGold(goldActors: GoldDocument['actors'], draft: ExtractionDraft) {
  const match = actorMatcher(goldActors);
  const mapped = new Map(draft.actors.map((a) => [a.key, match([a.name, ...a.aliases])]));
  const nameOf = new Map(draft.actors.map((a) => [a.key, a.name]));
  const goldOf = (key: string) => mapped.get(key) ?? [];
  return {
    goldOf,
    found: new Set([...mapped.values()].flat()),
    label: (key: string) => goldOf(key)[0] ?? `?${nameOf.get(key) ?? key}`,
  };
}

/** The draft's statements and relations named by `label`, and the opposition pairs they make. */
function draftedPairs(draft: ExtractionDraft, label: (key: string) => string) {
  const statements = draft.statements.map((s) => ({
    actor: label(s.actorKey),
    polarity: s.polarity,
    topic: s.topic.id ?? s.topic.title,
  }));
  const relations = draft.relations.map((r) => ({
    source: label(r.sourceKey),
    target: label(r.targetKey),
    type: r.type,
  }));
  return { statements, relations, pairs: oppositionPairs(statements, relations) };
}

export function scoreDocument(gold: GoldDocument, draft: ExtractionDraft): Counts {
  const { goldOf: mapped, found: matchedGold, label } = draftActorsInGold(gold.actors, draft);
  const counts: Counts = {
    actorsPredicted: draft.actors.length,
    actorsPredictedCorrect: draft.actors.filter((a) => mapped(a.key).length > 0).length,
    actorsGold: gold.actors.length,
    actorsGoldFound: gold.actors.filter((a) => matchedGold.has(a.name)).length,
    quotesGold: 0,
    quotesCorrect: 0,
    statementsGold: gold.statements.length,
    statementsMatched: 0,
    polarityCorrect: 0,
    pairsPredicted: 0,
    pairsCorrect: 0,
    pairsGold: gold.oppositionPairs.length,
  };

  for (const statement of gold.statements) {
    const inSentence = draft.statements.filter((s) => overlaps(s.evidence.sentence, statement.sentence));
    if (statement.quote) {
      counts.quotesGold += 1;
      const quoted = inSentence.filter((s) => s.quote && overlaps(s.quote, statement.quote!));
      if (quoted.some((s) => mapped(s.actorKey).includes(statement.actor))) counts.quotesCorrect += 1;
    }
    const byActor = inSentence.filter((s) => mapped(s.actorKey).includes(statement.actor));
    if (byActor.length > 0) {
      counts.statementsMatched += 1;
      if (byActor.some((s) => s.polarity === statement.polarity)) counts.polarityCorrect += 1;
    }
  }

  // Predicted pairs, named by gold name where the actor is a gold actor, by its own name otherwise.
  const predicted = draftedPairs(draft, label).pairs;
  const goldPairs = new Set(
    gold.oppositionPairs.map(([a, b]) => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`)),
  );
  counts.pairsPredicted = predicted.length;
  counts.pairsCorrect = predicted.filter((pair) => goldPairs.has(pair.join('\u0000'))).length;
  return counts;
}

/** The misses behind a document's figures, for `npm run eval:extract -- --explain`. */
export function explainDocument(gold: GoldDocument, draft: ExtractionDraft): string[] {
  const { goldOf, found, label } = draftActorsInGold(gold.actors, draft);
  const lines = [
    ...draft.actors.filter((a) => goldOf(a.key).length === 0).map((a) => `actor not in gold: ${a.name}`),
    ...gold.actors.filter((a) => !found.has(a.name)).map((a) => `gold actor missed: ${a.name}`),
  ];
  const predicted = draftedPairs(draft, label).pairs.map((pair) => pair.join(' / '));
  const goldPairs = gold.oppositionPairs.map(([a, b]) => (a < b ? `${a} / ${b}` : `${b} / ${a}`));
  lines.push(...predicted.filter((p) => !goldPairs.includes(p)).map((p) => `pair not in gold: ${p}`));
  lines.push(...goldPairs.filter((p) => !predicted.includes(p)).map((p) => `gold pair missed: ${p}`));
  for (const statement of gold.statements) {
    const inSentence = draft.statements.filter((s) => overlaps(s.evidence.sentence, statement.sentence));
    const byActor = inSentence.filter((s) => goldOf(s.actorKey).includes(statement.actor));
    if (byActor.length === 0)
      lines.push(
        `gold statement missed: ${statement.actor} ${statement.polarity} [${statement.topic}] ` +
          `(proposed here: ${inSentence.map((s) => `${label(s.actorKey)} ${s.polarity}`).join(', ') || 'none'}) ` +
          `«${statement.sentence.slice(0, 90)}»`,
      );
    else if (!byActor.some((s) => s.polarity === statement.polarity))
      lines.push(
        `polarity wrong: ${statement.actor} ${statement.polarity} «${statement.sentence.slice(0, 90)}»`,
      );
  }
  for (const s of draft.statements)
    lines.push(
      `  proposed: ${label(s.actorKey)} ${s.polarity} [${s.topic.title}] «${s.evidence.sentence.slice(0, 80)}»`,
    );
  for (const r of draft.relations)
    lines.push(
      `  proposed: ${label(r.sourceKey)} ${r.type} ${label(r.targetKey)} «${r.evidence.sentence.slice(0, 80)}»`,
    );
  return lines;
}

/**
 * The misses behind a document's figures, counted by class and never quoted: how many gold actors of each
 * kind were missed, whose quotes went to whom, which way polarities were misread, and why each gold pair
 * was not found. It names what blocks a target without showing the text that would let one tune to it, so
 * it may be printed for the held-out and blind sets (`npm run eval:extract -- --miss-classes`).
 */
export function missClasses(gold: GoldDocument, draft: ExtractionDraft): Map<string, number> {
  const classes = new Map<string, number>();
  const count = (name: string) => classes.set(name, (classes.get(name) ?? 0) + 1);
  const { goldOf, found, label } = draftActorsInGold(gold.actors, draft);
  const goldWords = new Set(
    gold.actors.flatMap((a) => [a.name, ...a.aliases]).flatMap((alias) => normalizeAlias(alias).split(' ')),
  );

  for (const actor of gold.actors)
    if (!found.has(actor.name)) count(`actor missed: ${actor.kind ?? 'unknown kind'}`);
  for (const actor of draft.actors) {
    if (goldOf(actor.key).length > 0) continue;
    const sharesWord = normalizeAlias(actor.name)
      .split(' ')
      .some((word) => word.length > 2 && goldWords.has(word));
    count(
      sharesWord ? 'actor not in gold: part or variant of a gold name' : 'actor not in gold: unrelated name',
    );
  }
  for (const actor of draft.actors)
    if (goldOf(actor.key).length > 1) count('actor proposed: merges two gold actors');

  for (const statement of gold.statements) {
    const inSentence = draft.statements.filter((s) => overlaps(s.evidence.sentence, statement.sentence));
    if (statement.quote) {
      const quoted = inSentence.filter((s) => s.quote && overlaps(s.quote, statement.quote!));
      if (quoted.length === 0) count('quote missed: no proposal carries it');
      else if (!quoted.some((s) => goldOf(s.actorKey).includes(statement.actor)))
        count(
          quoted.some((s) => goldOf(s.actorKey).length > 0)
            ? 'quote missed: given to another gold actor'
            : 'quote missed: given to an actor not in gold',
        );
    }
    const byActor = inSentence.filter((s) => goldOf(s.actorKey).includes(statement.actor));
    if (byActor.length === 0) {
      if (!found.has(statement.actor)) count('statement missed: its actor was not found');
      else if (inSentence.length === 0) count('statement missed: nothing proposed in its sentence');
      else count('statement missed: its sentence went to another actor');
    } else if (!byActor.some((s) => s.polarity === statement.polarity))
      count(`polarity misread: ${statement.polarity} read as ${byActor[0]!.polarity}`);
  }

  const { statements: drafted, relations: draftedRelations, pairs } = draftedPairs(draft, label);
  const key = ([a, b]: [string, string]) => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);
  const predicted = new Set(pairs.map(key));
  const goldPairs = new Set(gold.oppositionPairs.map(key));
  const stanced = (actor: string) => drafted.filter((s) => s.actor === actor && s.polarity !== 'neutral');
  for (const pair of gold.oppositionPairs) {
    if (predicted.has(key(pair))) continue;
    const [a, b] = pair;
    const goldHostile = gold.relations.find(
      (r) =>
        HOSTILE_RELATION_TYPES.includes(r.type as RelationType) && key([r.source, r.target]) === key(pair),
    );
    if (!found.has(a) || !found.has(b)) count('pair missed: an actor of it was not found');
    else if (goldHostile) count(`pair missed: its hostile relation not read (gold: ${goldHostile.type})`);
    else if (stanced(a).length === 0 || stanced(b).length === 0)
      count('pair missed: an actor of it took no stance');
    else if (!stanced(a).some((s) => stanced(b).some((t) => t.topic === s.topic)))
      count('pair missed: both took stances, on different topics');
    else count('pair missed: stances on a shared topic, not opposed');
  }
  for (const pair of pairs) {
    if (goldPairs.has(key(pair))) continue;
    if (pair.some((name) => name.startsWith('?'))) count('pair not in gold: an actor of it is not in gold');
    else {
      const hostile = draftedRelations.some(
        (r) =>
          HOSTILE_RELATION_TYPES.includes(r.type as RelationType) && key([r.source, r.target]) === key(pair),
      );
      count(
        hostile ? 'pair not in gold: a hostile relation' : 'pair not in gold: opposed stances on a topic',
      );
    }
  }
  return classes;
}

/** The probe battery (tests/fixtures/extraction/probes): short invented passages, each with its reading. */
export interface ProbeItem {
  id: string;
  text: string;
  shape: string;
  actors: { name: string; kind: string; aliases: string[] }[];
  statements: { actor: string; polarity: string; proposition: string; quote: string | null }[];
  relations: { source: string; type: string; target: string }[];
}

export const PROBE_FILE = path.join(FIXTURE_DIR, 'probes', 'battery.json');

export function loadProbes(): ProbeItem[] {
  return JSON.parse(readFileSync(PROBE_FILE, 'utf8')) as ProbeItem[];
}

export interface ProbeCounts {
  actorsGold: number;
  actorsFound: number;
  actorsPredicted: number;
  actorsPredictedCorrect: number;
  statementsGold: number;
  statementsRight: number;
  quotesGold: number;
  quotesCorrect: number;
  relationsGold: number;
  relationsFound: number;
  relationsPredicted: number;
  relationsPredictedCorrect: number;
}

/**
 * A probe passage is a sentence or three, so its reading is matched without sentences: a statement is
 * read right when its actor proposes one with its polarity, a relation when the same two actors are
 * proposed with the same type.
 */
export function scoreProbe(item: ProbeItem, draft: ExtractionDraft): ProbeCounts {
  const { goldOf, found } = draftActorsInGold(item.actors, draft);
  const proposed = draft.relations.map((r) => ({
    source: goldOf(r.sourceKey),
    target: goldOf(r.targetKey),
    type: r.type,
  }));
  const same = (p: (typeof proposed)[number], r: ProbeItem['relations'][number]) =>
    p.type === r.type && p.source.includes(r.source) && p.target.includes(r.target);
  const quoted = item.statements.filter((s) => s.quote);
  return {
    actorsGold: item.actors.length,
    actorsFound: item.actors.filter((a) => found.has(a.name)).length,
    actorsPredicted: draft.actors.length,
    actorsPredictedCorrect: draft.actors.filter((a) => goldOf(a.key).length > 0).length,
    statementsGold: item.statements.length,
    statementsRight: item.statements.filter((s) =>
      draft.statements.some((p) => goldOf(p.actorKey).includes(s.actor) && p.polarity === s.polarity),
    ).length,
    quotesGold: quoted.length,
    quotesCorrect: quoted.filter((s) =>
      draft.statements.some(
        (p) => p.quote && overlaps(p.quote, s.quote!) && goldOf(p.actorKey).includes(s.actor),
      ),
    ).length,
    relationsGold: item.relations.length,
    relationsFound: item.relations.filter((r) => proposed.some((p) => same(p, r))).length,
    relationsPredicted: proposed.length,
    relationsPredictedCorrect: proposed.filter((p) => item.relations.some((r) => same(p, r))).length,
  };
}

/** What a probe's reading missed, for `npm run eval:extract -- --explain`. */
export function explainProbe(item: ProbeItem, draft: ExtractionDraft): string[] {
  const { goldOf, found, label } = draftActorsInGold(item.actors, draft);
  const proposed = draft.relations.map((r) => `${label(r.sourceKey)} ${r.type} ${label(r.targetKey)}`);
  const expected = item.relations.map((r) => `${r.source} ${r.type} ${r.target}`);
  return [
    ...item.actors.filter((a) => !found.has(a.name)).map((a) => `actor missed: ${a.name}`),
    ...draft.actors.filter((a) => goldOf(a.key).length === 0).map((a) => `actor not expected: ${a.name}`),
    ...item.statements
      .filter(
        (s) =>
          !draft.statements.some((p) => goldOf(p.actorKey).includes(s.actor) && p.polarity === s.polarity),
      )
      .map((s) => `statement not read: ${s.actor} ${s.polarity} (${s.proposition})`),
    ...expected.filter((r) => !proposed.includes(r)).map((r) => `relation missed: ${r}`),
    ...proposed.filter((r) => !expected.includes(r)).map((r) => `relation not expected: ${r}`),
    ...draft.statements.map((p) => `  proposed: ${label(p.actorKey)} ${p.polarity} [${p.topic.title}]`),
  ];
}

export function probeFigures(c: ProbeCounts) {
  const actorPrecision = ratio(c.actorsPredictedCorrect, c.actorsPredicted);
  const actorRecall = ratio(c.actorsFound, c.actorsGold);
  const relationPrecision = ratio(c.relationsPredictedCorrect, c.relationsPredicted);
  const relationRecall = ratio(c.relationsFound, c.relationsGold);
  return {
    actorF1: f1(actorPrecision, actorRecall),
    statements: ratio(c.statementsRight, c.statementsGold),
    attribution: ratio(c.quotesCorrect, c.quotesGold),
    relationF1: f1(relationPrecision, relationRecall),
  };
}

export function addCounts<C extends Counts | ProbeCounts>(a: C, b: C): C {
  const sum = { ...a };
  for (const key of Object.keys(b) as (keyof C)[]) (sum[key] as number) += b[key] as number;
  return sum;
}

export interface Figures {
  actorPrecision: number;
  actorRecall: number;
  actorF1: number;
  attribution: number;
  statementRecall: number;
  polarity: number;
  pairPrecision: number;
  pairRecall: number;
  pairF1: number;
}

const ratio = (n: number, d: number) => (d === 0 ? 1 : n / d);
const f1 = (p: number, r: number) => (p + r === 0 ? 0 : (2 * p * r) / (p + r));

export function figures(c: Counts): Figures {
  const actorPrecision = ratio(c.actorsPredictedCorrect, c.actorsPredicted);
  const actorRecall = ratio(c.actorsGoldFound, c.actorsGold);
  const pairPrecision = ratio(c.pairsCorrect, c.pairsPredicted);
  const pairRecall = ratio(c.pairsCorrect, c.pairsGold);
  return {
    actorPrecision,
    actorRecall,
    actorF1: f1(actorPrecision, actorRecall),
    attribution: ratio(c.quotesCorrect, c.quotesGold),
    statementRecall: ratio(c.statementsMatched, c.statementsGold),
    polarity: ratio(c.polarityCorrect, c.statementsMatched),
    pairPrecision,
    pairRecall,
    pairF1: f1(pairPrecision, pairRecall),
  };
}

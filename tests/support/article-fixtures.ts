import type { Actor } from '../../src/model/actor-schema';
import type { Affiliation } from '../../src/model/affiliation-schema';
import type { StoredDocument } from '../../src/model/document-schema';
import type { Relation } from '../../src/model/relation-schema';
import type { Statement } from '../../src/model/statement-schema';
import type { GraphSnapshot } from '../../src/model/entity-kinds';
import type { Topic } from '../../src/model/topic-schema';

/**
 * A small graph in the words of the seed article (US strikes on Mexican cartels, April 2025), built by
 * hand so each test knows exactly what the answer must be.
 */
export const ARTICLE_TEXT =
  '"We reject any form of interference," she said, according to the L.A. Times. ' +
  "Defense Secretary Pete Hegseth has warned Mexico behind closed doors of a military operation if Trump's demands are not met. " +
  '"Unilateral US strikes on Mexican soil would be devastating for bilateral relations," warns Gustavo Flores-Macias from Cornell University.';

const sentence = (text: string) => {
  const start = ARTICLE_TEXT.indexOf(text);
  if (start < 0) throw new Error(`fixture sentence not in the text: ${text}`);
  return { sentence: text, start, end: start + text.length };
};

export const actors = {
  sheinbaum: {
    id: 'claudia-sheinbaum',
    name: 'Claudia Sheinbaum',
    aliases: ['Sheinbaum', "Mexico's President Claudia Sheinbaum", 'The 62-year-old'],
    kind: 'official',
    country: 'MX',
    description: 'President of Mexico',
  },
  hegseth: {
    id: 'pete-hegseth',
    name: 'Pete Hegseth',
    aliases: ['Hegseth', 'Defense Secretary Pete Hegseth'],
    kind: 'official',
    country: 'US',
  },
  floresMacias: {
    id: 'gustavo-flores-macias',
    name: 'Gustavo Flores-Macias',
    aliases: ['Flores-Macias'],
    kind: 'expert',
    country: 'US',
  },
  usGovernment: {
    id: 'us-government',
    name: 'US government',
    aliases: ['the White House', 'Washington', "Trump's team"],
    kind: 'government',
    country: 'US',
  },
  mexico: { id: 'mexico', name: 'Mexico', aliases: [], kind: 'state', country: 'MX' },
  cartels: {
    id: 'mexican-drug-cartels',
    name: 'Mexican drug cartels',
    aliases: ['the cartels'],
    kind: 'criminal_group',
    country: 'MX',
  },
  vigil: { id: 'mike-vigil', name: 'Mike Vigil', aliases: ['Vigil'], kind: 'expert' },
} satisfies Record<string, Actor>;

export const topics = {
  strikes: { id: 'us-strikes-on-cartels-in-mexico', title: 'US military strikes on cartels in Mexico' },
  unilateral: {
    id: 'unilateral-us-strikes',
    title: "US strikes in Mexico without Mexico's consent",
    parentId: 'us-strikes-on-cartels-in-mexico',
  },
} satisfies Record<string, Topic>;

export const document: StoredDocument = {
  id: 'drone-strikes-article',
  title: 'The White House is considering a drone attack on Mexico',
  publishedAt: '2025-04-10',
  language: 'en',
  text: ARTICLE_TEXT,
  contentHash: 'sha256:fixture-article',
};

const statementBase = {
  intensity: 0.8,
  datePrecision: 'day',
  confidence: 1,
  method: 'manual',
  reviewStatus: 'accepted',
  documentId: document.id,
} as const;

export const statements = {
  sheinbaumOpposes: {
    ...statementBase,
    id: 'st-sheinbaum-rejects-interference',
    actorId: actors.sheinbaum.id,
    topicId: topics.strikes.id,
    polarity: 'oppose',
    statedAt: '2025-04-10',
    quote: 'We reject any form of interference',
    evidence: sentence('"We reject any form of interference," she said, according to the L.A. Times.'),
  },
  hegsethSupports: {
    ...statementBase,
    id: 'st-hegseth-threatens-operation',
    actorId: actors.hegseth.id,
    topicId: topics.strikes.id,
    polarity: 'support',
    statedAt: '2025-04-10',
    confidence: 0.7,
    evidence: sentence(
      "Defense Secretary Pete Hegseth has warned Mexico behind closed doors of a military operation if Trump's demands are not met.",
    ),
  },
  floresMaciasOpposes: {
    ...statementBase,
    id: 'st-flores-macias-devastating',
    actorId: actors.floresMacias.id,
    topicId: topics.unilateral.id,
    polarity: 'oppose',
    statedAt: '2025-04-10',
    quote: 'Unilateral US strikes on Mexican soil would be devastating for bilateral relations',
  },
  usGovernmentSupports2020: {
    ...statementBase,
    id: 'st-us-government-2020',
    actorId: actors.usGovernment.id,
    topicId: topics.strikes.id,
    polarity: 'support',
    statedAt: '2020-01-01',
    datePrecision: 'year',
    confidence: 0.6,
  },
} satisfies Record<string, Statement>;

export const relations = {
  hegsethWarnsMexico: {
    id: 'rel-hegseth-warns-mexico',
    sourceId: actors.hegseth.id,
    targetId: actors.mexico.id,
    type: 'warns',
    topicId: topics.strikes.id,
    date: '2025-04-10',
    datePrecision: 'day',
    evidence: sentence(
      "Defense Secretary Pete Hegseth has warned Mexico behind closed doors of a military operation if Trump's demands are not met.",
    ),
    documentId: document.id,
    confidence: 0.8,
    method: 'manual',
    reviewStatus: 'accepted',
  },
  usTargetsCartels: {
    id: 'rel-us-targets-cartels',
    sourceId: actors.usGovernment.id,
    targetId: actors.cartels.id,
    type: 'targets',
    datePrecision: 'day',
    confidence: 0.9,
    method: 'manual',
    reviewStatus: 'accepted',
  },
} satisfies Record<string, Relation>;

export const affiliations = {
  sheinbaumLeadsMexico: {
    id: 'sheinbaum-president-of-mexico',
    memberId: actors.sheinbaum.id,
    organizationId: actors.mexico.id,
    role: 'President',
  },
  hegsethInGovernment: {
    id: 'hegseth-secretary-of-defense',
    memberId: actors.hegseth.id,
    organizationId: actors.usGovernment.id,
    role: 'Secretary of Defense',
  },
} satisfies Record<string, Affiliation>;

export function articleSnapshot(): GraphSnapshot {
  return {
    actors: Object.values(actors),
    topics: Object.values(topics),
    documents: [document],
    statements: Object.values(statements),
    relations: Object.values(relations),
    affiliations: Object.values(affiliations),
  };
}

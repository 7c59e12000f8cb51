import type { Actor, ActorKind } from '../../src/model/actor-schema';
import type { Affiliation } from '../../src/model/affiliation-schema';
import type { StoredDocument } from '../../src/model/document-schema';
import { type Relation } from '../../src/model/relation-schema';
import { RELATION_TYPES, type RelationType } from '../../src/model/relation-vocabulary';
import type { ReviewStatus } from '../../src/model/common-schema';
import { contentHash } from '../../src/shared/ids';
import type { Polarity, Statement } from '../../src/model/statement-schema';
import type { GraphSnapshot } from '../../src/model/entity-kinds';
import type { Topic } from '../../src/model/topic-schema';
import { seededRandom } from '../../src/shared/seeded-random';

export interface SyntheticGraphSize {
  actors: number;
  topics: number;
  statements: number;
  relations: number;
  /** One per this many statements, so statements cite a realistic number of sources. Default 20. */
  statementsPerDocument?: number;
  /** Memberships; default one per 10 actors. */
  affiliations?: number;
}

export interface SyntheticGraphOptions extends SyntheticGraphSize {
  seed: number;
  /** Records per yielded snapshot, so a million statements never sit in memory at once. */
  batchSize?: number;
}

/**
 * A reproducible random stance graph for benchmarks and load tests. The same seed and sizes always give
 * the same records. Activity is skewed the way news coverage is: a handful of actors and topics carry
 * most statements and relations, most actors appear a few times. Batches come in dependency order
 * (actors, topics and documents first), so each can go straight to `store.upsertSnapshot`.
 */
export function* syntheticGraph(options: SyntheticGraphOptions): Generator<Partial<GraphSnapshot>> {
  const batchSize = options.batchSize ?? 10_000;
  const random = seededRandom(options.seed);
  const documentCount = Math.max(1, Math.ceil(options.statements / (options.statementsPerDocument ?? 20)));
  const affiliationCount = options.affiliations ?? Math.floor(options.actors / 10);

  yield* chunks(
    range(options.actors).map((i) => syntheticActor(i, random)),
    batchSize,
    'actors',
  );
  yield* chunks(
    range(options.topics).map((i) => syntheticTopic(i)),
    batchSize,
    'topics',
  );
  yield* chunks(
    range(documentCount).map((i) => syntheticDocument(i, random)),
    batchSize,
    'documents',
  );

  let batch: Statement[] = [];
  for (let i = 0; i < options.statements; i++) {
    const actor = skewedIndex(random, options.actors, ACTOR_SKEW);
    const topic = skewedIndex(random, options.topics, TOPIC_SKEW);
    batch.push({
      id: statementId(i),
      actorId: actorId(actor),
      topicId: topicId(topic),
      // Actors mostly keep a stance on a topic; now and then they shift it.
      polarity: random() < 0.85 ? leaning(actor, topic) : pick(random, POLARITIES),
      intensity: round(random()),
      statedAt: randomDate(random),
      datePrecision: 'day',
      documentId: documentId(Math.floor(random() * documentCount)),
      quote: `Synthetic quote ${i} by ${actorId(actor)} on ${topicId(topic)}.`,
      confidence: round(0.5 + random() / 2),
      method: random() < 0.7 ? 'manual' : 'rules',
      reviewStatus: reviewStatus(random),
    });
    if (batch.length === batchSize) {
      yield { statements: batch };
      batch = [];
    }
  }
  if (batch.length > 0) yield { statements: batch };

  let relations: Relation[] = [];
  for (let i = 0; i < options.relations; i++) {
    const source = skewedIndex(random, options.actors, ACTOR_SKEW);
    let target = skewedIndex(random, options.actors, ACTOR_SKEW);
    if (target === source)
      target = (source + 1 + Math.floor(random() * (options.actors - 1))) % options.actors;
    if (target === source) continue;
    const dated = random() < 0.9;
    relations.push({
      id: relationId(i),
      sourceId: actorId(source),
      targetId: actorId(target),
      type: pick(random, RELATION_WEIGHTED),
      topicId: random() < 0.6 ? topicId(skewedIndex(random, options.topics, TOPIC_SKEW)) : undefined,
      date: dated ? randomDate(random) : undefined,
      datePrecision: 'day',
      confidence: round(0.5 + random() / 2),
      method: 'manual',
      reviewStatus: reviewStatus(random),
    });
    if (relations.length === batchSize) {
      yield { relations: relations.map(withoutUndefined) };
      relations = [];
    }
  }
  if (relations.length > 0) yield { relations: relations.map(withoutUndefined) };

  const affiliations: Affiliation[] = [];
  for (let i = 0; i < affiliationCount && options.actors > 1; i++) {
    // Organisations are the active few; members are anyone.
    const organization = skewedIndex(random, Math.max(2, Math.ceil(options.actors / 50)), 1.5);
    let member = Math.floor(random() * options.actors);
    if (member === organization) member = (member + 1) % options.actors;
    affiliations.push({
      id: `aff-${pad(i)}`,
      memberId: actorId(member),
      organizationId: actorId(organization),
    });
  }
  yield* chunks(affiliations, batchSize, 'affiliations');
}

/** Loads a whole synthetic graph; returns how many records of each kind went in. */
export async function loadSyntheticGraph(
  store: { upsertSnapshot(snapshot: Partial<GraphSnapshot>): Promise<void> },
  options: SyntheticGraphOptions,
): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const batch of syntheticGraph(options)) {
    await store.upsertSnapshot(batch);
    for (const [kind, records] of Object.entries(batch)) counts[kind] = (counts[kind] ?? 0) + records.length;
  }
  return counts;
}

export const actorId = (i: number) => `actor-${pad(i)}`;
export const topicId = (i: number) => `topic-${pad(i)}`;
const documentId = (i: number) => `doc-${pad(i)}`;
const statementId = (i: number) => `st-${pad(i)}`;
const relationId = (i: number) => `rel-${pad(i)}`;

/** Higher is more skewed: with 3, the busiest 1% of actors make about a fifth of all statements. */
const ACTOR_SKEW = 3;
const TOPIC_SKEW = 2;

const POLARITIES: Polarity[] = ['support', 'oppose', 'neutral', 'mixed'];
const ACTOR_KINDS: ActorKind[] = [
  'official',
  'person',
  'government',
  'agency',
  'organization',
  'expert',
  'media',
  'ngo',
];
const HOSTILE_HEAVY: RelationType[] = ['opposes', 'criticizes', 'accuses', 'warns', 'threatens', 'rejects'];
/** Conflict is what gets reported: hostile types come up about twice as often as the rest. */
const RELATION_WEIGHTED: RelationType[] = [...RELATION_TYPES, ...HOSTILE_HEAVY];
const COUNTRIES = ['US', 'MX', 'CO', 'VE', 'CA', 'GB', 'ES', 'FR', 'DE', 'BR'];

function syntheticActor(i: number, random: () => number): Actor {
  return {
    id: actorId(i),
    name: `Synthetic Actor ${i}`,
    aliases: i % 7 === 0 ? [`SA${i}`] : [],
    kind: pick(random, ACTOR_KINDS),
    country: pick(random, COUNTRIES),
  };
}

function syntheticTopic(i: number): Topic {
  return withoutUndefined({
    id: topicId(i),
    title: `Synthetic proposition ${i}`,
    parentId: i >= 10 && i % 10 === 0 ? topicId(i / 10 - 1) : undefined,
  });
}

function syntheticDocument(i: number, random: () => number): StoredDocument {
  const title = `Synthetic report ${i}`;
  const url = `https://news.example.org/synthetic/${i}`;
  return {
    id: documentId(i),
    title,
    url,
    outlet: `Outlet ${Math.floor(random() * 50)}`,
    publishedAt: randomDate(random),
    language: 'en',
    contentHash: contentHash(`${url}\n${title}`),
  };
}

/** An actor's usual stance on a topic: fixed by the pair, so the graph has stable camps. */
function leaning(actor: number, topic: number): Polarity {
  const h = Math.imul(actor + 1, 2654435761) ^ Math.imul(topic + 1, 2246822519);
  return POLARITIES[(h >>> 0) % 3 === 0 ? 1 : (h >>> 0) % 5 === 0 ? 2 : 0]!;
}

function reviewStatus(random: () => number): ReviewStatus {
  const r = random();
  return r < 0.9 ? 'accepted' : r < 0.97 ? 'proposed' : 'rejected';
}

/** An index in [0, n), small indices far more likely: u^skew piles the mass near 0. */
function skewedIndex(random: () => number, n: number, skew: number): number {
  return Math.min(n - 1, Math.floor(n * Math.pow(random(), skew)));
}

const DAY_MS = 86_400_000;
const START = Date.UTC(2020, 0, 1);
const DAYS = 6 * 365;
function randomDate(random: () => number): string {
  return new Date(START + Math.floor(random() * DAYS) * DAY_MS).toISOString().slice(0, 10);
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

function pad(i: number): string {
  return String(i).padStart(7, '0');
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

function* chunks<K extends keyof GraphSnapshot>(
  records: GraphSnapshot[K],
  size: number,
  kind: K,
): Generator<Partial<GraphSnapshot>> {
  for (let i = 0; i < records.length; i += size) yield { [kind]: records.slice(i, i + size) };
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

import neo4j, { isDate, isDateTime, isInt, isLocalDateTime, type Integer } from 'neo4j-driver';
import type { Actor } from '../../model/actor-schema';
import type { Affiliation } from '../../model/affiliation-schema';
import type { StoredDocument } from '../../model/document-schema';
import type { Relation } from '../../model/relation-schema';
import type { EvidenceSpan } from '../../model/common-schema';
import type { Statement } from '../../model/statement-schema';
import type { Topic } from '../../model/topic-schema';
import type { EntityKind, EntityMap } from '../../model/entity-kinds';
import { actorNameKeys, searchTextOf } from '../search-keys';
import type { WriteRow } from './neo4j-queries';

/**
 * The storage boundary: records become property maps on the way in, property maps become records on the
 * way out. Neo4j Integers and temporal values never travel further up than this file.
 *
 * Stored shape: flat properties (an evidence span is `evidenceSentence`, `evidenceStart`, `evidenceEnd`),
 * lists for aliases, dates as `YYYY-MM-DD` strings, span offsets as Integers. Absent optional fields are
 * absent properties. Two derived properties serve look-ups and never reach a record: `search` (the
 * lower-cased text `?q=` matches, the same text the embedded store searches) and `nameKeys` (an actor's
 * id, name and aliases normalised for exact-name look-up).
 */

type Props = Record<string, unknown>;

/** JS numbers travel as Floats; Integer-valued fields and SKIP/LIMIT must be sent as Integers. */
export function toInteger(value: number): Integer {
  return neo4j.int(value);
}

/** Converts what the driver returns into plain JSON values: Integers to numbers, temporals to ISO text. */
export function fromNeo4j(value: unknown): unknown {
  if (value === null || value === undefined) return undefined;
  if (isInt(value)) return (value as Integer).toNumber();
  if (typeof value === 'bigint') return Number(value);
  if (isDate(value) || isDateTime(value) || isLocalDateTime(value)) return String(value);
  if (Array.isArray(value)) return value.map(fromNeo4j);
  if (typeof value === 'object') {
    const out: Props = {};
    for (const [key, inner] of Object.entries(value as Props)) {
      const converted = fromNeo4j(inner);
      if (converted !== undefined) out[key] = converted;
    }
    return out;
  }
  return value;
}

/** A count or other integer returned by a query. */
export function toNumber(value: unknown): number {
  const converted = fromNeo4j(value);
  if (typeof converted !== 'number')
    throw new Error(`stancegraph/neo4j: expected a number, got ${typeof converted}`);
  return converted;
}

/** Drops undefined fields so `SET n = $props` leaves no property behind for them. */
function defined(props: Props): Props {
  return Object.fromEntries(Object.entries(props).filter(([, value]) => value !== undefined));
}

function evidenceProps(evidence: EvidenceSpan | undefined): Props {
  if (!evidence) return {};
  return {
    evidenceSentence: evidence.sentence,
    evidenceStart: toInteger(evidence.start),
    evidenceEnd: toInteger(evidence.end),
  };
}

/** Extraction provenance, flat: `extractorName`, `extractorVersion`, `reviewedBy`, `reviewedAt`, `reviewOutcome`. */
function provenanceProps(record: {
  extractor?: { name: string; version: string };
  reviewedBy?: string;
  reviewedAt?: string;
  reviewReason?: string;
  reviewOutcome?: string;
}): Props {
  return {
    extractorName: record.extractor?.name,
    extractorVersion: record.extractor?.version,
    reviewedBy: record.reviewedBy,
    reviewedAt: record.reviewedAt,
    reviewReason: record.reviewReason,
    reviewOutcome: record.reviewOutcome,
  };
}

function provenanceFrom(p: Props): Props {
  return {
    extractor:
      typeof p.extractorName === 'string'
        ? { name: p.extractorName, version: p.extractorVersion }
        : undefined,
    reviewedBy: p.reviewedBy,
    reviewedAt: p.reviewedAt,
    reviewReason: p.reviewReason,
    reviewOutcome: p.reviewOutcome,
  };
}

/** The sourcing fields statements and relations share (see `sourcedClaimFields`), flat. */
function sourcedClaimProps(claim: Statement | Relation): Props {
  return {
    datePrecision: claim.datePrecision,
    quote: claim.quote,
    ...evidenceProps(claim.evidence),
    documentId: claim.documentId,
    confidence: claim.confidence,
    method: claim.method,
    reviewStatus: claim.reviewStatus,
    note: claim.note,
    evidenceStatus: claim.evidenceStatus,
    reportedById: claim.reportedById,
    ...provenanceProps(claim),
  };
}

function sourcedClaimFrom(p: Props): Props {
  return {
    datePrecision: p.datePrecision,
    quote: p.quote,
    evidence: evidenceFrom(p),
    documentId: p.documentId,
    confidence: p.confidence,
    method: p.method,
    reviewStatus: p.reviewStatus,
    note: p.note,
    evidenceStatus: p.evidenceStatus,
    reportedById: p.reportedById,
    ...provenanceFrom(p),
  };
}

function evidenceFrom(p: Props): EvidenceSpan | undefined {
  if (typeof p.evidenceSentence !== 'string') return undefined;
  return { sentence: p.evidenceSentence, start: p.evidenceStart as number, end: p.evidenceEnd as number };
}

/** Builds a record from converted properties, leaving out fields that are absent. */
function record<T>(fields: Props): T {
  return defined(fields) as T;
}

// ---------------------------------------------------------------------------------------------------------
// Records -> write rows
// ---------------------------------------------------------------------------------------------------------

function actorRow(a: Actor): WriteRow {
  return {
    id: a.id,
    props: defined({
      id: a.id,
      name: a.name,
      aliases: a.aliases,
      kind: a.kind,
      country: a.country,
      description: a.description,
      reviewStatus: a.reviewStatus,
      ...provenanceProps(a),
      search: searchTextOf.actor(a),
      nameKeys: actorNameKeys(a),
    }),
  };
}

function topicRow(t: Topic): WriteRow {
  return {
    id: t.id,
    props: defined({
      id: t.id,
      title: t.title,
      description: t.description,
      parentId: t.parentId,
      reviewStatus: t.reviewStatus,
      ...provenanceProps(t),
      search: searchTextOf.topic(t),
    }),
  };
}

function documentRow(d: StoredDocument): WriteRow {
  return {
    id: d.id,
    props: defined({
      id: d.id,
      title: d.title,
      url: d.url,
      outlet: d.outlet,
      publishedAt: d.publishedAt,
      language: d.language,
      text: d.text,
      contentHash: d.contentHash,
      search: searchTextOf.document(d),
    }),
  };
}

function statementRow(s: Statement): WriteRow {
  return {
    id: s.id,
    props: defined({
      id: s.id,
      actorId: s.actorId,
      topicId: s.topicId,
      polarity: s.polarity,
      intensity: s.intensity,
      // '' for an undated statement, as in the embedded store: it sorts before every date.
      statedAt: s.statedAt ?? '',
      aboutId: s.aboutId,
      ...sourcedClaimProps(s),
    }),
  };
}

function relationRow(r: Relation): WriteRow {
  return {
    id: r.id,
    startId: r.sourceId,
    endId: r.targetId,
    props: defined({
      id: r.id,
      type: r.type,
      topicId: r.topicId,
      date: r.date,
      ...sourcedClaimProps(r),
    }),
  };
}

function affiliationRow(a: Affiliation): WriteRow {
  return {
    id: a.id,
    startId: a.memberId,
    endId: a.organizationId,
    props: defined({
      id: a.id,
      role: a.role,
      from: a.from,
      to: a.to,
      reviewStatus: a.reviewStatus,
      ...provenanceProps(a),
    }),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Property maps -> records. Relationship maps carry their end points (sourceId/targetId,
// memberId/organizationId), added by the query.
// ---------------------------------------------------------------------------------------------------------

function actorFrom(p: Props): Actor {
  return record<Actor>({
    id: p.id,
    name: p.name,
    aliases: (p.aliases as string[] | undefined) ?? [],
    kind: p.kind,
    country: p.country,
    description: p.description,
    reviewStatus: p.reviewStatus,
    ...provenanceFrom(p),
  });
}

function topicFrom(p: Props): Topic {
  return record<Topic>({
    id: p.id,
    title: p.title,
    description: p.description,
    parentId: p.parentId,
    reviewStatus: p.reviewStatus,
    ...provenanceFrom(p),
  });
}

function documentFrom(p: Props): StoredDocument {
  return record<StoredDocument>({
    id: p.id,
    title: p.title,
    url: p.url,
    outlet: p.outlet,
    publishedAt: p.publishedAt,
    language: p.language,
    text: p.text,
    contentHash: p.contentHash,
  });
}

function statementFrom(p: Props): Statement {
  return record<Statement>({
    id: p.id,
    actorId: p.actorId,
    topicId: p.topicId,
    polarity: p.polarity,
    intensity: p.intensity,
    statedAt: p.statedAt === '' ? undefined : p.statedAt,
    aboutId: p.aboutId,
    ...sourcedClaimFrom(p),
  });
}

function relationFrom(p: Props): Relation {
  return record<Relation>({
    id: p.id,
    sourceId: p.sourceId,
    targetId: p.targetId,
    type: p.type,
    topicId: p.topicId,
    date: p.date,
    ...sourcedClaimFrom(p),
  });
}

function affiliationFrom(p: Props): Affiliation {
  return record<Affiliation>({
    id: p.id,
    memberId: p.memberId,
    organizationId: p.organizationId,
    role: p.role,
    from: p.from,
    to: p.to,
    reviewStatus: p.reviewStatus,
    ...provenanceFrom(p),
  });
}

interface Codec<K extends EntityKind> {
  toRow(entity: EntityMap[K]): WriteRow;
  fromProps(props: Props): EntityMap[K];
}

const CODECS: { [K in EntityKind]: Codec<K> } = {
  actors: { toRow: actorRow, fromProps: actorFrom },
  topics: { toRow: topicRow, fromProps: topicFrom },
  documents: { toRow: documentRow, fromProps: documentFrom },
  statements: { toRow: statementRow, fromProps: statementFrom },
  relations: { toRow: relationRow, fromProps: relationFrom },
  affiliations: { toRow: affiliationRow, fromProps: affiliationFrom },
};

/** The write row for a record: its id, its property map and, for relationships, its end points. */
export function toWriteRow<K extends EntityKind>(kind: K, entity: EntityMap[K]): WriteRow {
  return CODECS[kind].toRow(entity);
}

/** The record for a property map as a query returned it (driver values are converted here). */
export function fromProps<K extends EntityKind>(kind: K, raw: unknown): EntityMap[K] {
  return CODECS[kind].fromProps(fromNeo4j(raw) as Props);
}

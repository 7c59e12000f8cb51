import neo4j, { isDate, isDateTime, isInt, isLocalDateTime, type Integer } from 'neo4j-driver';
import type { EvidenceSpan } from '../../model/common-schema';
import type { ExtractorInfo } from '../../model/provenance-schema';
import { ENTITY_FIELDS, type EntityKind, type EntityMap } from '../../model/entity-kinds';
import { actorNameKeys, searchTextOf } from '../search-keys';
import type { WriteRow } from './neo4j-queries';

/**
 * The storage boundary: records become property maps on the way in, property maps become records on the
 * way out. Neo4j Integers and temporal values never travel further up than this file.
 *
 * Stored shape: flat properties (an evidence span is `evidenceSentence`, `evidenceStart`, `evidenceEnd`),
 * lists for aliases, dates as `YYYY-MM-DD` strings, span offsets as Integers. Absent optional fields are
 * absent properties. A record's fields are its schema's (`ENTITY_FIELDS`), each stored as itself unless
 * `FIELD_STORAGE` or its kind's `STORAGE` says otherwise, so a new plain field needs nothing here. Two derived properties serve look-ups and never reach a record: `search` (the
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

/** How one field is stored: under which properties and in what form, and how it is read back. */
interface FieldStorage {
  toProps(value: unknown, field: string): Props;
  fromProps(props: Props, field: string): unknown;
}

/** Stored as it is; a nested object cannot be a property, so one without a storage of its own is refused. */
const asItIs: FieldStorage = {
  toProps: (value, field) => {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      throw new Error(
        `stancegraph/neo4j: the field '${field}' is an object; give it a storage in neo4j-values.ts`,
      );
    }
    return { [field]: value };
  },
  fromProps: (props, field) => props[field],
};

/** Fields stored flat, under properties of their own, whatever the kind. */
const FIELD_STORAGE: Record<string, FieldStorage> = {
  /** `evidenceSentence`, `evidenceStart`, `evidenceEnd`. */
  evidence: {
    toProps: (value) => {
      const span = value as EvidenceSpan | undefined;
      if (!span) return {};
      return {
        evidenceSentence: span.sentence,
        evidenceStart: toInteger(span.start),
        evidenceEnd: toInteger(span.end),
      };
    },
    fromProps: (p) =>
      typeof p.evidenceSentence === 'string'
        ? { sentence: p.evidenceSentence, start: p.evidenceStart as number, end: p.evidenceEnd as number }
        : undefined,
  },
  /** `extractorName`, `extractorVersion`. */
  extractor: {
    toProps: (value) => {
      const extractor = value as ExtractorInfo | undefined;
      return { extractorName: extractor?.name, extractorVersion: extractor?.version };
    },
    fromProps: (p) =>
      typeof p.extractorName === 'string'
        ? { name: p.extractorName, version: p.extractorVersion }
        : undefined,
  },
};

interface KindStorage<K extends EntityKind> {
  /** Fields of this kind stored in another form. */
  fields?: Record<string, FieldStorage>;
  /** A relationship's end point fields: its start and end, not properties. Queries add them to `props`. */
  ends?: readonly [start: string, end: string];
  /** Properties derived from the record for look-ups; never read back. */
  derived?(entity: EntityMap[K]): Props;
}

const STORAGE: { [K in EntityKind]: KindStorage<K> } = {
  actors: {
    fields: {
      aliases: { toProps: asItIs.toProps, fromProps: (p) => (p.aliases as string[] | undefined) ?? [] },
    },
    derived: (a) => ({ search: searchTextOf.actor(a), nameKeys: actorNameKeys(a) }),
  },
  topics: { derived: (t) => ({ search: searchTextOf.topic(t) }) },
  documents: { derived: (d) => ({ search: searchTextOf.document(d) }) },
  statements: {
    fields: {
      // '' for an undated statement, as in the embedded store: it sorts before every date.
      statedAt: {
        toProps: (value) => ({ statedAt: value ?? '' }),
        fromProps: (p) => p.statedAt || undefined,
      },
    },
  },
  relations: { ends: ['sourceId', 'targetId'] },
  affiliations: { ends: ['memberId', 'organizationId'] },
};

function storageOf(kind: EntityKind, field: string): FieldStorage {
  return STORAGE[kind].fields?.[field] ?? FIELD_STORAGE[field] ?? asItIs;
}

/** The write row for a record: its id, its property map and, for relationships, its end points. */
export function toWriteRow<K extends EntityKind>(kind: K, entity: EntityMap[K]): WriteRow {
  const storage: KindStorage<K> = STORAGE[kind];
  const fields = entity as Record<string, unknown>;
  const props: Props = {};
  for (const field of ENTITY_FIELDS[kind]) {
    if (!storage.ends?.includes(field))
      Object.assign(props, storageOf(kind, field).toProps(fields[field], field));
  }
  const row: WriteRow = { id: entity.id, props: defined({ ...props, ...storage.derived?.(entity) }) };
  if (storage.ends) {
    row.startId = fields[storage.ends[0]] as string;
    row.endId = fields[storage.ends[1]] as string;
  }
  return row;
}

/** The record for a property map as a query returned it (driver values are converted here). */
export function fromProps<K extends EntityKind>(kind: K, raw: unknown): EntityMap[K] {
  const props = fromNeo4j(raw) as Props;
  const record: Props = {};
  for (const field of ENTITY_FIELDS[kind]) record[field] = storageOf(kind, field).fromProps(props, field);
  return defined(record) as EntityMap[K];
}

import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import type { Actor } from '../model/actor-schema';
import { buildDocument } from '../model/document-builder';
import type { StoredDocument } from '../model/document-schema';
import { formulaText, STATEMENT_COLUMNS } from '../exports/statement-table';
import { slugIdSchema } from '../model/common-schema';
import { ValidationError } from '../shared/errors';
import { shortHash, slugFromName } from '../shared/ids';
import { createStatementSchema } from '../model/statement-schema';
import { buildStatement } from '../model/statement-builder';
import { buildAffiliation } from '../model/affiliation-builder';
import type { Affiliation } from '../model/affiliation-schema';
import type { GraphStore } from '../store/graph-store';
import type { Topic } from '../model/topic-schema';
import type { ImportPlan, PlannedRecord } from './import-plan';
import type { Rejection } from './import-schema';

/** Empty cells are absent values, as in every spreadsheet. */
const cell = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema.optional());

/** A row of the statements table; only actor, topic and a side (agreement or polarity) are required (no date: undated). */
const rowSchema = z
  .object({
    statement_id: cell(slugIdSchema),
    actor: z.string().trim().min(1, 'is required'),
    actor_name: cell(z.string().trim().max(300)),
    organization: cell(z.string().trim().max(300)),
    organization_name: cell(z.string().trim().max(300)),
    topic: z.string().trim().min(1, 'is required'),
    topic_title: cell(z.string().trim().max(500)),
    agreement: cell(
      z.enum(['1', '0', 'yes', 'no', 'true', 'false'], { message: 'must be 1 or 0 (yes or no)' }),
    ),
    polarity: cell(z.string()),
    intensity: cell(z.coerce.number()),
    // Coders' tools write date and time; the statement keeps the day, the time orders same-day statements.
    // Empty for an undated statement.
    date: cell(z.string().trim()),
    date_precision: cell(z.string()),
    quote: cell(z.string()),
    source: cell(z.string().trim().max(1000)),
    source_url: cell(z.string()),
    document_id: cell(slugIdSchema),
    evidence: cell(z.string()),
    evidence_start: cell(z.coerce.number()),
    evidence_end: cell(z.coerce.number()),
    confidence: cell(z.coerce.number()),
    method: cell(z.string()),
    review_status: cell(z.string()),
    note: cell(z.string()),
  })
  .refine((r) => r.agreement !== undefined || r.polarity !== undefined, {
    message: 'needs agreement (1 or 0) or polarity',
    path: ['agreement'],
  });

type Row = z.infer<typeof rowSchema>;

/**
 * Column names of DNA's statement export, read as ours: DNA's person is the speaking actor, its concept
 * the topic, and the document's title its source.
 */
const DNA_COLUMNS: Record<string, string> = { person: 'actor', concept: 'topic', document_title: 'source' };

/** "2005-01-26 14:05:09", "2005-01-26T14:05" -> "140509", "140500"; none given -> "000000". */
function timeOfDay(date: string): string {
  const time = /^\d{4}-\d{2}-\d{2}[T ](\d{2}):(\d{2})(?::(\d{2}))?/.exec(date);
  return time ? `${time[1]}${time[2]}${time[3] ?? '00'}` : '000000';
}

/**
 * The id of a statement the table gives none: it sorts by date, time of day and row, so of two statements
 * an actor made on one day the later one (by time where given, else by row) is the current stance under the
 * store's rule (latest date, then greatest id). The hash of what it says keeps ids of different statements apart.
 */
function orderedStatementId(day: string, time: string, row: number, content: string): string {
  return `st-${day.replace(/-/g, '')}-${time}-${String(row).padStart(7, '0')}-${shortHash(content).slice(0, 8)}`;
}

/** Statement field to the column that fills it, so a rejection names what the user wrote. */
const COLUMN_OF: Record<string, string> = {
  id: 'statement_id',
  actorId: 'actor',
  topicId: 'topic',
  statedAt: 'date',
  datePrecision: 'date_precision',
  documentId: 'document_id',
  reviewStatus: 'review_status',
  evidence: 'evidence',
};
const columnOf = (field: string) => COLUMN_OF[field] ?? field;

/**
 * Reads a statements table into an import plan. Actors and topics are found by id, then by name or title;
 * one not found rejects its row, unless `createMissing`, which creates it (an actor of kind `other`, named
 * by actor_name), so a typo never silently becomes a new topic. A document is found by document_id, or
 * created from source and source_url. Evidence is checked with every other record's, when the plan is
 * applied.
 */
export async function planStatementTable(
  store: GraphStore,
  csv: string,
  createMissing: boolean,
): Promise<ImportPlan> {
  let table: Record<string, string>[];
  try {
    // Cells the export neutralised against spreadsheet formulas read back as they were.
    table = parse(csv, {
      columns: true,
      skip_empty_lines: true,
      bom: true,
      trim: false,
      cast: (value) => formulaText(value),
    });
  } catch (error) {
    throw new ValidationError('stancegraph/imports: the statements table is not valid CSV', [
      { path: ['csv'], location: 'body', message: error instanceof Error ? error.message : String(error) },
    ]);
  }
  const header = Object.keys(table[0] ?? {});
  const missing = ['actor', 'topic'].filter(
    (c) =>
      !header.includes(c) &&
      !Object.entries(DNA_COLUMNS).some(([dna, ours]) => ours === c && header.includes(dna)),
  );
  if (table.length > 0 && missing.length > 0) {
    throw new ValidationError('stancegraph/imports: the statements table lacks required columns', [
      {
        path: ['csv'],
        location: 'body',
        message: `missing columns: ${missing.join(', ')} (expected ${STATEMENT_COLUMNS.join(', ')})`,
      },
    ]);
  }

  const records: PlannedRecord[] = [];
  const rejected: Rejection[] = [];
  const resolver = new Resolver(store);
  for (const [index, original] of table.entries()) {
    const row = index + 2;
    const raw = Object.fromEntries(
      Object.entries(original).map(([column, value]) => [
        DNA_COLUMNS[column] !== undefined && !header.includes(DNA_COLUMNS[column])
          ? DNA_COLUMNS[column]
          : column,
        value,
      ]),
    );
    const seen = new Set<string>();
    // One reason per field: a malformed date fails both the format and the calendar check.
    const reject = (field: string, reason: string) => {
      if (!seen.has(field)) rejected.push({ row, field, reason });
      seen.add(field);
    };
    const parsed = rowSchema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) reject(String(issue.path[0] ?? 'row'), issue.message);
      continue;
    }
    const r = parsed.data;
    const polarity = r.polarity ?? (['1', 'yes', 'true'].includes(r.agreement!) ? 'support' : 'oppose');
    const input = {
      id: r.statement_id,
      actorId: 'placeholder',
      topicId: 'placeholder',
      polarity,
      intensity: r.intensity,
      statedAt: r.date?.slice(0, 10),
      datePrecision: r.date_precision,
      quote: r.quote,
      evidence:
        r.evidence !== undefined && r.evidence_start !== undefined && r.evidence_end !== undefined
          ? { sentence: r.evidence, start: r.evidence_start, end: r.evidence_end }
          : undefined,
      confidence: r.confidence,
      method: r.method,
      reviewStatus: r.review_status,
      note: r.note,
    };
    const checked = createStatementSchema.safeParse(input);
    if (!checked.success) {
      for (const issue of checked.error.issues)
        reject(columnOf(String(issue.path[0] ?? 'row')), issue.message);
      continue;
    }
    const document = await resolver.document(r);
    if (document === 'unknown') {
      reject('document_id', `unknown document '${r.document_id}'; give a source to create it`);
      continue;
    }
    const actor = await resolver.actor(r);
    const topic = await resolver.topic(r);
    if (!createMissing && (actor.isNew || topic.isNew)) {
      if (actor.isNew) reject('actor', `unknown actor '${r.actor}'; createMissing=true creates it`);
      if (topic.isNew) reject('topic', `unknown topic '${r.topic}'; createMissing=true creates it`);
      continue;
    }
    const content = buildStatement({
      ...checked.data,
      actorId: actor.record.id,
      topicId: topic.record.id,
      documentId: document?.id,
    });
    const statement = checked.data.id
      ? content
      : {
          ...content,
          id: orderedStatementId(content.statedAt ?? '', timeOfDay(r.date ?? ''), row, content.id),
        };
    const organization = r.organization ? await resolver.organization(r) : undefined;
    if (organization && organization.record.id === actor.record.id) {
      reject('organization', 'an actor cannot be a member of itself');
      continue;
    }
    for (const created of [actor, topic, ...(organization ? [organization] : [])]) {
      if (created.isNew) records.push({ ...created.planned, row } as PlannedRecord);
    }
    if (organization) {
      const affiliation = resolver.affiliation(actor.record.id, organization.record.id);
      if (affiliation)
        records.push({ kind: 'affiliations', record: affiliation, row, fieldName: () => 'organization' });
    }
    if (document && resolver.isNewDocument(document.id)) {
      records.push({ kind: 'documents', record: document, row, fieldName: () => 'source' });
      resolver.markPlanned(document.id);
    }
    records.push({ kind: 'statements', record: statement, row, fieldName: columnOf });
  }
  return { records, rejected, skipped: 0 };
}

interface Resolved<T> {
  record: T;
  isNew: boolean;
  planned: Omit<PlannedRecord, 'row'>;
}

/** Finds what a row names, remembering what earlier rows created so each new record is created once. */
class Resolver {
  private readonly actors = new Map<string, Actor>();
  private readonly topics = new Map<string, Topic>();
  private readonly documents = new Map<string, StoredDocument>();
  private readonly newDocuments = new Set<string>();
  private readonly planned = new Set<string>();

  constructor(private readonly store: GraphStore) {}

  private readonly affiliations = new Set<string>();

  /** A speaker not yet known is created as a person when the row names the organization they speak for. */
  async actor(r: Row): Promise<Resolved<Actor>> {
    return this.anyActor(r.actor, r.actor_name, r.organization ? 'person' : 'other', 'actor');
  }

  /** The organization a row's speaker speaks for, found or created like an actor. */
  async organization(r: Row): Promise<Resolved<Actor>> {
    return this.anyActor(r.organization!, r.organization_name, 'organization', 'organization');
  }

  /** The membership of a speaker in an organization, once per import and only if the store lacks it. */
  affiliation(memberId: string, organizationId: string): Affiliation | undefined {
    const key = `${memberId}\u0000${organizationId}`;
    if (this.affiliations.has(key)) return undefined;
    this.affiliations.add(key);
    return buildAffiliation({ memberId, organizationId });
  }

  private async anyActor(
    name: string,
    displayName: string | undefined,
    kind: Actor['kind'],
    column: string,
  ): Promise<Resolved<Actor>> {
    const key = name.toLowerCase();
    const known = this.actors.get(key);
    if (known) return { record: known, isNew: false, planned: planned('actors', known, column) };
    const found =
      (await this.store.get('actors', name)) ??
      (await this.store.findActorsByName(name)).sort((a, b) => (a.id < b.id ? -1 : 1))[0];
    const record: Actor = found ?? {
      id: slugIdSchema.safeParse(name).success ? name : slugFromName(name),
      name: displayName ?? name,
      aliases: [],
      kind,
    };
    this.actors.set(key, record);
    return { record, isNew: !found, planned: planned('actors', record, column) };
  }

  async topic(r: Row): Promise<Resolved<Topic>> {
    const key = r.topic.toLowerCase();
    const known = this.topics.get(key);
    if (known) return { record: known, isNew: false, planned: planned('topics', known, 'topic') };
    const byTitle = async () =>
      (await this.store.list('topics', { q: r.topic, limit: 50, offset: 0 })).items.find(
        (t) => t.title.toLowerCase() === key,
      );
    const found = (await this.store.get('topics', r.topic)) ?? (await byTitle());
    const record: Topic = found ?? {
      id: slugIdSchema.safeParse(r.topic).success ? r.topic : slugFromName(r.topic),
      title: r.topic_title ?? r.topic,
    };
    this.topics.set(key, record);
    return { record, isNew: !found, planned: planned('topics', record, 'topic') };
  }

  async document(r: Row): Promise<StoredDocument | 'unknown' | undefined> {
    if (!r.document_id && !r.source) return undefined;
    const id = r.document_id ?? slugFromName(r.source!);
    const known = this.documents.get(id) ?? (await this.store.get('documents', id));
    if (known) return this.documents.set(id, known).get(id);
    if (!r.source) return 'unknown';
    const url = r.source_url && /^https?:\/\//.test(r.source_url) ? r.source_url : undefined;
    const created = buildDocument({ id, title: r.source, url });
    this.documents.set(id, created);
    this.newDocuments.add(id);
    return created;
  }

  isNewDocument(id: string): boolean {
    return this.newDocuments.has(id) && !this.planned.has(id);
  }

  markPlanned(id: string): void {
    this.planned.add(id);
  }
}

function planned(
  kind: 'actors' | 'topics',
  record: Actor | Topic,
  column: string,
): Omit<PlannedRecord, 'row'> {
  return { kind, record, fieldName: () => column } as Omit<PlannedRecord, 'row'>;
}

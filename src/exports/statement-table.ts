import { stringify } from 'csv-stringify/sync';
import { qualifiedStatements, type AnalyticsLimits } from '../networks/stance-projection';
import type { Affiliation } from '../model/affiliation-schema';
import type { TimeWindow } from '../model/common-schema';
import { statedAtKey, type Statement } from '../model/statement-schema';
import type { GraphStore } from '../store/graph-store';
import { append } from '../shared/multimap';
import { acceptedAffiliations } from '../entities/accepted-affiliations';

/**
 * The statements table in the shape discourse network coders use: one row per statement, the speaking
 * actor, the organization they spoke for, the topic (DNA's concept), agreement, date, quote and source;
 * the remaining columns keep everything else a statement has, so the table imports back without loss.
 */
export const STATEMENT_COLUMNS = [
  'statement_id',
  'actor',
  'actor_name',
  'organization',
  'topic',
  'topic_title',
  'agreement',
  'polarity',
  'intensity',
  'date',
  'date_precision',
  'quote',
  'source',
  'source_url',
  'document_id',
  'evidence',
  'evidence_start',
  'evidence_end',
  'confidence',
  'method',
  'review_status',
  'note',
  /** verified or unverified (the document has no text to check against); read back, it is checked again. */
  'evidence_status',
] as const;

type StatementColumn = (typeof STATEMENT_COLUMNS)[number];

/** DNA's agreement qualifier: 1 agrees with the concept, 0 disagrees; neutral and mixed have none. */
const AGREEMENT_OF = { support: '1', oppose: '0', neutral: '', mixed: '' } as const;

export async function statementTable(
  store: GraphStore,
  query: { window: TimeWindow; topicId?: string; acceptedOnly: boolean; minConfidence: number },
  limits: AnalyticsLimits,
): Promise<string> {
  const statements = await qualifiedStatements(store, query, limits);
  statements.sort((a, b) =>
    a.statedAt === b.statedAt ? (a.id < b.id ? -1 : 1) : statedAtKey(a) < statedAtKey(b) ? -1 : 1,
  );
  const [actors, topics, documents] = await Promise.all([
    store.getMany('actors', [...new Set(statements.map((s) => s.actorId))]),
    store.getMany('topics', [...new Set(statements.map((s) => s.topicId))]),
    store.getMany('documents', [...new Set(statements.flatMap((s) => (s.documentId ? [s.documentId] : [])))]),
  ]);
  const names = new Map(actors.map((a) => [a.id, a.name]));
  const titles = new Map(topics.map((t) => [t.id, t.title]));
  const sources = new Map(documents.map((d) => [d.id, d]));
  const memberships = await membershipsOf(store, new Set(names.keys()));
  const organizationAt = (s: Statement) =>
    (memberships.get(s.actorId) ?? [])
      .filter((a) =>
        s.statedAt === undefined
          ? !a.from && !a.to
          : (!a.from || a.from <= s.statedAt) && (!a.to || s.statedAt <= a.to),
      )
      .map((a) => a.organizationId)
      .sort()[0] ?? '';
  const rows = statements.map((s): Record<StatementColumn, string | number> => {
    const document = s.documentId ? sources.get(s.documentId) : undefined;
    return {
      statement_id: s.id,
      actor: s.actorId,
      actor_name: names.get(s.actorId) ?? '',
      organization: organizationAt(s),
      topic: s.topicId,
      topic_title: titles.get(s.topicId) ?? '',
      agreement: AGREEMENT_OF[s.polarity],
      polarity: s.polarity,
      intensity: s.intensity,
      date: s.statedAt ?? '',
      date_precision: s.datePrecision,
      quote: s.quote ?? '',
      source: document ? [document.outlet, document.title].filter(Boolean).join(': ') : '',
      source_url: document?.url ?? '',
      document_id: s.documentId ?? '',
      evidence: s.evidence?.sentence ?? '',
      evidence_start: s.evidence?.start ?? '',
      evidence_end: s.evidence?.end ?? '',
      confidence: s.confidence,
      method: s.method,
      review_status: s.reviewStatus,
      note: s.note ?? '',
      evidence_status: s.evidenceStatus ?? '',
    };
  });
  return stringify(rows, {
    header: true,
    columns: [...STATEMENT_COLUMNS],
    cast: { string: neutraliseFormula },
  });
}

/**
 * A cell a spreadsheet would run as a formula (OWASP's CSV injection guidance: one starting with `=`, `+`,
 * `-`, `@`, a tab or a carriage return) is written with a leading `'`, which spreadsheets show as text.
 * Cells already starting with quote marks before such a character get one more, so `formulaText` can
 * always undo it exactly and the table still imports back without loss.
 */
const FORMULA_START = /^'*[=+\-@\t\r]/;

export function neutraliseFormula(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

/** Undoes `neutraliseFormula`: the cell as it was before export. */
export function formulaText(cell: string): string {
  return cell.startsWith("'") && FORMULA_START.test(cell.slice(1)) ? cell.slice(1) : cell;
}

async function membershipsOf(store: GraphStore, actorIds: Set<string>): Promise<Map<string, Affiliation[]>> {
  const memberships = new Map<string, Affiliation[]>();
  for await (const batch of acceptedAffiliations(store, 1000)) {
    for (const a of batch) {
      if (actorIds.has(a.memberId)) append(memberships, a.memberId, a);
    }
  }
  return memberships;
}

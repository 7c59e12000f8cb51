import { isDeepStrictEqual } from 'node:util';
import { checkClaimEvidence, type ClaimEvidence } from '../model/claim-evidence';
import type { StoredDocument } from '../model/document-schema';
import { ConflictError, ValidationError } from '../shared/errors';
import { type GraphStore } from '../store/graph-store';
import {
  ENTITY_KINDS,
  ENTITY_NAMES,
  ENTITY_REFERENCES,
  type EntityKind,
  type EntityMap,
  type GraphSnapshot,
} from '../model/entity-kinds';
import type { ImportReport, Rejection } from './import-schema';

/** One record to import, with where it came from so a rejection can name the row. */
export interface PlannedRecord<K extends EntityKind = EntityKind> {
  kind: K;
  record: EntityMap[K];
  row: number;
  /** The input's name for a record field, so a rejection names the column the user wrote. */
  fieldName(field: string): string;
  /**
   * A network node says only some fields of its actor or topic (a label, a kind): those given here. A
   * stored record keeps its other fields, and is unchanged when the given ones agree with it.
   */
  givenFields?: string[];
}

export interface ImportPlan {
  records: PlannedRecord[];
  rejected: Rejection[];
  skipped: number;
}

/** What an import does with a record whose id is already stored and whose content differs. */
export type OnExisting = 'error' | 'update';

export interface ImportOptions {
  /** With rejected rows, import the rest (true) or nothing (false). */
  partial: boolean;
  onExisting: OnExisting;
}

/** A rejected row, and whether it was refused for colliding with what is stored (409) or as invalid (422). */
interface Refusal extends Rejection {
  conflict?: boolean;
}

/**
 * Writes the plan in one transaction, or nothing. Every record is checked first: its references (against
 * the store and this import), its evidence (the one rule, model/claim-evidence.ts), and its id. A stored
 * record with the same id and the same content is left unchanged; one with other content is a conflict
 * unless `onExisting` is `update`, and a document's text never changes while claims point into it. A
 * document with the text of another one is a conflict naming it. With any rejected row and no `partial`,
 * nothing is written: 409 when a row collides with stored data, else 422, each row and field named.
 */
export async function applyImport(
  store: GraphStore,
  plan: ImportPlan,
  options: ImportOptions,
): Promise<ImportReport> {
  const rejected: Refusal[] = [...plan.rejected];
  let records = plan.records;
  const stored = await existingIds(store, records);
  for (let changed = true; changed;) {
    changed = false;
    const present = new Map<EntityKind, Set<string>>(ENTITY_KINDS.map((k) => [k, new Set(stored.get(k))]));
    for (const r of records) present.get(r.kind)!.add(r.record.id);
    records = records.filter((r) => {
      for (const ref of ENTITY_REFERENCES[r.kind]) {
        const value = (r.record as unknown as Record<string, unknown>)[ref.field] as string | undefined;
        if (value === undefined || present.get(ref.kind)!.has(value)) continue;
        rejected.push({
          row: r.row,
          field: r.fieldName(ref.field),
          reason: `unknown ${ref.kind.slice(0, -1)} '${value}'`,
        });
        changed = true;
        return false;
      }
      return true;
    });
  }
  const checked = await checkRecords(store, records, options.onExisting);
  rejected.push(...checked.rejected);
  // A claim whose document was refused cannot stay either.
  const refusedDocuments = new Set(checked.refusedDocuments);
  const kept = checked.records.filter((r) => {
    const documentId = (r.record as { documentId?: string }).documentId;
    if (r.kind === 'documents' || !documentId || !refusedDocuments.has(documentId)) return true;
    rejected.push({
      row: r.row,
      field: r.fieldName('documentId'),
      reason: `document '${documentId}' was refused`,
    });
    return false;
  });
  rejected.sort((a, b) => a.row - b.row || a.field.localeCompare(b.field));
  if (rejected.length > 0 && !options.partial) {
    const rows = new Set(rejected.map((r) => r.row)).size;
    const issues = rejected.map((r) => ({
      path: ['rows', r.row, r.field],
      location: 'body' as const,
      message: r.reason,
    }));
    const message = `stancegraph/imports: ${rows} rows rejected, nothing was imported (partial=true imports the rest)`;
    if (rejected.some((r) => r.conflict)) throw new ConflictError(message, issues);
    throw new ValidationError(message, issues);
  }
  const snapshot: Partial<GraphSnapshot> = {};
  for (const r of kept)
    if (r.outcome !== 'unchanged') ((snapshot[r.kind] ??= []) as unknown[]).push(r.record);
  await store.upsertSnapshot(snapshot);
  const tally = (outcome: Outcome) =>
    Object.fromEntries(
      ENTITY_KINDS.map((k) => [k, kept.filter((r) => r.kind === k && r.outcome === outcome).length]),
    ) as Record<EntityKind, number>;
  const created = tally('created');
  const updated = tally('updated');
  const imported = Object.fromEntries(ENTITY_KINDS.map((k) => [k, created[k] + updated[k]]));
  return {
    imported,
    created,
    updated,
    unchanged: tally('unchanged'),
    rejected: rejected.map(({ conflict: _conflict, ...r }) => r),
    skipped: plan.skipped,
  };
}

type Outcome = 'created' | 'updated' | 'unchanged';

interface CheckedRecord extends PlannedRecord {
  outcome: Outcome;
}

/**
 * Each record against the store: created, updated or unchanged, or refused (a conflict, evidence not in
 * its document, a document whose text would change under claims or that repeats another's text).
 */
async function checkRecords(
  store: GraphStore,
  records: PlannedRecord[],
  onExisting: OnExisting,
): Promise<{ records: CheckedRecord[]; rejected: Refusal[]; refusedDocuments: string[] }> {
  const rejected: Refusal[] = [];
  const refusedDocuments: string[] = [];
  const current = new Map<string, object>();
  for (const kind of ENTITY_KINDS) {
    const ids = records.filter((r) => r.kind === kind).map((r) => r.record.id);
    for (const entity of await store.getMany(kind, ids)) current.set(`${kind}/${entity.id}`, entity);
  }
  // The documents claims are checked against: those of this import over those stored.
  const documents = new Map<string, StoredDocument>();
  const byHash = new Map<string, string>();
  const checkedRecords: CheckedRecord[] = [];
  const seen = new Set<string>();
  for (const r of records) {
    const key = `${r.kind}/${r.record.id}`;
    if (seen.has(key)) {
      // The same record twice in one import (a CSV's created actor on many rows is planned once).
      rejected.push({
        row: r.row,
        field: r.fieldName('id'),
        reason: `'${r.record.id}' appears twice in this import`,
        conflict: true,
      });
      continue;
    }
    seen.add(key);
    let record: object = r.record;
    if (r.kind === 'statements' || r.kind === 'relations') {
      const claim = record as ClaimEvidence;
      const document = claim.documentId
        ? (documents.get(claim.documentId) ?? (await store.get('documents', claim.documentId)))
        : undefined;
      const check = checkClaimEvidence(claim, document);
      if (check.issues.length > 0) {
        for (const issue of check.issues)
          rejected.push({ row: r.row, field: r.fieldName(String(issue.path[0])), reason: issue.message });
        continue;
      }
      const { evidenceStatus: _given, ...rest } = claim as { evidenceStatus?: string };
      record = check.status ? { ...rest, evidenceStatus: check.status } : rest;
    }
    const existing = current.get(key);
    if (existing && r.givenFields) {
      const given = Object.fromEntries(
        r.givenFields.map((field) => [field, (record as Record<string, unknown>)[field]]),
      );
      record = { ...existing, ...given };
    }
    let outcome: Outcome = 'created';
    if (existing) {
      if (isDeepStrictEqual(plain(existing), plain(record))) outcome = 'unchanged';
      else if (onExisting === 'update') outcome = 'updated';
      else {
        rejected.push({
          row: r.row,
          field: r.fieldName('id'),
          reason: `${ENTITY_NAMES[r.kind]} '${r.record.id}' already exists with other content; onExisting=update replaces it`,
          conflict: true,
        });
        if (r.kind === 'documents') refusedDocuments.push(r.record.id);
        continue;
      }
    }
    if (r.kind === 'documents') {
      const document = record as StoredDocument;
      const refusal = await documentRefusal(store, document, existing as StoredDocument | undefined, byHash);
      if (refusal) {
        rejected.push({
          row: r.row,
          field: r.fieldName(refusal.field),
          reason: refusal.reason,
          conflict: true,
        });
        refusedDocuments.push(document.id);
        continue;
      }
      documents.set(document.id, document);
      byHash.set(document.contentHash, document.id);
    }
    checkedRecords.push({ ...r, record, outcome } as CheckedRecord);
  }
  return { records: checkedRecords, rejected, refusedDocuments };
}

/** Why a document may not be written: its text would change under claims, or another has the same text. */
async function documentRefusal(
  store: GraphStore,
  document: StoredDocument,
  existing: StoredDocument | undefined,
  byHash: Map<string, string>,
): Promise<{ field: string; reason: string } | undefined> {
  if (existing && existing.text !== document.text) {
    const claims =
      (await store.list('statements', { documentId: document.id, limit: 1, offset: 0 })).total +
      (await store.list('relations', { documentId: document.id, limit: 1, offset: 0 })).total;
    if (claims > 0) {
      return {
        field: 'text',
        reason: `the text of document '${document.id}' cannot change: ${claims > 1 ? 'claims point' : 'a claim points'} into it`,
      };
    }
  }
  const twinInImport = byHash.get(document.contentHash);
  const twin = twinInImport ?? (await store.findDocumentByHash(document.contentHash))?.id;
  if (twin !== undefined && twin !== document.id) {
    return {
      field: 'text',
      reason: `same text as document '${twin}', which is already ${twinInImport ? 'in this import' : 'stored'}`,
    };
  }
  return undefined;
}

/** A record as stored: absent and undefined fields alike. */
function plain(record: object): unknown {
  return JSON.parse(JSON.stringify(record));
}
async function existingIds(store: GraphStore, records: PlannedRecord[]): Promise<Map<EntityKind, string[]>> {
  const wanted = new Map<EntityKind, Set<string>>(ENTITY_KINDS.map((k) => [k, new Set()]));
  for (const r of records) {
    for (const ref of ENTITY_REFERENCES[r.kind]) {
      const value = (r.record as unknown as Record<string, unknown>)[ref.field];
      if (typeof value === 'string') wanted.get(ref.kind)!.add(value);
    }
  }
  const found = new Map<EntityKind, string[]>();
  for (const [kind, ids] of wanted) {
    found.set(
      kind,
      (await store.getMany(kind, [...ids])).map((e) => e.id),
    );
  }
  return found;
}
